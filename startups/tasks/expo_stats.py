"""The expo figures' periodic roll-up (beat: every 10 minutes, config/settings/integrations.py).

Idempotent: each day is recomputed from the raw rows, so a retried, doubled or interrupted run
leaves the same numbers. The raw rows are written by the web process, never by this task:
a worker restart loses nothing.

The work is ``startups.services.expo_stats``; services enqueue this package's tasks, so a task
module may not import services (the import contracts forbid the cycle): the service module is
loaded when the task runs."""

from importlib import import_module

from celery import shared_task

SERVICE = "startups.services.expo_stats"


@shared_task
def roll_up_expos() -> int:
    """Roll up the expos live today or closed yesterday; the number of days rolled up."""
    service = import_module(SERVICE)
    return sum(len(service.expo_rollup(expo=expo)) for expo in service.expos_to_roll_up())
