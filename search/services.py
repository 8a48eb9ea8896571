"""The search app's services: every write to the index, one home for all callers (the
receivers' Celery tasks, ``manage.py search_index``, the daily certificate job, the demo
set-up), and the check of the index against the database.

``products_reindex`` / ``sellers_reindex`` / ``startups_reindex`` bring given ids up to date:
the public ones are written, every other id is removed (withdrawn, rejected, unpublished,
seller suspended, deleted). A seller's reindex takes its startup along (the seller's status
decides whether the startup is public, its products whether it "has OCOP products"), and a
product's reindex takes its sellers, so a product change reaches the startup too. ``search.receivers`` enqueues them after each commit through ``search.tasks``;
``index_rebuild`` replaces everything and ``index_check`` lists the differences between the
database and the index. Each write replaces the page cache's index token, so listings made
from the old index are not served again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.selectors import public_products
from core import pagecache
from search import api, listing_cache
from search.documents import (
    BATCH,
    approved_sellers,
    id_chunks,
    product_documents,
    seller_documents,
    startup_documents,
)
from startups.models import Startup
from startups.selectors import public_startups
from startups.services.profiles import startup_key

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

Progress = Callable[[int, int], None]


# --- keeping the index true ---------------------------------------------------------------


def products_reindex(ids: Iterable[int], *, sellers: bool = True) -> tuple[int, int]:
    """Write the public products among ``ids`` (variants count as their parent), remove the
    others; then refresh their sellers (whose product counts may have changed). Returns
    (written, removed)."""
    backend = api.backend()
    written = removed = 0
    seller_ids: set[int] = set()
    for chunk in id_chunks(ids):
        wanted = set(chunk) | set(
            Product.objects.filter(pk__in=chunk, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        docs = list(product_documents(wanted))
        if docs:
            written += backend.index(docs)
        gone = wanted - {doc.id for doc in docs}
        if gone:
            removed += backend.delete(api.PRODUCT, gone)
        pagecache.bump(
            *listing_cache.product_changes(docs, gone),
            *(pagecache.product_key(pk) for pk in wanted),
        )
        if sellers:
            seller_ids |= set(
                StockRecord.objects.filter(product_id__in=wanted).values_list(
                    "partner_id", flat=True
                )
            )
    if seller_ids:
        sellers_reindex(seller_ids)
    return written, removed


def sellers_reindex(ids: Iterable[int], *, products: bool = False) -> tuple[int, int]:
    """Write the approved sellers among ``ids``, remove the others, and bring their startups
    up to date. With ``products``, their products are reindexed too (a seller's status, kind
    and name are in its products' documents). Returns (written, removed) for the sellers."""
    backend = api.backend()
    written = removed = 0
    for chunk in id_chunks(ids):
        if products:
            products_reindex(
                StockRecord.objects.filter(partner_id__in=chunk)
                .values_list("product_id", flat=True)
                .distinct(),
                sellers=False,
            )
        docs = list(seller_documents(chunk))
        if docs:
            written += backend.index(docs)
        gone = set(chunk) - {doc.id for doc in docs}
        if gone:
            removed += backend.delete(api.SELLER, gone)
        if listing_cache.documents_changed(api.SELLER, docs, gone):
            pagecache.bump(pagecache.INDEX)
        startups = Startup.objects.filter(partner_id__in=chunk).values_list("pk", flat=True)
        startups_reindex(list(startups))
    return written, removed


def startups_reindex(ids: Iterable[int]) -> tuple[int, int]:
    """Write the public startups among ``ids``, remove the others (hidden, seller suspended,
    deleted). Returns (written, removed)."""
    backend = api.backend()
    written = removed = 0
    for chunk in id_chunks(ids):
        docs = list(startup_documents(chunk))
        if docs:
            written += backend.index(docs)
        gone = set(chunk) - {doc.id for doc in docs}
        if gone:
            removed += backend.delete(api.STARTUP, gone)
        changed = listing_cache.documents_changed(api.STARTUP, docs, gone)
        if changed:
            # Their directory cards too: the document holds what a card shows, so a change
            # made past the services (an edit in the admin) reaches the card with the index.
            pagecache.bump(pagecache.INDEX, *(startup_key(pk) for pk in sorted(changed)))
    return written, removed


def startups_refresh() -> tuple[int, int]:
    """Every startup rewritten, and those the index holds but may not show removed: the
    nightly job, since a new month empties "followers this month" without any save."""
    ids = set(public_startups().values_list("pk", flat=True))
    return startups_reindex(ids | api.backend().indexed_ids(api.STARTUP))


def index_rebuild(progress: Progress | None = None) -> int:
    """Replace the whole index; searches see the old one until the new one is complete."""
    total = public_products().count() + approved_sellers().count() + public_startups().count()
    documents = chain(product_documents(), seller_documents(), startup_documents())
    written = api.backend().rebuild(
        listing_cache.remembering(documents), total=total, progress=progress
    )
    group_indexes_ensure()
    pagecache.bump(pagecache.INDEX, *listing_cache.everything())
    return written


def group_indexes_ensure() -> tuple[list[str], list[str]]:
    """The backend's per-group listing indexes and kept category counts for the OCOP codes
    of the categories (after a rebuild, when a category's code is set or changed, ``manage.py
    search_index groups``). Returns the indexes (made, dropped)."""
    codes = sorted(set(Category.objects.exclude(ocop_code="").values_list("ocop_code", flat=True)))
    engine = api.backend()
    counts_ensure = getattr(engine, "group_counts_ensure", None)
    if counts_ensure:
        counts_ensure(codes)
    ensure = getattr(engine, "group_indexes_ensure", None)
    return ensure(codes) if ensure else ([], [])


def certificate_changes_reindex(today=None) -> int:
    """Reindex products whose certificate starts today or ended yesterday (their stars facet
    changes with no save). Returns how many products were looked at."""
    today = today or timezone.localdate()
    ids = list(
        Product.objects.filter(
            Q(ocop_valid_from=today) | Q(ocop_valid_until=today - datetime.timedelta(days=1))
        ).values_list("pk", flat=True)
    )
    if ids:
        products_reindex(ids)
    return len(ids)


# --- checking it --------------------------------------------------------------------------


@dataclass
class KindDifferences:
    kind: str
    missing: list[int] = field(default_factory=list)  # public, not in the index
    extra: list[int] = field(default_factory=list)  # in the index, not public (or gone)
    stale: list[int] = field(default_factory=list)  # in the index with outdated fields

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)


@dataclass
class CheckReport:
    kinds: list[KindDifferences]

    @property
    def ok(self) -> bool:
        return not any(k.count for k in self.kinds)

    def lines(self, *, limit: int = 20) -> list[str]:
        """A human-readable list of the differences (ids cut after ``limit`` per list)."""
        out = []
        for k in self.kinds:
            for label, ids in (
                ("missing from the index", k.missing),
                ("in the index but not public", k.extra),
                ("outdated in the index", k.stale),
            ):
                if ids:
                    shown = ", ".join(str(i) for i in ids[:limit])
                    more = f" and {len(ids) - limit} more" if len(ids) > limit else ""
                    out.append(f"{len(ids)} {k.kind}(s) {label}: {shown}{more}")
        return out


def index_check(progress: Progress | None = None) -> CheckReport:
    """Compare the database with the index: ids missing or extra, and (where the backend can
    tell, ``stale``) rows whose fields differ from a fresh document."""
    backend = api.backend()
    stale_of = getattr(backend, "stale", None)
    sources = (
        (api.PRODUCT, product_documents, public_products().count()),
        (api.SELLER, seller_documents, approved_sellers().count()),
        (api.STARTUP, startup_documents, public_startups().count()),
    )
    total = sum(count for _k, _f, count in sources)
    done, kinds = 0, []
    for kind, documents, _count in sources:
        indexed = backend.indexed_ids(kind)
        expected: set[int] = set()
        stale: set[int] = set()
        batch: list = []
        for doc in chain(documents(), [None]):
            if doc is not None:
                expected.add(doc.id)
                batch.append(doc)
            if batch and (doc is None or len(batch) >= BATCH):
                if stale_of:
                    stale |= {i for _kind, i in stale_of(batch)}
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        kinds.append(
            KindDifferences(
                kind=kind,
                missing=sorted(expected - indexed),
                extra=sorted(indexed - expected),
                stale=sorted(stale & indexed),
            )
        )
    return CheckReport(kinds=kinds)
