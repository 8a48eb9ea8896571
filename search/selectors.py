"""The reads the listing pages need beside ``search.api``: the sellers of a result page in the
index's order, and the plain database listing shown when the index cannot answer."""

from __future__ import annotations

from oscar.core.loading import get_model

from catalog.selectors import product_listing
from search.types import RELEVANCE, Results

Partner = get_model("partner", "Partner")


def sellers_in_order(ids: list[int]) -> list:
    """The approved sellers among ``ids``, in that order (with their province)."""
    if not ids:
        return []
    found = {
        s.pk: s
        for s in Partner.objects.filter(pk__in=ids, status=Partner.Status.APPROVED).select_related(
            "province"
        )
    }
    return [found[pk] for pk in ids if pk in found]


def database_results(*, text: str, sort: str, categories, page: int, per_page: int) -> Results:
    """One page of the catalogue's own listing (no facets, no typo tolerance): for a category
    the index does not hold, or when the search server does not answer."""
    qs = product_listing(
        query=text, sort_by="" if sort == RELEVANCE else sort, categories=categories
    )
    total = qs.count()
    start = (page - 1) * per_page
    ids = list(qs.values_list("pk", flat=True)[start : start + per_page])
    return Results(ids=ids, total=total)
