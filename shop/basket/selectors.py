"""Reads of the basket pages, each a fixed number of queries however large the basket."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from oscar.core.loading import get_model


def _stockrecords_with_sellers() -> QuerySet:
    return get_model("partner", "StockRecord").objects.select_related("partner")


def lines_with_pricing(lines: QuerySet) -> QuerySet:
    """``lines`` with what pricing, availability and the basket page read, in three queries:
    the lines (joined to product, product class, parent, stock record and seller, and
    whether each has options), the products' pictures, the products' stock records with
    their sellers (the strategy prices a product's first stock record, not necessarily the
    line's). A fourth reads the parents' pictures when variants are in the basket (a variant
    without pictures shows its parent's). The options themselves: ``line_options_load``."""
    LineAttribute = get_model("basket", "LineAttribute")
    return (
        lines.select_related(
            "product__product_class", "product__parent__product_class", "stockrecord__partner"
        )
        .annotate(has_options=Exists(LineAttribute.objects.filter(line=OuterRef("pk"))))
        .prefetch_related(
            "product__images",
            "product__parent__images",
            Prefetch("product__stockrecords", queryset=_stockrecords_with_sellers()),
        )
        .order_by("pk")
    )


def line_options_load(lines: list) -> None:
    """The options (``line.attributes``, with their ``option``, which a line's description
    names) of ``lines`` from ``lines_with_pricing``, read in two queries only when a line has
    any: most baskets hold products without options, and their lines are read on every page
    that shows the basket."""
    prefetch_related_objects([line for line in lines if line.has_options], "attributes__option")
    for line in lines:
        if not line.has_options:
            line.__dict__.setdefault("_prefetched_objects_cache", {})["attributes"] = (
                line.attributes.none()
            )


def products_to_add() -> QuerySet:
    """Products for the add-to-basket view, in two queries: the product with its class, its
    parent and whether it has options (Oscar's ``has_options`` reads these annotations), then
    its stock records with their sellers."""
    Option = get_model("catalogue", "Option")
    class_options = Exists(Option.objects.filter(productclass=OuterRef("product_class"))) | Exists(
        Option.objects.filter(productclass=OuterRef("parent__product_class"))
    )
    return (
        get_model("catalogue", "Product")
        .objects.select_related("product_class", "parent__product_class")
        .annotate(
            has_product_class_options=class_options,
            has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        )
        .prefetch_related(Prefetch("stockrecords", queryset=_stockrecords_with_sellers()))
    )
