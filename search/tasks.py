"""Celery tasks that keep the index true, enqueued after commit by ``search.receivers``.

Thin wrappers over ``search.services``: ids in, idempotent (each run reads the database as it
is then). A failure (the search server down, a lock timeout) retries with exponential backoff
for about two hours, so edits made while the index was unreachable reach it once it is back;
the seller's save itself never waits for or depends on them. Run in-process (no broker), a
failure is raised to the caller, which logs it: ``manage.py search_index check`` shows what is
behind.
"""

import random

from celery import shared_task

from search import services

MAX_RETRIES = 12


def backoff(retries: int) -> int:
    """Seconds before retry number ``retries + 1``: 5, 10, 20 ... capped at ten minutes,
    with jitter so that many failed tasks do not return at once."""
    delay = min(600, 5 * 2**retries)
    return delay // 2 + random.randint(0, delay // 2)


def _run(task, work, *args, **kwargs):
    try:
        return work(*args, **kwargs)
    except Exception as exc:
        if task.request.is_eager:
            raise
        raise task.retry(exc=exc, countdown=backoff(task.request.retries)) from exc


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True, ignore_result=True)
def reindex_products(self, ids):
    _run(self, services.products_reindex, ids)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True, ignore_result=True)
def reindex_sellers(self, ids, products=False):
    """``products``: reindex the sellers' products too (a seller's name, kind or status
    changed)."""
    _run(self, services.sellers_reindex, ids, products=products)


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True, ignore_result=True)
def reindex_startups(self, ids):
    _run(self, services.startups_reindex, ids)


@shared_task(bind=True, max_retries=3, acks_late=True, ignore_result=True)
def refresh_startups(self):
    """Nightly: every startup rewritten. "Most followed this month" counts the follows since
    the 1st; when a month begins no follow is saved, so without this last month's counts
    would stay until each startup's next change."""
    _run(self, services.startups_refresh)


@shared_task(bind=True, max_retries=3, acks_late=True, ignore_result=True)
def reindex_certificate_changes(self):
    """Daily: products whose OCOP certificate came into force today or lapsed yesterday.

    Nothing is saved on those days, so no signal fires; without this their stars facet would
    stay as it was until the next edit.
    """
    _run(self, services.certificate_changes_reindex)


@shared_task(bind=True, max_retries=3, acks_late=True, ignore_result=True)
def group_indexes(self):
    """A category's OCOP code was set or changed: its group's listing index."""
    _run(self, services.group_indexes_ensure)
