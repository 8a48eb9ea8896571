"""Fast, hermetic test settings. DATABASE_URL points at the PostgreSQL that bin/test starts."""

import tempfile

from .base import *  # noqa: F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The Celery worker started by tests/shop/checkout/test_tasks.py writes e-mails to files.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")  # noqa: F405
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ocop-test-media-"))  # noqa: F405
STORAGES = {  # noqa: F405
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
    Path(oscar.__file__).parent / "static/oscar/img/image_not_found.jpg",  # noqa: F405
    MEDIA_ROOT / "image_not_found.jpg",
)

# Off by default: most tests run inside one transaction that never commits, so the
# after-commit invalidations of core.pagecache never run. Tests of the page cache, and the
# browser journeys (real commits), switch it on.
PAGE_CACHE_SECONDS = 0
