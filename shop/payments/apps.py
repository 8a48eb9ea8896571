from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Card payments through Stripe, their webhooks and refunds, and what the platform owes
    each seller for card sales."""

    name = "shop.payments"
    label = "payments"
    verbose_name = _("Card payments")
    default_auto_field = "django.db.models.BigAutoField"
