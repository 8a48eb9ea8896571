import oscar.apps.order.apps as apps

from shop.order.signals import part_changed


class OrderConfig(apps.OrderConfig):
    """Fork of Oscar's order app: orders remember the buyer's language for e-mails, and are
    split into one part per seller (``shop.order.services``)."""

    name = "shop.order"
    label = "order"

    def ready(self):
        super().ready()
        # Imported here, not at the top: the receivers read models (and queue tasks that do),
        # which Django loads only after every app config.
        from shop.order import receivers

        part_changed.connect(
            receivers.part_notice_enqueue,
            sender=self.get_model("OrderPart"),
            dispatch_uid="order-part-notice",
        )
        receivers.analytics_receivers_replace()
