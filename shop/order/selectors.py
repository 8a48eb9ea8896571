"""What the buyer sees of an order, per seller part: lines, amounts, how to pay, what can be done.

One function builds it for the order page, the checkout thank-you page, the signed-in buyer's
order history and the e-mails, so they always agree. It costs a fixed number of queries
however many sellers and lines the order has (parts with their sellers, then all lines at once).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_model

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Line = get_model("order", "Line")


class Transfer(Protocol):
    """Where and how much the buyer transfers for one part, as the pages and e-mails show it,
    with the VietQR payload and its image. Built by the payments app (see ``part_transfer``)."""

    bank_short_name: str
    bank_name: str
    account: str
    holder: str
    amount: Decimal
    reference: str
    payload: str

    def qr_png(self) -> bytes: ...


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


# How a part is paid by bank transfer (the seller's bank, the VietQR payload) is the payments
# app's to say, and that app sits above this one: it hands its reader in when Django starts
# (``shop.payments.apps.PaymentsConfig.ready``), so that orders never import payments.
_transfer_reader: Callable[[OrderPart], Transfer | None] | None = None


def part_transfer_reader_set(reader: Callable[[OrderPart], Transfer | None]) -> None:
    """Give ``part_transfer`` the function that builds a part's transfer (the payments app's)."""
    global _transfer_reader
    _transfer_reader = reader


def part_transfer(part) -> Transfer | None:
    """The seller's bank details and the VietQR payload for the part's exact total, or None
    when the seller's bank details are missing or would make an invalid QR (or no payments
    app is installed to say). Reads nothing more than the part, its order and its seller."""
    if _transfer_reader is None:
        return None
    return _transfer_reader(part)


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


def seller_order_figures(*, partner_id: int) -> tuple[int, Decimal]:
    """How many parcels (order parts) the seller has sold here, cancelled ones left out, and
    their goods' total, read live (one query): a startup's pitch shows them as traction."""
    totals = (
        OrderPart.objects.filter(partner_id=partner_id)
        .exclude(status=OrderPart.Status.CANCELLED)
        .aggregate(orders=Count("pk"), revenue=Sum("goods_total"))
    )
    return totals["orders"], totals["revenue"] or Decimal(0)
