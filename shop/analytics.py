"""Oscar's analytics counters (basket additions, purchases, views, searches), counted so that
they can never break what is being counted (issue 11 finding 13).

Oscar's receivers insert a product's counter row the first time, without a savepoint: when
two buyers add a never-added product at the same moment, the second insert hits the unique
key, and inside the request's transaction that error aborts the whole transaction: the buyer
got an error page instead of a basket. Here each count runs in its own savepoint, a
concurrent first insert is followed by the increment it should have been, and any database
error of a count is logged and dropped. Connected in place of Oscar's receivers by
``shop.order.apps.OrderConfig.ready()``.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from oscar.core.loading import get_model

logger = logging.getLogger(__name__)


def counter_add(model, field: str, filters: dict, amount: int = 1) -> None:
    """Add ``amount`` to ``field`` of the row of ``model`` matching ``filters`` (made if
    missing); never raises."""
    try:
        with transaction.atomic():
            rows = model.objects.filter(**filters)
            if rows.update(**{field: F(field) + amount}):
                return
            try:
                with transaction.atomic():
                    model.objects.create(**filters, **{field: amount})
            except IntegrityError:  # another request made the row meanwhile
                rows.update(**{field: F(field) + amount})
    except DatabaseError:
        logger.warning("Analytics counter %s.%s not updated", model.__name__, field,
                       exc_info=True)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw"):
        return
    counter_add(get_model("analytics", "ProductRecord"), "num_basket_additions",
                {"product_id": product.pk})
    if _signed_in(user):
        counter_add(get_model("analytics", "UserRecord"), "num_basket_additions",
                    {"user_id": user.pk})


def order_placed(sender, order, user, **kwargs):
    if kwargs.get("raw"):
        return
    ProductRecord = get_model("analytics", "ProductRecord")
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        if product_id:
            counter_add(ProductRecord, "num_purchases", {"product_id": product_id}, quantity)
    if not _signed_in(user):
        return
    UserRecord = get_model("analytics", "UserRecord")
    for field, amount in (("num_orders", 1), ("num_order_lines", order.num_lines),
                          ("num_order_items", order.num_items)):
        counter_add(UserRecord, field, {"user_id": user.pk}, amount)
    try:
        with transaction.atomic():
            UserRecord.objects.filter(user_id=user.pk).update(
                total_spent=F("total_spent") + order.total_incl_tax,
                date_last_order=order.date_placed)
    except DatabaseError:
        logger.warning("Analytics: the order total of user %s not recorded", user.pk,
                       exc_info=True)


def product_viewed(sender, product, user, **kwargs):
    """Product pages count their views cheaply (``catalog.counters``); a view that still
    sends Oscar's signal is counted the safe way."""
    if kwargs.get("raw"):
        return
    counter_add(get_model("analytics", "ProductRecord"), "num_views", {"product_id": product.pk})


def user_search(sender, query, user, **kwargs):
    if not _signed_in(user) or kwargs.get("raw"):
        return
    try:
        with transaction.atomic():
            get_model("analytics", "UserSearch").objects.create(user=user, query=query[:255])
    except DatabaseError:
        logger.warning("Analytics: a search of user %s not recorded", user.pk, exc_info=True)


def connect() -> None:
    """Replace Oscar's analytics receivers with these."""
    from oscar.apps.analytics import receivers as oscar_receivers
    from oscar.apps.basket.signals import basket_addition as basket_addition_signal
    from oscar.apps.catalogue.signals import product_viewed as product_viewed_signal
    from oscar.apps.order.signals import order_placed as order_placed_signal
    from oscar.apps.search.signals import user_search as user_search_signal

    for signal, oscar_receiver, ours in (
            (basket_addition_signal, oscar_receivers.receive_basket_addition, basket_addition),
            (order_placed_signal, oscar_receivers.receive_order_placed, order_placed),
            (product_viewed_signal, oscar_receivers.receive_product_view, product_viewed),
            (user_search_signal, oscar_receivers.receive_product_search, user_search)):
        signal.disconnect(oscar_receiver)
        signal.connect(ours, dispatch_uid=f"shop-analytics-{ours.__name__}")
