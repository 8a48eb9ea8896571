import oscar.apps.dashboard.apps as apps
from django.urls import path


class _NoPagesDashboard:
    """What Oscar's dashboard reads of its page dashboard's app config: its URLs, none."""

    urls = ([], "pages_dashboard", "pages_dashboard")


class DashboardConfig(apps.DashboardConfig):
    """Fork of Oscar's dashboard so that its sub-apps' forms and views can be overridden
    (Oscar resolves ``dashboard.<sub-app>.<module>`` through this app's name), so that our
    own dashboard pages live in its URL tree and namespace (``get_urls``), and so that one
    table decides who opens each of its pages (``shop.dashboard.access``), Oscar's permission
    map included.

    An app above the shop (the union's reports) adds its dashboard pages with
    ``register_urls`` from its own ``ready()``, so the dashboard never imports it."""

    name = "shop.dashboard"
    label = "dashboard"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.registered_urls = []

    # Oscar's sub-apps the dashboard routes to, as Oscar's ready() reads them, without its page
    # dashboard (Django flatpages): Wagtail is the one page system (issue 15).
    SUB_APPS = {
        "catalogue_app": "catalogue_dashboard",
        "reports_app": "reports_dashboard",
        "orders_app": "orders_dashboard",
        "users_app": "users_dashboard",
        "partners_app": "partners_dashboard",
        "offers_app": "offers_dashboard",
        "ranges_app": "ranges_dashboard",
        "reviews_app": "reviews_dashboard",
        "vouchers_app": "vouchers_dashboard",
        "comms_app": "communications_dashboard",
        "shipping_app": "shipping_dashboard",
    }

    def ready(self):
        # Oscar's ready() minus the page dashboard, whose app is not installed; Oscar's
        # get_urls() gets an empty stand-in for it (a "pages/" prefix with nothing under it).
        from django.apps import apps as registry
        from oscar.core.loading import get_class

        self.index_view = get_class("dashboard.views", "IndexView")
        self.login_view = get_class("dashboard.views", "LoginView")
        for attribute, label in self.SUB_APPS.items():
            setattr(self, attribute, registry.get_app_config(label))
        self.pages_app = _NoPagesDashboard
        self.configure_permissions()
        from core.exports import neutralise_oscar_csv

        neutralise_oscar_csv()  # Oscar's order and report CSVs: no live formulas

    def register_url(self, route: str, view, name: str) -> None:
        """A dashboard page of an app above the shop, under ``/shop/dashboard/`` and the
        ``dashboard:`` namespace, guarded by the same table (name it there)."""
        self.registered_urls.append((route, view, name))

    def configure_permissions(self):
        super().configure_permissions()
        from shop.dashboard.access import oscar_permissions

        self.permissions_map.update(oscar_permissions())

    def get_urls(self):
        # The views are imported here, as Oscar's own dashboard apps do: they load models
        # and Oscar classes, which needs the app registry this module is part of.
        from shop.dashboard import imports
        from shop.dashboard.catalogue.views import ProductSubmitView
        from shop.dashboard.orders.parts import PartActionView
        from shop.dashboard.seller_page import SellerPageView
        from shop.payments.views import OwedView

        ours = [
            path("catalogue/import/", imports.product_import, name="product-import"),
            path(
                "catalogue/import/template.xlsx",
                imports.template_xlsx_download,
                name="product-import-template-xlsx",
            ),
            path(
                "catalogue/import/template.csv",
                imports.template_csv_download,
                name="product-import-template-csv",
            ),
            path(
                "catalogue/products/<int:pk>/submit/",
                ProductSubmitView.as_view(),
                name="product-submit",
            ),
            path(
                "orders/<str:number>/parts/<int:part_number>/<slug:action>/",
                PartActionView.as_view(),
                name="order-part-action",
            ),
            path("payments/owed/", OwedView.as_view(), name="payments-owed"),
            path("shop-page/", SellerPageView.as_view(), name="seller-page"),
            *(path(route, view, name=name) for route, view, name in self.registered_urls),
        ]
        return self.post_process_urls(ours) + super().get_urls()

    def post_process_urls(self, urlpatterns):
        from shop.dashboard.access import guard_patterns

        urlpatterns = super().post_process_urls(urlpatterns)
        guard_patterns(urlpatterns)
        return urlpatterns
