"""The catalogue's reads: product listings for browse and search pages, the products waiting
for review, the marketplace click report.

Every listing costs a fixed number of queries however many products it shows: the product
class, origin and stock records (with their seller) and images are fetched in bulk.
"""

import datetime

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Marketplace, MarketplaceLink
from core import pagecache

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def public_products() -> QuerySet:
    """Products a buyer may see: public, approved by moderation, not a variant child, sold by
    an approved seller."""
    return (
        Product.objects.browsable()
        .filter(
            is_public=True,
            moderation_status=Product.Moderation.APPROVED,
            stockrecords__partner__status=Partner.Status.APPROVED,
        )
        .distinct()
    )


def public_product_or_none(pk):
    """The product with this id if a buyer may see it (a variant: if its parent may be seen),
    for every page outside the seller's own dashboard that reads one product by its id."""
    product = (
        Product.objects.filter(pk=pk).only("pk", "parent_id", "is_public", "structure").first()
    )
    if product is None or (product.parent_id and not product.is_public):
        return None
    canonical = product.parent_id or product.pk
    return product if public_products().filter(pk=canonical).exists() else None


def _listing_prefetches() -> tuple:
    """What a product card shows beside the product's row: the price and seller (stock
    records) and the pictures. Not the categories: no card shows them (the product page reads
    its own, ``product_detail_queryset``), and every listing paid a query for them."""
    return (
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
        Prefetch(
            "images",
            queryset=ProductImage.objects.filter(is_approved=True).order_by("display_order"),
        ),
    )


def with_listing_data(qs: QuerySet) -> QuerySet:
    return qs.select_related("product_class", "origin_province").prefetch_related(
        *_listing_prefetches()
    )


def listings_together(*listings: QuerySet) -> list[list]:
    """Several listings of one page as lists, their stock records and images fetched
    together: one query per relation for all of them, not one per listing."""
    lists = [list(qs.prefetch_related(None)) for qs in listings]
    prefetch_related_objects([p for products in lists for p in products], *_listing_prefetches())
    return lists


def product_listing(*, query: str = "", categories=None, sort_by: str = "") -> QuerySet:
    qs = public_products()
    if categories is not None:
        qs = qs.filter(categories__in=categories)
    if query:
        terms = query.split()
        for term in terms:
            qs = qs.filter(
                Q(title__icontains=term)
                | Q(description__icontains=term)
                | Q(origin_province__name__icontains=term)
                | Q(stockrecords__partner__name__icontains=term)
            )
    price = StockRecord.objects.filter(product=OuterRef("pk")).order_by("price").values("price")[:1]
    qs = qs.annotate(listing_price=Subquery(price))
    ordering = {
        "newest": ["-date_created", "-pk"],
        "price_asc": ["listing_price", "pk"],
        "price_desc": ["-listing_price", "-pk"],
        "stars": ["-ocop_stars", "-date_created", "pk"],
    }.get(sort_by, ["-ocop_stars", "-date_created", "-pk"] if not query else ["title", "pk"])
    return with_listing_data(qs.order_by(*ordering))


def featured_products(*, limit: int = 8):
    """Products with a certificate in force, most stars first."""
    today = timezone.localdate()
    qs = product_listing(sort_by="stars").filter(
        ocop_stars__isnull=False, ocop_valid_from__lte=today, ocop_valid_until__gte=today
    )
    return qs[:limit]


def product_groups():
    """The six OCOP product groups (the top level of the category tree), in code order."""
    Category = get_model("catalogue", "Category")
    return Category.get_root_nodes().filter(is_public=True).order_by("ocop_code", "path")


def request_product_groups(request) -> list:
    """``product_groups()`` read once per request (and kept in the cache until the site
    changes): the header's navigation and the product page's group share it."""
    groups = getattr(request, "_product_groups", None)
    if groups is None:
        groups = request._product_groups = pagecache.site_cached(
            "product-groups", lambda: list(product_groups())
        )
    return groups


def product_detail_queryset() -> QuerySet:
    """The product page's product. Its seller comes with its startup (the reverse one-to-one
    ``partner.startup`` of the community layer, in the same query) for the "made by the
    startup" line."""
    Option = get_model("catalogue", "Option")
    return (
        Product.objects.select_related("product_class", "origin_province", "parent")
        # Whether the add-to-basket form has option fields, in the same query (Oscar's
        # ``has_options`` reads these annotations instead of a query of its own).
        .annotate(
            has_product_class_options=Exists(
                Option.objects.filter(productclass=OuterRef("product_class"))
            ),
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.select_related(
                    "partner__province", "partner__startup"
                ),
            ),
            Prefetch(
                "images",
                queryset=ProductImage.objects.filter(is_approved=True).order_by("display_order"),
            ),
            "categories",
            "marketplace_links",
        )
    )


def _public_narrow() -> QuerySet:
    """``public_products()`` with its seller condition as EXISTS: no join to the stock records
    and no DISTINCT over the products' wide rows (a fifth of a listing's read)."""
    on_sale = StockRecord.objects.filter(
        product=OuterRef("pk"), partner__status=Partner.Status.APPROVED
    )
    return Product.objects.browsable().filter(
        Exists(on_sale),
        is_public=True,
        moderation_status=Product.Moderation.APPROVED,
    )


def _public_among(ids) -> QuerySet:
    return _public_narrow().filter(pk__in=ids)


def is_public_product(product_ref) -> Exists:
    """Whether the product ``product_ref`` (an ``OuterRef``) is public, as a column of another
    query: a list of product ids of its own (a booth's featured products) tells which are
    public in the same statement, not in a second one (``listed_products``)."""
    return Exists(_public_narrow().filter(pk=product_ref))


def products_in_order(ids: list[int]) -> list:
    """The public products among ``ids``, in that order, with what a product card needs (a
    search result page, the home page). A product withdrawn since ``ids`` were found is left
    out. A cached page showing them depends on their tokens (``core.pagecache``)."""
    if not ids:
        return []
    pagecache.note_products(ids)
    found = {p.pk: p for p in with_listing_data(_public_among(ids))}
    return [found[pk] for pk in ids if pk in found]


class ListedProducts(list):
    """A listing's products as their ids, in order; ``load(ids)`` reads the products whose
    cards must be drawn (a dict by id, with what a card needs, public ones only). The cards
    of unchanged products come from the card cache (``core.pagecache.cards``), so a listing
    whose cards are cached reads no product rows, stock records or pictures: on a category
    page that was a third of the render."""

    def load(self, ids) -> dict:
        return {p.pk: p for p in with_listing_data(_public_among(ids))}


def listed_products(ids: list[int]) -> list:
    """``products_in_order`` for a grid of cards (``{% product_cards %}``): with the card
    cache on, the public products among ``ids`` as a ``ListedProducts`` (one narrow query),
    read in full only for the cards not cached."""
    if not pagecache.enabled():
        return products_in_order(ids)
    ids = list(ids)
    if not ids:
        return ListedProducts()
    pagecache.note_products(ids)
    public = set(_public_among(ids).values_list("pk", flat=True))
    return ListedProducts(pk for pk in ids if pk in public)


def certified_ids(ids, today) -> set[int]:
    """Those of ``ids`` whose OCOP certificate is in force on ``today``
    (``Product.ocop_is_valid``)."""
    return set(
        Product.objects.filter(
            pk__in=ids,
            ocop_stars__gt=0,
            ocop_valid_from__lte=today,
            ocop_valid_until__gte=today,
        ).values_list("pk", flat=True)
    )


def listed(qs: QuerySet) -> list:
    """A queryset of public products (ordered, sliced) for a grid of cards: its products
    with the card cache off, else their ids as a ``ListedProducts``. Their tokens are noted."""
    if not pagecache.enabled():
        products = list(qs)
        pagecache.note_products(p.pk for p in products)
        return products
    ids = list(qs.select_related(None).prefetch_related(None).values_list("pk", flat=True))
    pagecache.note_products(ids)
    return ListedProducts(ids)


def seller_products(*, seller) -> QuerySet:
    """A seller's public products, certified and newest first. One join to the seller's stock
    records (an index-only scan of ``stockrecord_seller_product``) and no DISTINCT: a product
    has one stock record per seller. Empty unless the seller is approved."""
    if seller.status != Partner.Status.APPROVED:
        return Product.objects.none()
    return with_listing_data(
        Product.objects.browsable()
        .filter(
            is_public=True,
            moderation_status=Product.Moderation.APPROVED,
            stockrecords__partner=seller,
        )
        .order_by("-ocop_stars", "-date_created", "-pk")
    )


def seller_other_products(*, seller, exclude=None, limit: int = 4) -> list:
    """A few more of the seller's products (the product page's "more from this producer"),
    for a grid of cards (``listed``)."""
    qs = seller_products(seller=seller)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return listed(qs[:limit])


def seller_marketplaces(*, seller) -> list[str]:
    """Names of the marketplaces where a seller's public products are also sold."""
    codes = (
        MarketplaceLink.objects.filter(
            product__stockrecords__partner=seller,
            product__is_public=True,
            product__parent__isnull=True,
            product__moderation_status=Product.Moderation.APPROVED,
        )
        .values_list("marketplace", flat=True)
        .distinct()
    )
    labels = dict(Marketplace.choices)
    return sorted(labels[code] for code in set(codes) if code in labels)


def awaiting_review():
    """Products an officer must look at: submitted, or approved with changes waiting."""
    moderation = Product.Moderation
    return Product.objects.filter(parent=None).filter(
        moderation_status=moderation.SUBMITTED
    ) | Product.objects.filter(parent=None, moderation_status=moderation.APPROVED).exclude(
        pending_changes={}
    )


def click_counts(
    *, products=None, partner=None, recent_days: int = 30, now: datetime.datetime | None = None
) -> list[dict]:
    """Clicks per product and marketplace, all time and in the last ``recent_days``, most
    clicked first, in one query. Links never clicked are listed with zero.

    ``products`` (queryset or iterable) and ``partner`` (a seller or its id) narrow the report;
    ``partner`` keeps only that seller's products, for a seller's own report.
    Each row: link_id, product_id, product_title, marketplace, marketplace_name, total, recent.
    """
    since = (now or timezone.now()) - datetime.timedelta(days=recent_days)
    qs = MarketplaceLink.objects.all()
    if products is not None:
        qs = qs.filter(product__in=products)
    if partner is not None:
        qs = qs.filter(
            product__in=Product.objects.filter(stockrecords__partner=partner).values("pk")
        )
    rows = list(
        qs.values("marketplace", "product_id", link_id=F("id"), product_title=F("product__title"))
        .annotate(
            total=Count("clicks"), recent=Count("clicks", filter=Q(clicks__clicked_at__gte=since))
        )
        .order_by("-total", "-recent", "product_title", "marketplace")
    )
    labels = dict(Marketplace.choices)
    for row in rows:
        row["marketplace_name"] = labels.get(row["marketplace"], row["marketplace"])
    return rows
