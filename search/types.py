"""The words ``search.api`` and every backend share: kinds (products, sellers, startups),
facets, price ranges, sorts and limits, what a page asks (``Query``), what it gets back (``Results`` with ``FacetValue``s,
``Suggestion``s), and what a backend must implement (``Backend``).

Plain data with no backend behind it, so the facade that picks a backend and the backends it
picks both import it, and neither imports the other.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

PRODUCT = "product"
SELLER = "seller"
STARTUP = "startup"  # the startup directory (search.documents.StartupDocument)
KINDS = (PRODUCT, SELLER, STARTUP)

# Facets of products, in the order pages show them.
GROUP = "group"  # OCOP group or sub-group code ("1", "1.9"); a product matches its ancestors
STARS = "stars"  # "3", "4", "5"
PROVINCE = "province"  # GSO code of the province of origin ("66")
PRICE = "price"  # one of PRICE_RANGES' keys
SELLER_KIND = "seller_kind"  # catalog.partner Partner.Kind values
IN_STOCK = "in_stock"  # "1" only
MARKETPLACE = "marketplace"  # catalog Marketplace codes ("lazada", "shopee", ...)
PRODUCT_FACETS = (GROUP, STARS, PROVINCE, PRICE, SELLER_KIND, IN_STOCK, MARKETPLACE)
# A category page: its group is a fixed filter, the sub-group chips stand for the group facet.
GROUP_PAGE_FACETS = tuple(f for f in PRODUCT_FACETS if f != GROUP)
SELLER_FACETS = (PROVINCE, SELLER_KIND)

# Facets of startups (PROVINCE: the startup's own province), in the order pages show them.
SECTOR = "sector"  # startups.models.Sector values
STAGE = "stage"  # startups.models.Stage values
LOOKING_FOR = "looking_for"  # startups.models.LookingFor values; a startup may have several
VERIFIED = "verified"  # "1" only: verified by a youth-union unit
YOUTH_TEAM = "youth_team"  # "1" only: every founder at most YOUTH_MAX_AGE this year
HAS_OCOP = "has_ocop"  # "1" only: sells a public product with OCOP stars in force
STARTUP_FACETS = (PROVINCE, SECTOR, STAGE, LOOKING_FOR, VERIFIED, YOUTH_TEAM, HAS_OCOP)
# Filters that narrow a kind without being a facet (no counts, never taken from a page's
# query string): the products of these sellers (ids), e.g. the exhibitors of an expo.
SELLERS = "sellers"
KIND_RESTRICTIONS = {PRODUCT: (SELLERS,)}
MAX_RESTRICTION_VALUES = 2000  # sellers of one restriction (an expo has a few hundred)
# Facets that are a yes (value "1") or nothing.
BOOLEAN_FACETS = frozenset({IN_STOCK, VERIFIED, YOUTH_TEAM, HAS_OCOP})

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
FOLLOWED, INTEREST = "followed", "interest"
# Startups: relevance orders a text's matches; without text it is the newest first.
STARTUP_SORTS = {
    RELEVANCE: _("Relevance"),
    NEWEST: _("Newest"),
    FOLLOWED: _("Most followed this month"),
    INTEREST: _("Most interest"),
}
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 50  # values kept per facet filter
MAX_PAGE = 1000  # deep pages are refused rather than scanned


KIND_FACETS = {PRODUCT: PRODUCT_FACETS, SELLER: SELLER_FACETS, STARTUP: STARTUP_FACETS}


def facet_names(kind: str) -> tuple[str, ...]:
    """The facets of a kind, in the order pages show them."""
    return KIND_FACETS.get(kind, ())


def counted_facets(query: Query) -> tuple[str, ...]:
    """The facets a query's counts are made for, in the order pages show them."""
    names = facet_names(query.kind)
    return tuple(f for f in names if f in query.counted) if query.counted else names


def restriction_names(kind: str) -> tuple[str, ...]:
    """The filters of a kind that are not facets (``SELLERS``)."""
    return KIND_RESTRICTIONS.get(kind, ())


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
    # The facets the page shows, when not all of the kind's: a category page has no group
    # facet, whose counts (with every other filter but the group's) would span the catalogue.
    counted: tuple[str, ...] = ()

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
    kind: str  # PRODUCT or SELLER (startups are not suggested)
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
