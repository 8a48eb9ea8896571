from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from shop.order.signals import part_cancelled


class PaymentsConfig(AppConfig):
    """How buyers pay: the methods offered at checkout, bank transfers by VietQR straight to
    each seller, card payments through Stripe with their webhooks and refunds, and what the
    platform owes each seller for card sales."""

    name = "shop.payments"
    label = "payments"
    verbose_name = _("Card payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules read models, which Django loads only
        # after every app config.
        from shop.order import selectors as order_selectors
        from shop.payments import receivers, selectors

        part_cancelled.connect(
            receivers.paid_card_part_refund,
            sender=self.apps.get_model("order", "OrderPart"),
            dispatch_uid="payments-paid-card-part-refund",
        )
        # The order pages and e-mails show a part's bank transfer; orders never import
        # payments, so they get the reader from here.
        order_selectors.part_transfer_reader_set(selectors.part_transfer)
