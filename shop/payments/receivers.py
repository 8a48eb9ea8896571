"""What the payments app does when orders change; connected in ``PaymentsConfig.ready()``."""

from oscar.core.loading import get_model

from shop.payments.services import part_refund

OrderPart = get_model("order", "OrderPart")


def paid_card_part_refund(sender, part, **kwargs) -> None:
    """A cancelled part that was paid by card gets its money back, inside the cancellation's
    transaction: when Stripe refuses the refund, ``RefundFailed`` rolls the cancellation back."""
    if part.payment_method == OrderPart.Payment.CARD and part.paid_at:
        part_refund(part)
