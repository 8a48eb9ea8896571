import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Fork of Oscar's order app: orders remember the buyer's language for e-mails."""

    name = "shop.order"
    label = "order"
