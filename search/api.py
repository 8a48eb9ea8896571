"""The one search API every page calls: products and sellers, with a query, filters, a sort
and a page, returning ids in order, a total and facet counts.

Two kinds of backend sit behind it, chosen by configuration:
- the database (default, no server): SQLite FTS5 or PostgreSQL full text with trigram typo
  tolerance, over a denormalised table of public things (``search.SearchEntry``);
- Elasticsearch through elasticsearch-dsl when ``ELASTICSEARCH_URL`` is set.

Both index the same documents (``search.documents``), which hold only what buyers may see:
public, approved products of approved sellers, and approved sellers. Pages turn the ids back
into objects through the catalogue's public queryset, so a product withdrawn a moment ago is
never shown even before its index update has run.

Text is folded the same way everywhere (``core.text.search_fold``: NFC, casefold,
diacritics removed, đ→d, then i/y spellings of a syllable made one), so "ca phe dak lak" finds
"Cà phê Đắk Lắk" and "Lí Sơn" finds "Lý Sơn"; what is indexed beyond a document's fields
(former province names, words written together) is defined in ``search.documents``.

Filters: OR within one facet, AND across facets. Facet counts for a facet are computed with
every *other* facet's filter applied (so a buyer sees how many each alternative would give).
"""

from __future__ import annotations

import abc
import hashlib
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

PRODUCT = "product"
SELLER = "seller"

# Facets of products, in the order pages show them.
GROUP = "group"  # OCOP group or sub-group code ("1", "1.9"); a product matches its ancestors
STARS = "stars"  # "3", "4", "5"
PROVINCE = "province"  # GSO code of the province of origin ("66")
PRICE = "price"  # one of PRICE_RANGES' keys
SELLER_KIND = "seller_kind"  # catalog.partner Partner.Kind values
IN_STOCK = "in_stock"  # "1" only
MARKETPLACE = "marketplace"  # catalog Marketplace codes ("lazada", "shopee", ...)
PRODUCT_FACETS = (GROUP, STARS, PROVINCE, PRICE, SELLER_KIND, IN_STOCK, MARKETPLACE)
SELLER_FACETS = (PROVINCE, SELLER_KIND)

# Price ranges in whole đồng: key -> (from, below); None is open-ended.
PRICE_RANGES: dict[str, tuple[int | None, int | None]] = {
    "0-100000": (None, 100_000),
    "100000-200000": (100_000, 200_000),
    "200000-500000": (200_000, 500_000),
    "500000-1000000": (500_000, 1_000_000),
    "1000000-": (1_000_000, None),
}

RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST, STARS_DESC, POPULAR = (
    "relevance",
    "price_asc",
    "price_desc",
    "newest",
    "stars",
    "popular",
)
SORTS = {
    RELEVANCE: _("Relevance"),
    PRICE_ASC: _("Price: low to high"),
    PRICE_DESC: _("Price: high to low"),
    NEWEST: _("Newest"),
    STARS_DESC: _("OCOP stars"),
    POPULAR: _("Most popular"),
}
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 50  # values kept per facet filter
MAX_PAGE = 1000  # deep pages are refused rather than scanned


@dataclass(frozen=True)
class Query:
    """What a page asks. ``filters`` maps a facet to the values selected in it."""

    text: str = ""
    kind: str = PRODUCT
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = 24
    facets: bool = True  # False when the page shows no facets (saves the counting)
    count: bool = True  # False when the caller knows the total already (saves a COUNT)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class Results:
    ids: list[int]  # this page, in order
    total: int
    # facet -> values with counts; values with count 0 are left out unless selected.
    # Labels are added by the page (search.facets), not by backends.
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    corrected_text: str | None = None  # set when typo tolerance replaced a word


@dataclass(frozen=True)
class Suggestion:
    kind: str  # PRODUCT or SELLER
    id: int
    label: str
    url: str


class Backend(abc.ABC):
    """What every backend implements. ``documents`` are ``search.documents`` dataclasses."""

    name = "base"

    @abc.abstractmethod
    def search(self, query: Query) -> Results: ...

    @abc.abstractmethod
    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        """Type-ahead: products and sellers whose name has words starting with ``text``."""

    @abc.abstractmethod
    def index(self, documents) -> int:
        """Add or replace these documents; returns how many were written."""

    @abc.abstractmethod
    def delete(self, kind: str, ids) -> int:
        """Remove these ids of ``kind``; returns how many were removed."""

    @abc.abstractmethod
    def rebuild(self, documents, *, total: int, progress=None) -> int:
        """Replace the whole index with ``documents`` without searches ever seeing it empty."""

    @abc.abstractmethod
    def indexed_ids(self, kind: str) -> set[int]:
        """Every id of ``kind`` in the index (for ``search_index check``)."""


def facet_names(kind: str) -> tuple[str, ...]:
    return PRODUCT_FACETS if kind == PRODUCT else SELLER_FACETS


def usable_filters(query: Query) -> dict[str, list[str]]:
    """The values of each filter a backend acts on: facets of the query's kind only, known
    price ranges, in_stock only "1"; empty and repeated values dropped. Anything else is
    ignored, so every backend reads a crafted URL the same way."""
    out = {}
    for facet in facet_names(query.kind):
        values = query.filters.get(facet) or ()
        if isinstance(values, str):
            values = (values,)
        clean: list[str] = []
        for value in values:
            value = str(value).strip()[:100]
            if not value or value in clean:
                continue
            if facet == PRICE and value not in PRICE_RANGES:
                continue
            if facet == IN_STOCK and value != "1":
                continue
            clean.append(value)
        if clean:
            out[facet] = clean[:MAX_FILTER_VALUES]
    return out


def backend() -> Backend:
    """The configured backend: Elasticsearch when ELASTICSEARCH_URL is set, else the database."""
    from search.backends import get_backend

    return get_backend()


def search(query: Query) -> Results:
    """One page of results. The total and the facet counts depend only on the text and the
    filters, not on the page or the sort: they are cached per (text, filters) under the index
    token (``core.pagecache.INDEX``, replaced on every index write), so paging and re-sorting
    a listing counts nothing again, and the first change to the index recounts."""
    from core import pagecache

    engine = backend()
    if not query.facets:
        return engine.search(query)
    key = _counts_key(engine, query)
    counts, token = pagecache.index_cached(key)
    if counts is not None:
        results = engine.search(replace(query, facets=False, count=False))
        results.total, results.facets = counts
        return results
    results = engine.search(query)
    pagecache.index_store(key, token, (results.total, results.facets))
    return results


def _counts_key(engine: Backend, query: Query) -> str:
    filters = sorted((facet, sorted(values)) for facet, values in usable_filters(query).items())
    raw = repr((engine.name, query.kind, " ".join(query.text.split()).casefold(), filters))
    return "search:counts:" + hashlib.sha1(raw.encode()).hexdigest()


def suggest(text: str, *, limit: int = 8) -> list[Suggestion]:
    """Type-ahead suggestions, cached per typed text until the index changes: every buyer
    typing "ca p" asks the same thing."""
    from core import pagecache

    engine = backend()
    raw = repr((engine.name, " ".join(text.split()).casefold(), limit))
    key = "search:suggest:" + hashlib.sha1(raw.encode()).hexdigest()
    suggestions, token = pagecache.index_cached(key)
    if suggestions is None:
        suggestions = engine.suggest(text, limit=limit)
        pagecache.index_store(key, token, suggestions)
    return suggestions
