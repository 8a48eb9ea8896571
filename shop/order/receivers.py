"""What the order app does when signals arrive; connected in ``OrderConfig.ready()``.

- A part changed (``shop.order.signals.part_changed``): its buyer's e-mail is queued to go out
  once the change commits.
- Oscar's analytics counters (basket additions, purchases, views, searches), counted here in
  place of Oscar's own receivers so that they can never break what is being counted. Oscar's
  receivers insert a product's counter row the first time, without a savepoint: when two buyers
  add a never-added product at the same moment, the second insert hits the unique key, and
  inside the request's transaction that error aborts the whole transaction, so the buyer got an
  error page instead of a basket. Here each count is one upsert (insert, or add to the row that
  exists), which cannot collide with a concurrent first insert. They are swapped in by the order
  app because it is ready after Oscar's analytics app (earlier in INSTALLED_APPS), which
  connects Oscar's.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection, transaction
from oscar.apps.analytics import receivers as oscar_receivers
from oscar.apps.basket.signals import basket_addition as basket_addition_signal
from oscar.apps.catalogue.signals import product_viewed as product_viewed_signal
from oscar.apps.order.signals import order_placed as order_placed_signal
from oscar.apps.search.signals import user_search as user_search_signal
from oscar.core.loading import get_model

from shop.order.outbox import task_enqueue_on_commit
from shop.order.tasks import send_part_notice

logger = logging.getLogger(__name__)


# --- Order parts ------------------------------------------------------------------------------


def part_notice_enqueue(sender, part, kind: str, **kwargs) -> None:
    """E-mail the buyer about the part once the change has committed."""
    task_enqueue_on_commit(send_part_notice, part.pk, kind)


# --- Oscar's analytics ------------------------------------------------------------------------


def counter_add(model, key: str, key_value, increments: dict, *, also_set: dict | None = None):
    """Add ``increments`` ({field: amount}) to the row of ``model`` whose unique ``key``
    column is ``key_value``, making the row if it has none, in one statement
    (``INSERT … ON CONFLICT … DO UPDATE``, PostgreSQL and SQLite alike): no read, no race
    between two first inserts, no savepoint. ``also_set`` fields are overwritten."""
    also_set = also_set or {}
    quote = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = {**increments, **also_set}
    columns, values = [], []
    for field in fields:
        if field.attname == key or field.name == key:
            value = key_value
        else:
            value = given.get(field.name, field.get_default())
        columns.append(quote(field.column))
        values.append(field.get_db_prep_save(value, connection))
    table = quote(model._meta.db_table)
    updates = [
        f"{quote(model._meta.get_field(name).column)} = {table}."
        f"{quote(model._meta.get_field(name).column)} + EXCLUDED."
        f"{quote(model._meta.get_field(name).column)}"
        for name in increments
    ]
    updates += [
        f"{quote(model._meta.get_field(name).column)} = EXCLUDED."
        f"{quote(model._meta.get_field(name).column)}"
        for name in also_set
    ]
    key_column = quote(model._meta.get_field(key.removesuffix("_id")).column)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(values))}) "
        f"ON CONFLICT ({key_column}) DO UPDATE SET {', '.join(updates)}"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
    except DatabaseError:
        logger.warning("Analytics counter of %s not updated", model.__name__, exc_info=True)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw"):
        return
    counter_add(
        get_model("analytics", "ProductRecord"), "product", product.pk, {"num_basket_additions": 1}
    )
    if _signed_in(user):
        counter_add(
            get_model("analytics", "UserRecord"), "user", user.pk, {"num_basket_additions": 1}
        )


def order_placed(sender, order, user, **kwargs):
    if kwargs.get("raw"):
        return
    ProductRecord = get_model("analytics", "ProductRecord")
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        if product_id:
            counter_add(ProductRecord, "product", product_id, {"num_purchases": quantity})
    if _signed_in(user):
        counter_add(
            get_model("analytics", "UserRecord"),
            "user",
            user.pk,
            {
                "num_orders": 1,
                "num_order_lines": order.num_lines,
                "num_order_items": order.num_items,
                "total_spent": order.total_incl_tax,
            },
            also_set={"date_last_order": order.date_placed},
        )


def product_viewed(sender, product, user, **kwargs):
    """Product pages count their views cheaply (``catalog.counters``); a view that still
    sends Oscar's signal is counted the safe way."""
    if kwargs.get("raw"):
        return
    counter_add(get_model("analytics", "ProductRecord"), "product", product.pk, {"num_views": 1})


def user_search(sender, query, user, **kwargs):
    if not _signed_in(user) or kwargs.get("raw"):
        return
    try:
        with transaction.atomic():
            get_model("analytics", "UserSearch").objects.create(user=user, query=query[:255])
    except DatabaseError:
        logger.warning("Analytics: a search of user %s not recorded", user.pk, exc_info=True)


def analytics_receivers_replace() -> None:
    """Disconnect Oscar's analytics receivers and connect these instead."""
    for signal, oscar_receiver, ours in (
        (basket_addition_signal, oscar_receivers.receive_basket_addition, basket_addition),
        (order_placed_signal, oscar_receivers.receive_order_placed, order_placed),
        (product_viewed_signal, oscar_receivers.receive_product_view, product_viewed),
        (user_search_signal, oscar_receivers.receive_product_search, user_search),
    ):
        signal.disconnect(oscar_receiver)
        signal.connect(ours, dispatch_uid=f"shop-analytics-{ours.__name__}")
