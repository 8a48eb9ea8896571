from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    language = models.CharField(
        _("language"), max_length=8, default="vi",
        help_text=_("The language the buyer ordered in; e-mails about the order use it."),
    )

    class Meta(AbstractOrder.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402,F401,F403
