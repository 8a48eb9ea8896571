"""Settings shared by every environment.

Every value a deployer may change comes from an environment variable read through one
``env`` object; the defaults here are the embedded ones (SQLite, in-process tasks, local
media, console email) so that ``bin/run`` needs no server at all.
"""

from pathlib import Path

import environ
from oscar.defaults import *

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-local-only-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "core.flatpages_stub.apps.FlatpagesStubConfig",  # the label Oscar's migrations depend on
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]
WAGTAIL_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]
# Oscar: our forks replace Oscar's catalogue, partner, basket, checkout and search apps.
# Core apps come before the dashboard apps (Oscar's customisation guide).
OSCAR_APPS = [
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "core.apps.CoreConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "catalog.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "shop.payments.apps.PaymentsConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
]
LOCAL_APPS = [
    "startups.apps.StartupsConfig",
    "cms.apps.CmsConfig",
]
# One page system, Wagtail (issue 15): Django's flatpages and Oscar's page dashboard are not
# installed (their old tables, if any, are left alone; nothing reads them). core.flatpages_stub
# only keeps the migration graph whole (Oscar's customer.0008 depends on flatpages.0001).
INSTALLED_APPS = DJANGO_APPS + WAGTAIL_APPS + OSCAR_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.pagecache.EarlyHitMiddleware",  # a current cached page, before the URL is resolved
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "cms.context_processors.site_chrome",
                "core.pagecache.context",
            ],
        },
    }
]


# --- Data ---------------------------------------------------------------------------------
def database_settings(database: dict) -> dict:
    """``DATABASE_URL``'s database as every settings module uses it (production reads the URL
    without a default)."""
    database["ATOMIC_REQUESTS"] = True
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the dev server read while a request writes; a busy timeout, not "locked".
        database.setdefault("OPTIONS", {}).update(
            {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
        )
    elif database["ENGINE"] == "django.db.backends.postgresql" and env.bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        # A query this connection has run before is sent as a prepared statement: PostgreSQL
        # neither parses nor plans it again (on a product or booth page that is a fifth of the
        # render; planning the booth's join alone took 1 ms). Needs parameters bound by the
        # server. Off for a transaction-mode PgBouncer older than 1.21, which cannot keep them.
        database.setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 1}
        )
    return database


DATABASES = {
    "default": database_settings(
        env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if env("REDIS_URL", default=""):
    CACHES["default"] = {
        "BACKEND": "config.cache.RedisCache",  # Django's, with its clients reused
        "LOCATION": env("REDIS_URL"),
    }
if CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # Per process; room for the page and card caches (Django's default keeps 300 entries).
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 20_000)
# Whole public pages for anonymous visitors and product cards (core.pagecache), kept at
# most this long; 0 turns both off. They are invalidated by replacing tokens in the cache, so
# every process (web workers, Celery workers, a manage.py command) must see the same cache:
# with a per-process memory cache they are off unless asked for (a single process, e.g. the
# benchmark). RELEASE (e.g. the deployed commit) starts a deploy with fresh pages.
_SHARED_CACHE = not CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache"))
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600 if _SHARED_CACHE else 0)
# Off: whole pages are rendered every time while the fragments (cards, counts, the header's
# navigation and the footer) stay cached, as for a page whose own content just changed.
PAGE_CACHE_PAGES = env.bool("PAGE_CACHE_PAGES", default=True)
# A visitor with no session, messages or basket (who cannot have made a change) may get a page
# up to this many milliseconds behind a change made by someone else; others see it at once.
# Within it a process answers from its copy of a page without asking the cache (0: always ask).
PAGE_CACHE_LAG_MS = env.int("PAGE_CACHE_LAG_MS", default=100)
RELEASE = env("RELEASE", default="")

AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "customer:login"
LOGIN_REDIRECT_URL = "/"
SITE_ID = 1

# --- Language, money, places --------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our date formats (config/formats/<lang>/formats.py): Vietnamese pages day/month/year as the
# import template writes dates (15/03/2025), English pages English ("15 March 2025").
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "VN"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Pages are translated with Wagtail's own copy-for-translation (contrib.simple_translation), not
# wagtail-localize: editors translate a page by hand in the same editor. A page made in one
# language gets an alias in the other at once, so every page has an address in both; the alias
# shows the source text with a notice until an editor translates it (cms/translation.py).
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
WAGTAIL_SITE_NAME = "Chợ OCOP Thanh niên"
# The public address of the site, the one setting every absolute link (e-mails, the Site
# record of django.contrib.sites, Wagtail's admin) follows; core.siteurl keeps them in step.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
OSCAR_URL_SCHEMA = SITE_URL.split("://", 1)[0]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads may be served from a separate domain (a CDN or an S3-compatible bucket), so that no
# stored file ever shares the site's origin: MEDIA_URL=https://media.example.vn/ (README).
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Email --------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
if env("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Chợ OCOP Thanh niên <no-reply@localhost>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Interest in startups (leads) ---------------------------------------------------------
# At most this many interest messages from one client address an hour and from one account
# a day (startups.antispam; past that the sender is told when to try again, 429).
LEADS_PER_ADDRESS_HOUR = env.int("LEADS_PER_ADDRESS_HOUR", default=10)
LEADS_PER_ACCOUNT_DAY = env.int("LEADS_PER_ACCOUNT_DAY", default=20)

# --- Integrations (each in its own module) ------------------------------------------------
from .integrations import *  # noqa: E402
from .shop import *  # noqa: E402

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

from . import security as _security  # noqa: E402

_security.apply(globals())  # login throttling, Content-Security-Policy, one-line 403/404 logs
