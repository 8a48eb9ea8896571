"""The community layer's Celery tasks, one module per domain. Celery's autodiscovery imports
this package, which imports every module so that their tasks are registered."""

from startups.tasks import expo_stats, expos, followups, leads, onboarding, pitches  # noqa: F401
