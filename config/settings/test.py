"""Fast, hermetic test settings. DATABASE_URL points at the PostgreSQL that bin/test starts.

bin/test runs the suite on several processes (pytest-xdist workers gw0, gw1...); nothing here
may be shared between them: each has its own test database (pytest-django adds the worker's
name: test_ocop_gw0), its own MEDIA_ROOT (below), a memory cache of its own process, and its
own Redis database for the Celery tests (tests/shop/conftest.py)."""

import os
import tempfile

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The Celery worker started by tests/shop/checkout/test_tasks.py writes e-mails to files.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)
# bin/test migrates one PostgreSQL database (TEST_DATABASE_TEMPLATE) before pytest starts;
# each test process's database is made as a copy of it (CREATE DATABASE ... TEMPLATE), so
# the migrations, data migrations included, run once a run rather than once per process, and
# the process's own migrate finds nothing left to do.
_TEMPLATE = env("TEST_DATABASE_TEMPLATE", default="")
if _TEMPLATE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = _TEMPLATE
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0"...; "" in a serial run
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix=f"ocop-test-media-{_XDIST_WORKER or 'serial'}-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
SERVE_MEDIA = True  # uploads served by the site with their inert headers, as the run command does
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
OSCAR_URL_SCHEMA = "http"

# Oscar links its "image not found" picture into MEDIA_ROOT on first use; concurrent tests
# would race to create that link, so it is put there once, up front.
import shutil  # noqa: E402

import oscar  # noqa: E402

shutil.copy(
    Path(oscar.__file__).parent / "static/oscar/img/image_not_found.jpg",
    MEDIA_ROOT / "image_not_found.jpg",
)

# Off by default: most tests run inside one transaction that never commits, so the
# after-commit invalidations of core.pagecache never run. Tests of the page cache, and the
# browser journeys (real commits), switch it on.
PAGE_CACHE_SECONDS = 0
# Tests change data in this process and in a Celery worker, then read the page at once: the
# lag of cookieless hits is tested where it is switched on (tests/core/test_pagecache_lag.py).
PAGE_CACHE_LAG_MS = 0
