import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Fork of Oscar's dashboard so that its sub-apps' forms and views can be overridden
    (Oscar resolves ``dashboard.<sub-app>.<module>`` through this app's name)."""

    name = "shop.dashboard"
    label = "dashboard"
