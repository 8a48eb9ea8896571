import oscar.apps.dashboard.apps as apps
from django.urls import path


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

    def ready(self):
        super().ready()
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
            *(path(route, view, name=name) for route, view, name in self.registered_urls),
        ]
        return self.post_process_urls(ours) + super().get_urls()

    def post_process_urls(self, urlpatterns):
        from shop.dashboard.access import guard_patterns

        urlpatterns = super().post_process_urls(urlpatterns)
        guard_patterns(urlpatterns)
        return urlpatterns
