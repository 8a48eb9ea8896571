"""``/healthz``: is this web process able to serve? For the load balancer and the
orchestrator's probes. It checks the parts a page needs (the database, the cache) and the
broker the web hands tasks to, each with a short timeout, and answers 200 when all are up,
503 naming the part that is not. Never cached, no session, no language redirect; it shows
no version, host name or error text, only each part's state."""

import logging
import time
import uuid

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 2.0  # seconds; a probe must answer well within the balancer's timeout


def _database() -> None:
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def _cache() -> None:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


def _broker() -> str:
    """``skipped`` when tasks run in-process (no broker configured, the embedded default)."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False) or not getattr(
        settings, "CELERY_BROKER_URL", ""
    ):
        return "skipped"
    with current_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
    return "ok"


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
@require_safe
def healthz(request):
    parts, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            parts[name] = check() or "ok"
        except Exception:
            logger.exception("Health check: %s is down", name)
            parts[name], healthy = "down", False
        logger.debug("Health check %s took %.3fs", name, time.monotonic() - started)
    return JsonResponse(
        {"status": "ok" if healthy else "down", **parts}, status=200 if healthy else 503
    )
