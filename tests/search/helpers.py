"""Lookups the search tests share: what ``search.api`` finds, as ids or as facet counts."""

from search import api


def found(text="", **kwargs) -> list[int]:
    """Ids of the products found (up to 100)."""
    return api.search(api.Query(text=text, per_page=100, **kwargs)).ids


def sellers_found(text="") -> list[int]:
    return api.search(api.Query(text=text, kind=api.SELLER)).ids


def facet(name, **kwargs) -> dict[str, int]:
    """value -> count of one facet of a search."""
    return {v.value: v.count for v in api.search(api.Query(**kwargs)).facets[name]}
