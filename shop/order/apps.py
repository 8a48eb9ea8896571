import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Fork of Oscar's order app: orders remember the buyer's language for e-mails."""

    name = "shop.order"
    label = "order"

    def ready(self):
        super().ready()
        from shop import analytics

        analytics.connect()  # after Oscar's analytics app (earlier in INSTALLED_APPS)
