"""The payment methods a buyer can choose at checkout.

- Cash on delivery: always; each seller's courier collects that parcel's amount.
- Bank transfer by VietQR: when every seller in the basket has a bank account on file, since
  the buyer pays each seller directly.
- Card through Stripe: only when the Stripe keys and webhook secret are configured; the
  platform collects the whole order and owes each seller its share.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_model

# The codes are the order part's payment choices (``OrderPart.Payment``): one definition,
# stored on each part and on Oscar's payment source type.
Payment = get_model("order", "OrderPart").Payment


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    name: str | Promise
    description: str | Promise
    source_type_name: str


CASH_ON_DELIVERY = PaymentMethod(
    code=Payment.CASH,
    name=pgettext_lazy("payment option at checkout", "Cash on delivery"),
    description=_("Pay the delivery person in cash when each seller's parcel arrives."),
    source_type_name="Cash on delivery",
)
BANK_TRANSFER = PaymentMethod(
    code=Payment.BANK_TRANSFER,
    name=_("Bank transfer (VietQR)"),
    description=_(
        "Scan one QR code per seller with any Vietnamese banking app; each seller "
        "ships once it sees your transfer."
    ),
    source_type_name="VietQR bank transfer",
)
CARD = PaymentMethod(
    code=Payment.CARD,
    name=_("Card (Visa, Mastercard, JCB)"),
    description=_("Pay the whole order on Stripe's secure page; 3-D Secure supported."),
    source_type_name="Stripe card",
)
ALL_METHODS = (CASH_ON_DELIVERY, BANK_TRANSFER, CARD)


def card_payments_enabled() -> bool:
    return bool(
        settings.STRIPE_SECRET_KEY
        and settings.STRIPE_PUBLISHABLE_KEY
        and settings.STRIPE_WEBHOOK_SECRET
    )


def sellers_take_transfers(basket) -> bool:
    """Every seller in the basket has a bank account buyers can transfer to."""
    partners = {line.stockrecord.partner for line in basket.all_lines() if line.stockrecord_id}
    return bool(partners) and all(
        p.bank_bin and p.bank_account_number and p.bank_account_holder for p in partners
    )


def available_methods(basket=None) -> list[PaymentMethod]:
    methods = [CASH_ON_DELIVERY]
    if basket is not None and sellers_take_transfers(basket):
        methods.append(BANK_TRANSFER)
    if card_payments_enabled():
        methods.append(CARD)
    return methods


def get_method(code: str, basket=None) -> PaymentMethod | None:
    return next((m for m in available_methods(basket) if m.code == code), None)
