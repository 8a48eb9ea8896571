"""What an index write changes for cached listings (``core.pagecache``).

A listing made from the index (a category page, a search, the facet counts of either)
depends on the tokens ``query_keys`` names for its query, besides the tokens of the products
it shows (their cards):

- a listing filtered by OCOP group depends on ``group:<code>`` of each group it shows: a
  product's change replaces the tokens of the groups it was and is in, so a price change in
  tea leaves the coffee pages alone;
- any other product listing depends on ``PRODUCTS``, replaced by any product change that
  can move a product into, out of or within a listing, or change a count;
- a listing ordered by popularity (the popular and stars sorts) also depends on
  ``POPULARITY``, replaced when only a product's popularity (units sold, marketplace clicks)
  changed. That is what an order does to the products it sells (one unit fewer in stock,
  one more sold), so an order leaves every other listing served from the cache, re-rendering
  only the cards of the products it sold. A text search breaks ties by popularity too; its
  order may lag by a sale until its page expires (``PAGE_CACHE_SECONDS``), which the
  buyer cannot tell from the sales of the minute before;
- every listing also depends on ``LISTS``, replaced when a change cannot be placed (the
  product's earlier state is not known: a fresh cache, a rebuilt index).

To tell what changed, the state each product was last written with (its groups, its seller, a
digest of every field a listing filters, sorts or counts by, and its popularity) is kept in
the cache by ``remember`` at each write. Sellers and startups change rarely: any change to
their documents replaces ``INDEX``, on which the seller and startup listings depend.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Iterable, Iterator

from django.core.cache import cache

from core import pagecache
from search.documents import ProductDocument
from search.types import GROUP, POPULAR, PRODUCT, STARS_DESC, Query

logger = logging.getLogger(__name__)

PRODUCTS, POPULARITY, LISTS = pagecache.PRODUCTS, pagecache.POPULARITY, pagecache.LISTS
group_key, seller_products_key = pagecache.group_key, pagecache.seller_products_key
STATE_PREFIX = "pc:listed:"
_POPULARITY_SORTS = (POPULAR, STARS_DESC)
# What a listing never reads from a product's document: the address (cards come from the
# database) and popularity (compared on its own).
_NOT_LISTED = ("url", "popularity")


def query_keys(query: Query, *, counting: bool = False) -> list[str]:
    """The tokens a listing of ``query`` depends on (``counting``: its total and facet counts,
    which do not depend on the order)."""
    if query.kind != PRODUCT:
        return [pagecache.INDEX]
    groups = [c for c in query.filters.get(GROUP, ()) if c]
    keys = [LISTS, *(group_key(c) for c in groups)] if groups else [LISTS, PRODUCTS]
    if not counting and query.sort in _POPULARITY_SORTS:
        keys.append(POPULARITY)
    return keys


listing_keys = pagecache.listing_keys


# --- what a write changed -------------------------------------------------------------------


def _digest(doc) -> str:
    fields = {k: v for k, v in dataclasses.asdict(doc).items() if k not in _NOT_LISTED}
    return hashlib.sha1(repr(sorted(fields.items())).encode()).hexdigest()[:20]


def _state(doc: ProductDocument) -> tuple:
    groups = tuple(sorted({c for c in doc.group_codes if c}))
    return (groups, int(doc.seller_id), _digest(doc), int(doc.popularity or 0))


def _states(kind: str, ids: Iterable[int]) -> dict[int, tuple | str | None]:
    ids = list(ids)
    try:
        found = cache.get_many([f"{STATE_PREFIX}{kind}:{i}" for i in ids])
    except Exception:
        logger.exception("Listing states unreadable")
        found = {}
    return {i: found.get(f"{STATE_PREFIX}{kind}:{i}") for i in ids}


def _keep(kind: str, states: dict[int, object]) -> None:
    if not pagecache.enabled() or not states:
        return
    try:
        cache.set_many(
            {f"{STATE_PREFIX}{kind}:{i}": state for i, state in states.items()}, timeout=None
        )
    except Exception:
        logger.exception("Could not keep listing states")


def remember(docs: Iterable) -> None:
    """Keep the state each document was written with: of products for ``product_changes``,
    of sellers and startups for ``documents_changed``."""
    by_kind: dict[str, dict[int, object]] = {}
    for doc in docs:
        state = _state(doc) if isinstance(doc, ProductDocument) else _digest(doc)
        by_kind.setdefault(doc.kind, {})[int(doc.id)] = state
    for kind, states in by_kind.items():
        _keep(kind, states)


def remembering(docs: Iterable, size: int = 1000) -> Iterator:
    """``docs`` as they are, remembered on their way (a rebuild's documents)."""
    batch = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            remember(batch)
            yield from batch
            batch = []
    remember(batch)
    yield from batch


def everything() -> list[str]:
    """Every listing token: the whole index was replaced."""
    return [LISTS, PRODUCTS, POPULARITY]


def documents_changed(kind: str, docs: list, gone: Iterable[int]) -> set[int]:
    """The ids among sellers' or startups' ``docs`` and ``gone`` whose writing changes what
    their listings show (a seller's reindex follows every change of its products, mostly
    changing nothing; a state never seen counts as changed); remembers the new states."""
    gone = {int(i) for i in gone}
    new = {int(doc.id): _digest(doc) for doc in docs}
    old = _states(kind, [*new, *gone])
    _keep(kind, {**new, **dict.fromkeys(gone, "")})
    return {i for i in old if old[i] is None or old[i] != new.get(i, "")}


def product_changes(docs: list[ProductDocument], gone: Iterable[int]) -> list[str]:
    """The listing tokens that writing ``docs`` and removing ``gone`` replaces, from the
    states they were last written with; remembers the new states."""
    new = {doc.id: _state(doc) for doc in docs}
    gone = {int(i) for i in gone}
    old = _states(PRODUCT, [*new, *gone])
    keys: set[str] = set()
    for pk, before in old.items():
        after = new.get(pk, ())
        if before is None:  # never seen, or forgotten: any listing may have changed
            keys |= {LISTS, PRODUCTS, POPULARITY}
            if after:
                keys |= {group_key(c) for c in after[0]}
                keys.add(seller_products_key(after[1]))
            continue
        if before == after:
            continue
        if before and after and before[:3] == after[:3]:
            keys.add(POPULARITY)  # sold or clicked: only the order by popularity moved
            continue
        keys.add(PRODUCTS)
        for state in (before, after):
            if state:
                keys |= {group_key(c) for c in state[0]}
                keys.add(seller_products_key(state[1]))
    _keep(PRODUCT, {**new, **dict.fromkeys(gone, ())})
    return sorted(keys)
