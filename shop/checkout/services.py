"""Order-related writes that run outside the buyer's request."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from core.siteurl import absolute_url
from shop.order.outbox import email_send_once

Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")
CommunicationEventType = get_model("communication", "CommunicationEventType")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger(__name__)


def order_confirmation_send(*, order_id: int) -> bool:
    """Send the "order placed" e-mail once, in the language the buyer ordered in.

    Returns False when it had already been sent (a retried or duplicated task); claimed
    before the send (``shop.order.outbox``), so a task redelivered after its worker died does
    not send it twice.
    """
    order = Order.objects.select_related("user").get(pk=order_id)
    CommunicationEventType.objects.get_or_create(
        code=OrderDispatcher.ORDER_PLACED_EVENT_CODE,
        defaults={"name": "Order placed", "category": CommunicationEventType.ORDER_RELATED},
    )
    already = CommunicationEvent.objects.filter(
        order=order, event_type__code=OrderDispatcher.ORDER_PLACED_EVENT_CODE
    ).exists()
    if already:
        return False
    language = order.language or "vi"
    with translation.override(language):
        # The buyer's order page (guests and accounts alike): each seller's part, how to pay it.
        path = reverse(
            "orders:detail", kwargs={"number": order.number, "hash": order.verification_hash()}
        )
        context = {
            "order": order,
            "lines": order.lines.all(),
            "status_path": path,
            "status_url": absolute_url(path),
            "user": order.user,
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        return email_send_once(
            key=f"order-placed:{order.pk}",
            send=lambda: OrderDispatcher(logger=logger).send_order_placed_email_for_user(
                order, context
            ),
        )
