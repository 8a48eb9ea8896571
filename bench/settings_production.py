"""The production settings for the site benchmark's gunicorn, with one change: collected
static files go to ``bench/output/static`` (git-ignored) instead of ``var/static``, so the
benchmark does not write into the project's deploy folders. Everything else (DEBUG off,
WhiteNoise with the manifest storage, ATOMIC_REQUESTS, CONN_MAX_AGE, security middleware) is
``config.settings.production`` as deployed; it needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL
(and SECURE_SSL_REDIRECT=False on plain-HTTP loopback)."""

from pathlib import Path

from config.settings.production import *  # noqa: F403

STATIC_ROOT = Path(__file__).resolve().parent / "output" / "static"
