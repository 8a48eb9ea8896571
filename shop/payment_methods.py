"""The payment methods a buyer can choose at checkout.

Cash on delivery is always offered. Bank transfer (VietQR) and cards (Stripe) join this list
in the payment work, each offered only when it is configured.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PaymentMethod:
    code: str
    name: str | Promise
    description: str | Promise
    source_type_name: str


CASH_ON_DELIVERY = PaymentMethod(
    code="cod",
    name=_("Cash on delivery"),
    description=_("Pay the delivery person in cash when your parcel arrives."),
    source_type_name="Cash on delivery",
)


def available_methods() -> list[PaymentMethod]:
    return [CASH_ON_DELIVERY]


def get_method(code: str) -> PaymentMethod | None:
    return next((m for m in available_methods() if m.code == code), None)
