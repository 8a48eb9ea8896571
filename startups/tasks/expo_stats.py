"""The expo figures' periodic roll-up (beat: every 10 minutes, config/settings/integrations.py).

Idempotent: each day is recomputed from the raw rows, so a retried, doubled or interrupted run
leaves the same numbers. The raw rows are written by the web process, never by this task:
a worker restart loses nothing. The work is ``startups.rollups``."""

from celery import shared_task

from startups.rollups import expo_rollup, expos_to_roll_up


@shared_task
def roll_up_expos() -> int:
    """Roll up the expos live today or closed yesterday; the number of days rolled up."""
    return sum(len(expo_rollup(expo=expo)) for expo in expos_to_roll_up())
