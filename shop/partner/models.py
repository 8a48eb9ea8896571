"""Sellers. An Oscar partner is the seller: a youth startup, a cooperative or a household
business, with its story and place. Bank details for transfers arrive with the payment work."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner


class Partner(AbstractPartner):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Youth startup")
        COOPERATIVE = "cooperative", _("Cooperative")
        HOUSEHOLD = "household", _("Household business")

    kind = models.CharField(
        _("seller kind"), max_length=16, choices=Kind.choices, default=Kind.STARTUP
    )
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    description = models.TextField(_("story"), blank=True)
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province or city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sellers",
    )
    commune = models.CharField(_("commune or ward"), max_length=128, blank=True)
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)

    class Meta(AbstractPartner.Meta):
        pass

    def get_absolute_url(self):
        return reverse("seller-detail", kwargs={"slug": self.code})


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
