"""The Celery tasks of ``search.tasks``: a failure retries with growing, jittered delays."""

import pytest
from celery.exceptions import Retry
from django.db import OperationalError

from search import tasks


def test_a_failed_task_retries_with_growing_delays(monkeypatch):
    def down(ids, **kwargs):
        raise OperationalError("search index unavailable")

    monkeypatch.setattr("search.services.products_reindex", down)
    asked = []

    def retry(exc=None, countdown=None, **kwargs):
        asked.append((exc, countdown))
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.reindex_products, "retry", retry)
    for retries, (low, high) in ((0, (2, 5)), (3, (20, 40)), (10, (300, 600))):
        tasks.reindex_products.push_request(is_eager=False, retries=retries)
        try:
            with pytest.raises(Retry):
                tasks.reindex_products.run([1])
        finally:
            tasks.reindex_products.pop_request()
        exc, countdown = asked[-1]
        assert isinstance(exc, OperationalError)
        assert low <= countdown <= high


@pytest.mark.parametrize(("retries", "low", "high"), [(0, 2, 5), (1, 5, 10), (20, 300, 600)])
def test_backoff_doubles_up_to_ten_minutes_with_jitter(retries, low, high):
    delays = {tasks.backoff(retries) for _ in range(50)}
    assert all(low <= delay <= high for delay in delays)
