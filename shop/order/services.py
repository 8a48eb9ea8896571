"""Every write to an order after it is placed: its parts (one per seller) and every change a part
can go through, and the job that reminds about unpaid parts and then cancels them.

Each change locks the part's row, checks the part is in a state that allows it (so a
double-clicked button or a replayed webhook changes nothing twice), records the time, moves
stock as Oscar's two-stage model expects (allocated at order, consumed when shipped, released
when cancelled) and sends ``shop.order.signals.part_changed``, whose receiver e-mails the buyer
after the transaction commits. A cancellation also sends ``part_cancelled``, inside its
transaction, for the money: the payments app refunds a paid card part there.
"""

import logging
from collections import OrderedDict
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from shop.order.signals import part_cancelled, part_changed
from shop.shipping.rules import parcel_charge, region_for_address, rules_by_region

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
PaymentTerms = get_model("order", "PaymentTerms")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger(__name__)

Status = OrderPart.Status


class PartChangeRefused(Exception):
    """The part is not in a state that allows the change; the message is for the user."""


def order_placed_event_type_ensure() -> bool:
    """The "order placed" message type that Oscar records the confirmation e-mail under (and
    looks for, to send it once); True if it had to be made."""
    _, created = CommunicationEventType.objects.get_or_create(
        code=OrderDispatcher.ORDER_PLACED_EVENT_CODE,
        defaults={"name": "Order placed", "category": CommunicationEventType.ORDER_RELATED},
    )
    return created


# --- Parts ------------------------------------------------------------------------------------


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
        _changed(part, "placed")
    return parts


def _locked(part):
    return OrderPart.objects.select_for_update().select_related("order").get(pk=part.pk)


def _refuse(part):
    raise PartChangeRefused(
        _("Order part %(code)s is already “%(status)s”; nothing was changed.")
        % {"code": part.code, "status": part.get_status_display()}
    )


def _changed(part, kind: str) -> None:
    """Tell the receivers (the buyer's e-mail, sent after the commit) what happened."""
    part_changed.send(sender=OrderPart, part=part, kind=kind)


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
    _changed(part, "paid")
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
    _changed(part, "confirmed")
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
    _changed(part, "shipped")
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
    _changed(part, "completed")
    return part


@transaction.atomic
def part_cancel(part, *, by: str):
    """Cancel a part that has not left: its stock returns, a card payment is refunded (by the
    payments app's receiver of ``part_cancelled``; a refused refund undoes everything)."""
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
    part_cancelled.send(sender=OrderPart, part=part)
    _order_status_sync(part.order)
    _changed(part, "cancelled")
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


# --- Unpaid parts -----------------------------------------------------------------------------
# Unpaid transfers and card payments: remind the buyer, then cancel and release the stock. Run
# every 15 minutes by Celery beat (``shop.order.tasks.remind_and_cancel_unpaid``), with the
# admin's PaymentTerms. Each part is handled in its own transaction, so one failure is logged
# and the others go on; the conditions are re-checked under the row's lock, so running twice
# (or two beats at once) reminds and cancels once. A card part is cancelled like a transfer,
# Stripe left alone: a payment arriving afterwards is the payments app's business (it refunds
# it).

WAITING_METHODS = (OrderPart.Payment.BANK_TRANSFER, OrderPart.Payment.CARD)


def _awaiting():
    return OrderPart.objects.filter(
        status=Status.AWAITING_PAYMENT, payment_method__in=WAITING_METHODS
    )


def _remind(part_id: int, now) -> bool:
    with transaction.atomic():
        part = (
            _awaiting()
            .select_for_update()
            .filter(pk=part_id, payment_reminder_sent_at__isnull=True)
            .first()
        )
        if part is None:
            return False
        part.payment_reminder_sent_at = now
        part.save(update_fields=["payment_reminder_sent_at"])
        _changed(part, "payment_reminder")
    return True


def _cancel(part_id: int) -> bool:
    with transaction.atomic():
        # Still unpaid under the lock: a payment confirmed a moment ago makes the part
        # "placed", which part_cancel alone would still accept.
        part = _awaiting().select_for_update().filter(pk=part_id).first()
        if part is None:
            return False
        try:
            part_cancel(part, by=OrderPart.CancelledBy.SYSTEM)
        except PartChangeRefused:
            return False
    return True


def unpaid_parts_process(now=None) -> dict:
    """Remind about parts unpaid for ``reminder_after_hours`` and cancel those unpaid for
    ``cancel_after_hours``. Returns how many were reminded, cancelled and failed."""
    now = now or timezone.now()
    terms = PaymentTerms.current()
    cancel_before = now - timedelta(hours=terms.cancel_after_hours)
    remind_before = now - timedelta(hours=terms.reminder_after_hours)
    counts = {"reminded": 0, "cancelled": 0, "failed": 0}

    overdue = list(
        _awaiting().filter(created__lte=cancel_before).order_by("pk").values_list("pk", flat=True)
    )
    for part_id in overdue:
        try:
            counts["cancelled"] += _cancel(part_id)
        except Exception:
            counts["failed"] += 1
            logger.exception("unpaid order part %s: cancellation failed", part_id)

    due = list(
        _awaiting()
        .filter(
            created__lte=remind_before,
            created__gt=cancel_before,
            payment_reminder_sent_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for part_id in due:
        try:
            counts["reminded"] += _remind(part_id, now)
        except Exception:
            counts["failed"] += 1
            logger.exception("unpaid order part %s: reminder failed", part_id)
    if any(counts.values()):
        logger.info("unpaid order parts: %s", counts)
    return counts
