"""What the buyer sees of an order, per seller part: lines, amounts, how to pay, what can be done.

One function builds it for the order page, the checkout thank-you page, the signed-in buyer's
order history and the e-mails, so they always agree. It costs a fixed number of queries
however many sellers and lines the order has (parts with their sellers, then all lines at once).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_model

from shop.payments.banks import bank_by_bin
from shop.payments.vietqr import build_payload, order_reference

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Line = get_model("order", "Line")


@dataclass(frozen=True)
class Transfer:
    """Where and how much the buyer transfers for one part, and the VietQR payload for it."""

    bank_bin: str
    bank_short_name: str
    bank_name: str
    account: str
    holder: str
    amount: Decimal
    reference: str
    payload: str


@dataclass
class BuyerPart:
    part: OrderPart
    lines: list = field(default_factory=list)
    transfer: Transfer | None = None
    qr_url: str = ""
    cancel_url: str = ""

    @property
    def awaits_transfer(self) -> bool:
        return (
            self.part.payment_method == OrderPart.Payment.BANK_TRANSFER
            and self.part.status == OrderPart.Status.AWAITING_PAYMENT
        )

    @property
    def awaits_card(self) -> bool:
        return (
            self.part.payment_method == OrderPart.Payment.CARD
            and self.part.status == OrderPart.Status.AWAITING_PAYMENT
        )

    @property
    def collects_cash(self) -> bool:
        """A cash part whose parcel is still to be paid at the door."""
        return self.part.payment_method == OrderPart.Payment.CASH and self.part.status not in (
            OrderPart.Status.CANCELLED,
            OrderPart.Status.COMPLETED,
        )


def part_transfer_reference(part) -> str:
    """The transfer content for a part: the order reference and the part number, e.g.
    "DH100042 2", short ASCII that every banking app accepts and a seller can match."""
    return f"{order_reference(part.order.number)} {part.number}"


def part_transfer(part) -> Transfer | None:
    """The seller's bank details and the dynamic VietQR payload for the part's exact total,
    or None when the seller's bank details are missing or would make an invalid QR."""
    partner = part.partner
    if not (partner.bank_bin and partner.bank_account_number and partner.bank_account_holder):
        return None
    amount = part.total
    reference = part_transfer_reference(part)
    try:
        payload = build_payload(
            bin=partner.bank_bin,
            account=partner.bank_account_number,
            amount=int(amount),
            purpose=reference,
            dynamic=True,
        )
    except ValueError:
        return None
    bank = bank_by_bin(partner.bank_bin)
    return Transfer(
        bank_bin=partner.bank_bin,
        bank_short_name=bank.short_name if bank else partner.bank_bin,
        bank_name=bank.name if bank else "",
        account=partner.bank_account_number,
        holder=partner.bank_account_holder,
        amount=amount,
        reference=reference,
        payload=payload,
    )


def order_page_path(order) -> str:
    return reverse(
        "orders:detail", kwargs={"number": order.number, "hash": order.verification_hash()}
    )


def card_payment_path(order) -> str:
    """Where the buyer pays a card order (built by the payments app), or "" without it."""
    try:
        return reverse(
            "payments:card-start",
            kwargs={"number": order.number, "hash": order.verification_hash()},
        )
    except NoReverseMatch:
        return ""


def order_buyer_parts(order) -> list[BuyerPart]:
    """Every part of ``order`` as the buyer sees it, in part order (two queries)."""
    parts = list(OrderPart.objects.filter(order=order).select_related("partner").order_by("number"))
    lines_by_partner: dict[int, list] = {}
    for line in Line.objects.filter(order=order).select_related("product").order_by("pk"):
        lines_by_partner.setdefault(line.partner_id, []).append(line)
    kwargs = {"number": order.number, "hash": order.verification_hash()}
    result = []
    for part in parts:
        part.order = order  # part.code and the reference read the order: no query per part
        view = BuyerPart(part=part, lines=lines_by_partner.get(part.partner_id, []))
        if view.awaits_transfer:
            view.transfer = part_transfer(part)
            if view.transfer:
                view.qr_url = reverse("orders:part-qr", kwargs={**kwargs, "part": part.number})
        if part.is_cancellable:
            view.cancel_url = reverse("orders:part-cancel", kwargs={**kwargs, "part": part.number})
        result.append(view)
    return result


def order_card_payment_path(order, parts: list[BuyerPart]) -> str:
    """The "Pay by card" link while a card part still waits for the payment."""
    if any(p.awaits_card for p in parts):
        return card_payment_path(order)
    return ""
