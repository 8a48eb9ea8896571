"""Cheap product view counts.

Oscar counts a product page view with a read and a write of its analytics row on every view,
which would make every page view, even one served from the page cache, wait for the database.
Here a view is one addition to a per-process counter; every ``FLUSH_SECONDS`` (or
``FLUSH_VIEWS`` views) the counts go to a Celery task that adds them to Oscar's
``ProductRecord.num_views`` in one statement per product
(``catalog.services.product_views``). A process that dies loses at most
that window of counts, which is acceptable for a popularity figure.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter

from catalog import tasks

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
    try:
        tasks.record_product_views.delay({str(k): v for k, v in batch.items()})
    except Exception:
        logger.exception("Could not send %d product view counts", len(batch))
