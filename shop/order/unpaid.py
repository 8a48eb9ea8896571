"""Unpaid transfers and card payments: remind the buyer, then cancel and release the stock.

Run every 15 minutes by Celery beat (``shop.order.tasks.remind_and_cancel_unpaid``), with the
admin's PaymentTerms. Each part is handled in its own transaction, so one failure is logged and
the others go on; the conditions are re-checked under the row's lock, so running twice (or two
beats at once) reminds and cancels once. A card part is cancelled like a transfer, Stripe left
alone: a payment arriving afterwards is the payments app's business (it refunds it).
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.parts import PartChangeRefused, notify, part_cancel

OrderPart = get_model("order", "OrderPart")
PaymentTerms = get_model("order", "PaymentTerms")

logger = logging.getLogger(__name__)

WAITING_METHODS = (OrderPart.Payment.BANK_TRANSFER, OrderPart.Payment.CARD)


def _awaiting():
    return OrderPart.objects.filter(
        status=OrderPart.Status.AWAITING_PAYMENT, payment_method__in=WAITING_METHODS
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
        notify(part, "payment_reminder")
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
