"""What the community layer does when other apps' signals arrive; connected in
``StartupsConfig.ready()``.

- Checkout finished (Oscar's ``post_checkout``, sent by ``PaymentDetailsView.
  handle_successful_order`` with the request, after the order and its parts are written): the
  order is attributed to the expos it came from (``startups.services.expo_stats``), by the
  browser's expo visitor cookie and by the vouchers it used. A failure here is logged and never
  spoils the buyer's checkout.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

from startups.services.expo_stats import order_attribute
from startups.services.expo_visits import visitor_of

logger = logging.getLogger(__name__)


def checkout_finished(sender, order, request=None, **kwargs):
    visitor = visitor_of(request) if request is not None else None
    try:
        with transaction.atomic():
            order_attribute(order=order, visitor=visitor)
    except DatabaseError:
        logger.exception("Expo attribution of order %s failed", order.pk)


def connect() -> None:
    from oscar.apps.checkout.signals import post_checkout

    post_checkout.connect(checkout_finished, dispatch_uid="startups-expo-order-attribution")
