"""The one search API every page calls: products, sellers and startups (the startup
directory), with a query, filters, a sort and a page, returning ids in order, a total and
facet counts.

Two kinds of backend sit behind it, chosen by configuration (``search.backends``):
- the database (default, no server): SQLite FTS5 or PostgreSQL full text with trigram typo
  tolerance, over a denormalised table of public things (``search.SearchEntry``);
- Elasticsearch through elasticsearch-dsl when ``ELASTICSEARCH_URL`` is set.

Both index the same documents (``search.documents``), which hold only what buyers may see:
public, approved products of approved sellers, approved sellers, and published startups of
approved sellers. Pages turn the ids back into objects through a public queryset, so a
product withdrawn (or a startup hidden) a moment ago is never shown even before its index
update has run.

Text is folded the same way everywhere (``core.text.search_fold``: NFC, casefold,
diacritics removed, đ→d, then i/y spellings of a syllable made one), so "ca phe dak lak" finds
"Cà phê Đắk Lắk" and "Lí Sơn" finds "Lý Sơn"; what is indexed beyond a document's fields
(former province names, words written together) is defined in ``search.documents``, and how
every backend reads a query (words, typos, pages, filters) in ``search.query``.

Filters: OR within one facet, AND across facets. Facet counts for a facet are computed with
every *other* facet's filter applied (so a buyer sees how many each alternative would give).

The names pages use with this API (``Query``, ``Results``, the kinds, facets and sorts) are
defined in ``search.types`` and offered here too, so a page needs this module only.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from core import pagecache
from search.backends import get_backend
from search.listing_cache import listing_keys, query_keys
from search.query import usable_filters
from search.types import (
    BOOLEAN_FACETS,
    FOLLOWED,
    GROUP,
    GROUP_PAGE_FACETS,
    HAS_OCOP,
    IN_STOCK,
    INTEREST,
    LOOKING_FOR,
    MARKETPLACE,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    NEWEST,
    POPULAR,
    PRICE,
    PRICE_ASC,
    PRICE_DESC,
    PRICE_RANGES,
    PRODUCT,
    PRODUCT_FACETS,
    PROVINCE,
    RELEVANCE,
    SECTOR,
    SELLER,
    SELLER_FACETS,
    SELLER_KIND,
    SELLERS,
    SORTS,
    STAGE,
    STARS,
    STARS_DESC,
    STARTUP,
    STARTUP_FACETS,
    STARTUP_SORTS,
    VERIFIED,
    YOUTH_TEAM,
    Backend,
    FacetValue,
    Query,
    Results,
    Suggestion,
)

__all__ = [
    "BOOLEAN_FACETS",
    "FOLLOWED",
    "GROUP",
    "GROUP_PAGE_FACETS",
    "HAS_OCOP",
    "IN_STOCK",
    "INTEREST",
    "LOOKING_FOR",
    "MARKETPLACE",
    "MAX_FILTER_VALUES",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "NEWEST",
    "POPULAR",
    "PRICE",
    "PRICE_ASC",
    "PRICE_DESC",
    "PRICE_RANGES",
    "PRODUCT",
    "PRODUCT_FACETS",
    "PROVINCE",
    "RELEVANCE",
    "SECTOR",
    "SELLER",
    "SELLER_FACETS",
    "SELLER_KIND",
    "SELLERS",
    "SORTS",
    "STAGE",
    "STARS",
    "STARS_DESC",
    "STARTUP",
    "STARTUP_FACETS",
    "STARTUP_SORTS",
    "VERIFIED",
    "YOUTH_TEAM",
    "Backend",
    "FacetValue",
    "Query",
    "Results",
    "Suggestion",
    "backend",
    "search",
    "suggest",
]


def backend() -> Backend:
    """The configured backend: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    return get_backend()


def search(query: Query) -> Results:
    """One page of results. The total and the facet counts depend only on the text and the
    filters, not on the page or the sort: they are cached per (text, filters) under the
    tokens of what they count (``search.listing_cache.query_keys``: a category's group, or
    every product), so paging and re-sorting a listing counts nothing again, and the first
    change that can move a count recounts."""
    engine = backend()
    if not query.facets:
        return engine.search(query)
    key = _counts_key(engine, query)
    counts, token = pagecache.guarded_cached(key, *query_keys(query, counting=True))
    if counts is not None:
        results = engine.search(replace(query, facets=False, count=False))
        results.total, results.facets = counts
        return results
    results = engine.search(query)
    pagecache.guarded_store(key, token, (results.total, results.facets))
    return results


def _counts_key(engine: Backend, query: Query) -> str:
    filters = sorted((facet, sorted(values)) for facet, values in usable_filters(query).items())
    raw = repr(
        (engine.name, query.kind, " ".join(query.text.split()).casefold(), filters, query.counted)
    )
    return "search:counts:" + hashlib.sha1(raw.encode()).hexdigest()


def suggest(text: str, *, limit: int = 8) -> list[Suggestion]:
    """Type-ahead suggestions, cached per typed text until the index changes: every buyer
    typing "ca p" asks the same thing."""
    engine = backend()
    raw = repr((engine.name, " ".join(text.split()).casefold(), limit))
    key = "search:suggest:" + hashlib.sha1(raw.encode()).hexdigest()
    suggestions, token = pagecache.guarded_cached(key, pagecache.INDEX, *listing_keys())
    if suggestions is None:
        suggestions = engine.suggest(text, limit=limit)
        pagecache.guarded_store(key, token, suggestions)
    return suggestions
