"""Root URLs. Wagtail owns ``/``; Oscar lives under ``/shop/``.

Pages a buyer sees are inside ``i18n_patterns`` without a prefix for Vietnamese (the default)
and with ``/en/`` for English, so an unknown language code is simply a 404.
"""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import cache_page
from oscar.views.decorators import login_forbidden
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalog import views as catalog_views
from catalog.partner import views as seller_views
from cms import views as cms_views
from cms.robots import robots_txt
from cms.sitemaps import SITEMAPS
from core import media_views
from core.health import healthz
from core.security import auth as security_auth
from search import views as search_views
from shop import views as shop_views
from shop.payments.webhooks import stripe_webhook

# sitemap.xml is rebuilt at most hourly: search engines read it a few times a day, and a
# section of 5,000 products in two languages is not cheap to render.
SITEMAP_SECONDS = 60 * 60

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Stripe posts here, in no language and without a CSRF token (it signs instead).
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    # Search engines (cms/sitemaps.py, cms/robots.py): the sitemap index, one file a section.
    path(
        "sitemap.xml",
        cache_page(SITEMAP_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        cache_page(SITEMAP_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path(
        "shop/sellers/<slug:slug>/", seller_views.SellerDetailView.as_view(), name="seller-detail"
    ),
    path(
        "shop/go/<int:link_id>/",
        catalog_views.MarketplaceRedirectView.as_view(),
        name="marketplace-go",
    ),
    # Login (throttled; registration that does not say whether an e-mail has an account),
    # logout by POST only, and a password reset that lifts a login pause: core/security/auth.py.
    path("shop/accounts/login/", security_auth.LoginRegisterView.as_view()),
    path("shop/accounts/logout/", security_auth.LogoutView.as_view()),
    path(
        "shop/accounts/confirm/<str:uidb64>/<str:token>/",
        security_auth.AccountConfirmView.as_view(),
        name="account-confirm",
    ),
    path(
        "shop/password-reset/confirm/<str:uidb64>/<str:token>/",
        login_forbidden(security_auth.PasswordResetConfirm.as_view()),
    ),
    path("shop/orders/", include("shop.order.urls")),
    path("shop/payments/", include("shop.payments.urls")),
    # Oscar's stock-alert form, rate-limited (shop/views.py); same path, before Oscar's.
    path(
        "shop/accounts/alerts/create/<int:pk>/",
        shop_views.ThrottledProductAlertCreateView.as_view(),
        name="alert-create-throttled",
    ),
    # An officer of a province takes the editor role of its section of the site (cms/publishing.py).
    path("union/site/", cms_views.EditorRoleView.as_view(), name="cms-editor-role"),
    re_path(r"^shop/accounts/wishlists/", cms_views.closed_feature),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path(
        pgettext_lazy("url", "khoi-nghiep/"),
        search_views.StartupDirectoryView.as_view(),
        name="startup-directory",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/tim-kiem/"),
        search_views.ExpoSearchView.as_view(),
        name="expo-search",
    ),
    path("", include("startups.urls")),
    path("", cms_views.home, name="home"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if (settings.DEBUG or getattr(settings, "SERVE_MEDIA", False)) and settings.MEDIA_URL.startswith(
    "/"
):
    urlpatterns.insert(
        0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_views.media_serve)
    )

handler403 = "cms.views.permission_denied"
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
