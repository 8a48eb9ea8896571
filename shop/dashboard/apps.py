import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Fork of Oscar's dashboard so that its sub-apps' forms and views can be overridden
    (Oscar resolves ``dashboard.<sub-app>.<module>`` through this app's name), and so that
    one table decides who opens each of its pages (``shop.dashboard.access``)."""

    name = "shop.dashboard"
    label = "dashboard"

    def ready(self):
        super().ready()
        from core.exports import neutralise_oscar_csv

        neutralise_oscar_csv()  # Oscar's order and report CSVs: no live formulas (issue 11 #6)

    def post_process_urls(self, urlpatterns):
        from shop.dashboard.access import guard_patterns

        urlpatterns = super().post_process_urls(urlpatterns)
        guard_patterns(urlpatterns)
        return urlpatterns
