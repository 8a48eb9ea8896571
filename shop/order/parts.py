"""Order parts: one per seller in an order, and every change a part can go through.

Each change locks the part's row, checks the part is in a state that allows it (so a
double-clicked button or a replayed webhook changes nothing twice), records the time, moves
stock as Oscar's two-stage model expects (allocated at order, consumed when shipped, released
when cancelled), and e-mails the buyer after the transaction commits.
"""

import logging
from collections import OrderedDict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.shipping.rules import parcel_charge, region_for_address, rules_by_region

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

logger = logging.getLogger(__name__)

Status = OrderPart.Status


class PartChangeRefused(Exception):
    """The part is not in a state that allows the change; the message is for the user."""


def parts_create(*, order, payment_method: str) -> list:
    """Split a just-placed order into one part per seller, priced as the checkout showed."""
    grouped: OrderedDict[int, Decimal] = OrderedDict()
    for line in order.lines.order_by("pk"):
        grouped.setdefault(line.partner_id, Decimal(0))
        grouped[line.partner_id] += line.line_price_incl_tax
    region = region_for_address(order.shipping_address)
    rules = rules_by_region()
    initial = Status.PLACED if payment_method == OrderPart.Payment.CASH else Status.AWAITING_PAYMENT
    parts = [
        OrderPart(
            order=order,
            partner_id=partner_id,
            number=index,
            status=initial,
            payment_method=payment_method,
            goods_total=goods,
            shipping_charge=parcel_charge(goods, region, rules),
        )
        for index, (partner_id, goods) in enumerate(grouped.items(), start=1)
    ]
    OrderPart.objects.bulk_create(parts)
    for part in parts:
        notify(part, "placed")
    return parts


def _locked(part):
    return OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)


def _refuse(part):
    raise PartChangeRefused(
        _("Order part %(code)s is already “%(status)s”; nothing was changed.")
        % {"code": part.code, "status": part.get_status_display()}
    )


@transaction.atomic
def part_payment_received(part, *, paid_at=None):
    """Money for the part arrived (the seller saw the transfer, or Stripe said so)."""
    part = _locked(part)
    if part.status != Status.AWAITING_PAYMENT:
        _refuse(part)
    part.status = Status.PLACED
    part.paid_at = paid_at or timezone.now()
    part.save(update_fields=["status", "paid_at"])
    _order_status_sync(part.order)
    notify(part, "paid")
    return part


@transaction.atomic
def part_confirm(part):
    part = _locked(part)
    if part.status != Status.PLACED:
        _refuse(part)
    part.status = Status.CONFIRMED
    part.confirmed_at = timezone.now()
    part.save(update_fields=["status", "confirmed_at"])
    _order_status_sync(part.order)
    notify(part, "confirmed")
    return part


@transaction.atomic
def part_ship(part, *, carrier: str, tracking_number: str):
    part = _locked(part)
    if part.status not in (Status.PLACED, Status.CONFIRMED):
        _refuse(part)
    for line in part.lines().select_related("stockrecord__product__product_class"):
        if line.stockrecord_id and line.is_allocation_consumption_possible(line.num_allocated or 0):
            line.consume_allocation(line.num_allocated)
    now = timezone.now()
    part.status = Status.SHIPPED
    part.confirmed_at = part.confirmed_at or now
    part.shipped_at = now
    part.carrier = carrier.strip()
    part.tracking_number = tracking_number.strip()
    part.save(update_fields=["status", "confirmed_at", "shipped_at", "carrier", "tracking_number"])
    _order_status_sync(part.order)
    notify(part, "shipped")
    return part


@transaction.atomic
def part_complete(part):
    part = _locked(part)
    if part.status != Status.SHIPPED:
        _refuse(part)
    now = timezone.now()
    part.status = Status.COMPLETED
    part.completed_at = now
    if part.payment_method == OrderPart.Payment.CASH:
        part.paid_at = now  # the courier collected the cash on delivery
    part.save(update_fields=["status", "completed_at", "paid_at"])
    _order_status_sync(part.order)
    notify(part, "completed")
    return part


@transaction.atomic
def part_cancel(part, *, by: str):
    """Cancel a part that has not left: its stock returns, a card payment is refunded."""
    part = _locked(part)
    if not part.is_cancellable:
        _refuse(part)
    for line in part.lines().select_related("stockrecord__product__product_class"):
        if line.stockrecord_id and line.num_allocated:
            line.cancel_allocation(line.num_allocated)
    part.status = Status.CANCELLED
    part.cancelled_at = timezone.now()
    part.cancelled_by = by
    part.save(update_fields=["status", "cancelled_at", "cancelled_by"])
    if part.payment_method == OrderPart.Payment.CARD and part.paid_at:
        from shop.payments.services import part_refund

        part_refund(part)
    _order_status_sync(part.order)
    notify(part, "cancelled")
    return part


def _order_status_sync(order):
    """Keep Oscar's order status a summary of its parts (used by Oscar's own pages)."""
    statuses = set(order.parts.values_list("status", flat=True))
    if statuses == {Status.CANCELLED}:
        summary = "Cancelled"
    elif statuses <= {Status.COMPLETED, Status.CANCELLED}:
        summary = "Complete"
    elif statuses & {Status.SHIPPED, Status.COMPLETED}:
        summary = "Shipped"
    elif Status.CONFIRMED in statuses:
        summary = "Being processed"
    else:
        summary = "Pending"
    if order.status != summary:
        Order.objects.filter(pk=order.pk).update(status=summary)
        order.status = summary


def notify(part, kind: str) -> None:
    """E-mail the buyer about the part once the change has committed."""
    from shop.order.outbox import task_enqueue_on_commit
    from shop.order.tasks import send_part_notice

    task_enqueue_on_commit(send_part_notice, part.pk, kind)
