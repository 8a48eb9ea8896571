"""Reads of the basket pages, each a fixed number of queries however large the basket."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from oscar.core.loading import get_model


def _stockrecords_with_sellers() -> QuerySet:
    return get_model("partner", "StockRecord").objects.select_related("partner")


def lines_with_pricing(lines: QuerySet) -> QuerySet:
    """``lines`` with what pricing, availability and the basket page read, in four queries:
    the lines (joined to product, product class, parent, stock record and seller), their
    options, the products' pictures, the products' stock records with their sellers (the
    strategy prices a product's first stock record, not necessarily the line's). A fifth
    reads the parents' pictures when variants are in the basket (a variant without pictures
    shows its parent's)."""
    return (lines
            .select_related("product__product_class", "product__parent__product_class",
                            "stockrecord__partner")
            .prefetch_related("attributes", "product__images", "product__parent__images",
                              Prefetch("product__stockrecords",
                                       queryset=_stockrecords_with_sellers()))
            .order_by("pk"))


def products_to_add() -> QuerySet:
    """Products for the add-to-basket view, in two queries: the product with its class, its
    parent and whether it has options (Oscar's ``has_options`` reads these annotations), then
    its stock records with their sellers."""
    Option = get_model("catalogue", "Option")
    class_options = (Exists(Option.objects.filter(productclass=OuterRef("product_class")))
                     | Exists(Option.objects.filter(productclass=OuterRef("parent__product_class"))))
    return (get_model("catalogue", "Product").objects
            .select_related("product_class", "parent__product_class")
            .annotate(has_product_class_options=class_options,
                      has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))))
            .prefetch_related(Prefetch("stockrecords", queryset=_stockrecords_with_sellers())))
