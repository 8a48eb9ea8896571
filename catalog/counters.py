"""Cheap product view counts.

Oscar counts a product page view with a read and a write of its analytics row on every view,
which would make every page view, even one served from the page cache, wait for the database.
Here a view is one addition to a per-process counter; every ``FLUSH_SECONDS`` (or
``FLUSH_VIEWS`` views) the counts go to a Celery task that adds them to Oscar's
``ProductRecord.num_views`` in one statement per product. A process that dies loses at most
that window of counts, which is acceptable for a popularity figure.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 30
FLUSH_VIEWS = 500

_lock = threading.Lock()
_counts: Counter = Counter()
_last_flush = time.monotonic()


def product_viewed(pk) -> None:
    global _last_flush
    with _lock:
        _counts[int(pk)] += 1
        due = (
            sum(_counts.values()) >= FLUSH_VIEWS or time.monotonic() - _last_flush >= FLUSH_SECONDS
        )
        if not due:
            return
        batch = dict(_counts)
        _counts.clear()
        _last_flush = time.monotonic()
    send(batch)


def flush() -> None:
    """Send what is counted now (tests; a worker shutting down)."""
    global _last_flush
    with _lock:
        batch = dict(_counts)
        _counts.clear()
        _last_flush = time.monotonic()
    if batch:
        send(batch)


def reset() -> None:
    """Forget what is counted and not sent yet (tests)."""
    global _last_flush
    with _lock:
        _counts.clear()
        _last_flush = time.monotonic()


def send(batch: dict[int, int]) -> None:
    from catalog import tasks

    try:
        tasks.record_product_views.delay({str(k): v for k, v in batch.items()})
    except Exception:  # noqa: BLE001 - a count is never worth a failed page
        logger.exception("Could not send %d product view counts", len(batch))


def record(counts: dict) -> int:
    """Add ``counts`` ({product id: views}) to Oscar's product records; products deleted
    meanwhile are skipped. Returns how many products were counted."""
    from django.db import transaction
    from django.db.models import F
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    ProductRecord = get_model("analytics", "ProductRecord")
    counts = {int(k): int(v) for k, v in counts.items() if int(v) > 0}
    existing = set(Product.objects.filter(pk__in=counts).values_list("pk", flat=True))
    with transaction.atomic():
        have = set(
            ProductRecord.objects.filter(product_id__in=existing).values_list(
                "product_id", flat=True
            )
        )
        ProductRecord.objects.bulk_create(
            [ProductRecord(product_id=pk) for pk in existing - have], ignore_conflicts=True
        )
        for pk in sorted(existing):
            ProductRecord.objects.filter(product_id=pk).update(
                num_views=F("num_views") + counts[pk]
            )
    return len(existing)
