"""What the community layer does when other apps' signals arrive; connected in
``StartupsConfig.ready()``.

- Checkout finished (Oscar's ``post_checkout``, sent by ``PaymentDetailsView.
  handle_successful_order`` with the request, after the order and its parts are written): the
  order is attributed to the expos it came from (``startups.services.expo_stats``), by the
  browser's expo visitor cookie and by the vouchers it used. A failure here is logged and never
  spoils the buyer's checkout.
- A catalogue change that can make a seller's product public or not (a product saved, a stock
  record added or removed, a seller saved, a bulk import): after commit, the seller's running
  booth offers are brought in step with its products on sale
  (``startups.services.booths.booth_offers_resync``). After commit, so that it reads what was
  committed (the dashboard makes a new product a draft after its stock record is saved), and
  robustly: a failure is logged and the seller's write stands.
- A startup's page-cache token replaced: so are the tokens of the expos it has a booth in
  (``expos_of_startups``), whose lobby and halls show it.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction

from startups.services.booths import booth_offers_resync
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


def _offers_resync_after_commit(using=None, **ids) -> None:
    def resync():
        with transaction.atomic(using=using):
            booth_offers_resync(**ids)

    transaction.on_commit(resync, using=using, robust=True)


def product_saved(sender, instance, raw=False, using=None, **kwargs):
    if not raw:
        _offers_resync_after_commit(using=using, product_ids=[instance.pk])


def stock_record_saved(sender, instance, created=False, raw=False, using=None, **kwargs):
    """A new stock record makes the product this seller's (and, if another seller stocks it
    too, no longer only theirs); a price or stock change does not change what is public (and
    happens at every order), so only creations count."""
    if created and not raw:
        _offers_resync_after_commit(using=using, product_ids=[instance.product_id])


def stock_record_deleted(sender, instance, using=None, **kwargs):
    _offers_resync_after_commit(
        using=using, partner_ids=[instance.partner_id], product_ids=[instance.product_id]
    )


def seller_saved(sender, instance, raw=False, using=None, **kwargs):
    """An approved or suspended seller: all its products are public or not."""
    if not raw:
        _offers_resync_after_commit(using=using, partner_ids=[instance.pk])


def products_were_imported(sender, product_ids, **kwargs):
    _offers_resync_after_commit(product_ids=list(product_ids))


def expos_of_startups(keys: list[str]) -> list[str]:
    """The tokens of the expos whose booths show these startups (``startup:<id>`` keys): a
    lobby and its halls show every booth's startup and depend on the expo's token only."""
    from startups.models import Booth, Expo

    ids = [int(key.rsplit(":", 1)[1]) for key in keys]
    expos = Booth.objects.filter(startup_id__in=ids).values_list("expo_id", flat=True)
    return [Expo.token_key_of(pk) for pk in set(expos)]


def connect() -> None:
    from core import pagecache

    pagecache.bump_also("startup:", expos_of_startups)

    from django.db.models.signals import post_delete, post_save
    from oscar.apps.checkout.signals import post_checkout
    from oscar.core.loading import get_model

    from catalog.signals import products_imported

    post_checkout.connect(checkout_finished, dispatch_uid="startups-expo-order-attribution")

    # What a booth's expo-only offer discounts follows the seller's products on sale.
    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    Partner = get_model("partner", "Partner")
    post_save.connect(product_saved, sender=Product, dispatch_uid="startups-offers-product")
    post_save.connect(
        stock_record_saved, sender=StockRecord, dispatch_uid="startups-offers-stockrecord"
    )
    post_delete.connect(
        stock_record_deleted, sender=StockRecord, dispatch_uid="startups-offers-stockrecord-gone"
    )
    post_save.connect(seller_saved, sender=Partner, dispatch_uid="startups-offers-seller")
    products_imported.connect(products_were_imported, dispatch_uid="startups-offers-import")
