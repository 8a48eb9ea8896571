"""Changes in the catalogue, among sellers and in the startup community reach the index:
receivers of the lower apps' signals, connected in ``SearchConfig.ready()`` (the lower apps
never import ``search``).

What triggers what:
- a product saved or deleted (moderation's approve, reject and submit save it too), its stock
  records (price, stock, seller), its categories and marketplace links -> that product;
- a seller saved -> the seller, and all its products if its name, kind or status changed
  (read before the save: one query); deleted -> the seller (its stock records' deletions
  bring the products);
- a bulk import (``catalog.services.imports``, which sends no model signals) -> its
  ``catalog.signals.products_imported``;
- ``startups.signals.startup_changed`` (profile, team, verification, follows, interest,
  pitches: sent after commit by ``startups.services``) or a startup deleted -> that startup.
  A seller's reindex takes its startup along (``search.services.sellers_reindex``), so the
  seller's status and its products' certificates reach the directory through the seller.

Ids are gathered per transaction and sent as one task per kind when it commits
(``transaction.on_commit``), so a product form that saves the product, its stock record and its
categories costs one reindex, and a rolled-back change costs none. Nothing here may break the
user's save: every receiver and the enqueueing swallow and log their errors, since an index
that is behind is caught up (by the task's retries, the next update or a rebuild) and a save
that failed is lost.
"""

from __future__ import annotations

import logging
import threading

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from oscar.core.loading import get_model

from catalog.signals import products_imported
from search import tasks
from startups.signals import startup_changed

logger = logging.getLogger(__name__)

PRODUCTS, SELLERS, SELLER_PRODUCTS, STARTUPS = "products", "sellers", "seller_products", "startups"
TASK_CHUNK = 500
_local = threading.local()


def _pending() -> dict[str, set[int]]:
    if not hasattr(_local, "ids"):
        _local.ids = {PRODUCTS: set(), SELLERS: set(), SELLER_PRODUCTS: set(), STARTUPS: set()}
        _local.hook = None  # (the connection's run_on_commit list, our flush's place in it)
    return _local.ids


def enqueue(
    *, products=(), sellers=(), seller_products=(), startups=(), using: str = DEFAULT_DB_ALIAS
):
    """Reindex these ids once the current transaction commits (at once outside one).

    Ids wait in a per-thread set and every call registers ``_flush`` with ``on_commit``: the
    first flush to run sends all that waits, one task per kind, and the others find nothing
    (so a product form saving the product, its stock record and its categories costs one
    reindex). If no flush of ours is registered any more, the transaction or savepoint that
    held the waiting ids was rolled back: they are dropped. Each call costs constant time, so
    a thousand signals (a seller deleted with its stock records) stay cheap."""
    batch = {
        PRODUCTS: {int(i) for i in products if i is not None},
        SELLERS: {int(i) for i in sellers if i is not None},
        SELLER_PRODUCTS: {int(i) for i in seller_products if i is not None},
        STARTUPS: {int(i) for i in startups if i is not None},
    }
    if not any(batch.values()):
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _send(batch)
        return
    pending = _pending()
    if not _registered(connection):
        for ids in pending.values():
            ids.clear()
    for kind, ids in batch.items():
        pending[kind] |= ids
    transaction.on_commit(_flush, using=using, robust=True)
    _local.hook = (connection.run_on_commit, len(connection.run_on_commit) - 1)


def _registered(connection) -> bool:
    """Is our flush still waiting for this transaction's commit? Django replaces the list of
    callbacks when a transaction ends or a savepoint rolls back; only then is it searched."""
    hook, callbacks = _local.hook, connection.run_on_commit
    if hook is None:
        return False
    if hook[0] is callbacks:
        return hook[1] < len(callbacks) and callbacks[hook[1]][1] is _flush
    for place, (_sids, func, _robust) in enumerate(callbacks):
        if func is _flush:
            _local.hook = (callbacks, place)
            return True
    return False


def _flush() -> None:
    pending = _pending()
    _local.hook = None
    batch = {kind: set(ids) for kind, ids in pending.items()}
    for ids in pending.values():
        ids.clear()
    if any(batch.values()):
        _send(batch)


def _send(batch: dict[str, set[int]]) -> None:
    """One task per chunk of ids. A broker that is down, or (run in-process) an index that
    fails, is logged; the save it follows has committed and stays."""
    jobs = [
        (tasks.reindex_products, PRODUCTS, {}),
        (tasks.reindex_sellers, SELLERS, {}),
        (tasks.reindex_sellers, SELLER_PRODUCTS, {"products": True}),
        (tasks.reindex_startups, STARTUPS, {}),
    ]
    for task, kind, kwargs in jobs:
        ids = sorted(batch.get(kind) or ())
        for start in range(0, len(ids), TASK_CHUNK):
            chunk = ids[start : start + TASK_CHUNK]
            try:
                task.delay(chunk, **kwargs)
            except Exception:
                logger.exception(
                    "Search index update of %s %s failed; it will be caught up "
                    "by the next update or `manage.py search_index rebuild`.",
                    kind,
                    chunk[:20],
                )


def _safely(receiver):
    """A receiver's error is logged, never raised into the save that sent the signal."""

    def wrapper(*args, **kwargs):
        try:
            receiver(*args, **kwargs)
        except Exception:
            logger.exception("Search index receiver %s failed", receiver.__name__)

    wrapper.__name__ = receiver.__name__
    return wrapper


# --- receivers ----------------------------------------------------------------------------


@_safely
def product_changed(sender, instance, **kwargs):
    enqueue(products=[instance.parent_id or instance.pk], using=kwargs.get("using") or "default")


@_safely
def stockrecord_changed(sender, instance, **kwargs):
    enqueue(
        products=[instance.product_id],
        sellers=[instance.partner_id],
        using=kwargs.get("using") or "default",
    )


SELLER_FIELDS_IN_PRODUCTS = ("name", "kind", "status")  # what product documents hold


@_safely
def partner_saving(sender, instance, **kwargs):
    """Remember what the products' documents depend on, to compare after the save."""
    if instance.pk:
        instance._search_before = (
            sender.objects.filter(pk=instance.pk).values_list(*SELLER_FIELDS_IN_PRODUCTS).first()
        )


@_safely
def partner_saved(sender, instance, created=False, **kwargs):
    """The seller; and its products when its name, kind or status changed."""
    using = kwargs.get("using") or "default"
    now = tuple(getattr(instance, name) for name in SELLER_FIELDS_IN_PRODUCTS)
    if created or getattr(instance, "_search_before", None) != now:
        enqueue(seller_products=[instance.pk], using=using)
    else:
        enqueue(sellers=[instance.pk], using=using)


@_safely
def partner_deleted(sender, instance, **kwargs):
    enqueue(sellers=[instance.pk], using=kwargs.get("using") or "default")


@_safely
def product_link_changed(sender, instance, **kwargs):
    """A row that points at a product (marketplace link, category membership) changed."""
    enqueue(products=[instance.product_id], using=kwargs.get("using") or "default")


def _group_indexes() -> None:
    try:
        tasks.group_indexes.delay()
    except Exception:
        logger.exception("The group listing indexes were not brought up to date")


@_safely
def category_saved(sender, instance, **kwargs):
    """A category saved or deleted (rare; its OCOP code may be new, changed or gone): the
    groups' listing indexes (``search.services.group_indexes_ensure``), after the commit."""
    transaction.on_commit(_group_indexes, using=kwargs.get("using") or "default")


@_safely
def categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``product.categories.add(...)`` and the like; from the category's side the product ids
    are in ``pk_set`` (or, for ``clear()``, read before the clear)."""
    using = kwargs.get("using") or "default"
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            enqueue(products=[instance.pk], using=using)
    elif action in ("post_add", "post_remove"):
        enqueue(products=pk_set or (), using=using)
    elif action == "pre_clear":
        enqueue(
            products=sender.objects.filter(category=instance).values_list("product_id", flat=True),
            using=using,
        )


@_safely
def startup_saved(sender, startup_id, **kwargs):
    """``startups.signals.startup_changed``: sent after the change committed."""
    enqueue(startups=[startup_id])


@_safely
def startup_deleted(sender, instance, **kwargs):
    enqueue(startups=[instance.pk], using=kwargs.get("using") or "default")


def connect() -> None:
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    MarketplaceLink = get_model("catalogue", "MarketplaceLink")
    StockRecord = get_model("partner", "StockRecord")
    Partner = get_model("partner", "Partner")
    for signal, event in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(product_changed, sender=Product, dispatch_uid=f"search-product-{event}")
        signal.connect(
            stockrecord_changed, sender=StockRecord, dispatch_uid=f"search-stockrecord-{event}"
        )
        signal.connect(
            product_link_changed, sender=MarketplaceLink, dispatch_uid=f"search-link-{event}"
        )
        signal.connect(
            product_link_changed,
            sender=ProductCategory,
            dispatch_uid=f"search-category-row-{event}",
        )
    Category = get_model("catalogue", "Category")
    post_save.connect(category_saved, sender=Category, dispatch_uid="search-category-saved")
    post_delete.connect(category_saved, sender=Category, dispatch_uid="search-category-deleted")
    pre_save.connect(partner_saving, sender=Partner, dispatch_uid="search-partner-saving")
    post_save.connect(partner_saved, sender=Partner, dispatch_uid="search-partner-saved")
    pre_delete.connect(partner_deleted, sender=Partner, dispatch_uid="search-partner-deleted")
    m2m_changed.connect(
        categories_changed, sender=Product.categories.through, dispatch_uid="search-categories"
    )
    products_imported.connect(imported, dispatch_uid="search-imported")
    startup_changed.connect(startup_saved, dispatch_uid="search-startup-changed")
    post_delete.connect(
        startup_deleted, sender=get_model("startups", "Startup"), dispatch_uid="search-startup"
    )


@_safely
def imported(sender, product_ids, **kwargs):
    enqueue(products=product_ids)
