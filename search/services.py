"""What the index holds and keeping it true.

``product_documents`` / ``seller_documents`` build ``search.documents`` for public things only,
in batches of BATCH with a fixed number of queries per batch (never one per product): the
products themselves, their stock records with the seller, their categories, marketplace links,
units sold and marketplace clicks; the category tree is read once per run.

``products_reindex`` / ``sellers_reindex`` bring given ids up to date: the public ones are
written, every other id is removed (withdrawn, rejected, unpublished, seller suspended,
deleted). ``search.signals`` enqueues them after each commit through ``search.tasks``;
``index_rebuild`` replaces everything (``manage.py search_index rebuild``) and ``index_check``
lists the differences between the database and the index.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from django.conf import settings
from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from catalog.selectors import public_products
from core import pagecache
from core.text import fold_vietnamese
from search import api
from search.documents import ProductDocument, SellerDocument

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")

BATCH = 1000
Progress = Callable[[int, int], None]


def _chunks(ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    ids = sorted({int(i) for i in ids if i is not None})
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _fold(*parts) -> str:
    return fold_vietnamese(" ".join(p for p in parts if p))


def _plain(text: str) -> str:
    """Descriptions may be HTML (the dashboard's editor): the words only."""
    return html.unescape(strip_tags(text or ""))


def _reverse(name: str, **kwargs) -> str:
    """URLs in the default language (no prefix), whatever language the caller runs in."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


# --- products -----------------------------------------------------------------------------


class _CategoryTree:
    """Every category once: its OCOP code and name, and those of its ancestors."""

    def __init__(self):
        rows = Category.objects.values_list("id", "path", "ocop_code", "name")
        self.by_id = {pk: (path, code, name) for pk, path, code, name in rows}
        self.by_path = {path: (code, name) for _pk, (path, code, name) in self.by_id.items()}

    def lineage(self, category_id: int) -> list[tuple[str, str]]:
        """(code, name) of the category and its ancestors, the group first."""
        if category_id not in self.by_id:
            return []
        path = self.by_id[category_id][0]
        step = Category.steplen
        return [
            self.by_path[path[:end]]
            for end in range(step, len(path) + 1, step)
            if path[:end] in self.by_path
        ]


def product_documents(
    ids: Iterable[int] | None = None, *, batch_size: int = BATCH
) -> Iterator[ProductDocument]:
    """Documents of the public products among ``ids`` (all public products when None)."""
    if ids is None:
        ids = public_products().values_list("pk", flat=True)
    tree = None
    for chunk in _chunks(ids, batch_size):
        tree = tree or _CategoryTree()
        yield from _product_batch(chunk, tree)


def _product_batch(ids: list[int], tree: _CategoryTree) -> list[ProductDocument]:
    products = list(
        public_products()
        .filter(pk__in=ids)
        .values(
            "id",
            "title",
            "slug",
            "description",
            "origin_place",
            "origin_province__code",
            "origin_province__name",
            "ocop_stars",
            "ocop_valid_from",
            "ocop_valid_until",
            "date_created",
            "product_class__track_stock",
        )
    )
    if not products:
        return []
    ids = [p["id"] for p in products]
    records = defaultdict(list)
    for record in (
        StockRecord.objects.filter(product_id__in=ids, partner__status=Partner.Status.APPROVED)
        .values(
            "product_id",
            "partner_id",
            "price",
            "num_in_stock",
            "num_allocated",
            "partner__name",
            "partner__kind",
        )
        .order_by("pk")
    ):
        records[record["product_id"]].append(record)
    categories = defaultdict(list)
    for product_id, category_id in (
        ProductCategory.objects.filter(product_id__in=ids)
        .values_list("product_id", "category_id")
        .order_by("pk")
    ):
        categories[product_id].append(category_id)
    markets = defaultdict(set)
    for product_id, code in MarketplaceLink.objects.filter(product_id__in=ids).values_list(
        "product_id", "marketplace"
    ):
        markets[product_id].add(code)
    sold = dict(
        Line.objects.filter(product_id__in=ids)
        .values("product_id")
        .annotate(n=Sum("quantity"))
        .values_list("product_id", "n")
    )
    clicks = dict(
        MarketplaceClick.objects.filter(link__product_id__in=ids)
        .values("link__product_id")
        .annotate(n=Count("id"))
        .values_list("link__product_id", "n")
    )

    today = timezone.localdate()
    docs = []
    for p in products:
        pid = p["id"]
        mine = records.get(pid)
        if not mine:
            continue
        priced = [r for r in mine if r["price"] is not None]
        best = min(priced, key=lambda r: r["price"]) if priced else mine[0]
        tracks = p["product_class__track_stock"] is not False
        in_stock = not tracks or any(
            (r["num_in_stock"] or 0) - (r["num_allocated"] or 0) > 0 for r in mine
        )
        lineage = [
            item for category_id in categories.get(pid, []) for item in tree.lineage(category_id)
        ]
        codes = sorted({code for code, _name in lineage if code})
        names = list(dict.fromkeys(name for _code, name in lineage if name))
        certified = (
            p["ocop_stars"]
            and p["ocop_valid_from"]
            and p["ocop_valid_until"]
            and p["ocop_valid_from"] <= today <= p["ocop_valid_until"]
        )
        docs.append(
            ProductDocument(
                id=pid,
                title=p["title"] or "",
                title_folded=_fold(p["title"]),
                body_folded=_fold(
                    _plain(p["description"]),
                    p["origin_place"],
                    p["origin_province__name"],
                    best["partner__name"],
                    *names,
                ),
                url=_reverse("catalogue:detail", product_slug=p["slug"] or "-", pk=pid),
                group_codes=codes,
                stars=p["ocop_stars"] if certified else None,
                province_code=p["origin_province__code"] or "",
                price=int(best["price"]) if best["price"] is not None else 0,
                seller_id=best["partner_id"],
                seller_name=best["partner__name"] or "",
                seller_kind=best["partner__kind"] or "",
                in_stock=in_stock,
                marketplaces=sorted(markets.get(pid, ())),
                popularity=int(sold.get(pid) or 0) + int(clicks.get(pid) or 0),
                created=p["date_created"],
            )
        )
    return docs


# --- sellers ------------------------------------------------------------------------------


def _approved_sellers():
    return Partner.objects.filter(status=Partner.Status.APPROVED)


def seller_documents(
    ids: Iterable[int] | None = None, *, batch_size: int = BATCH
) -> Iterator[SellerDocument]:
    """Documents of the approved sellers among ``ids`` (all approved sellers when None)."""
    if ids is None:
        ids = _approved_sellers().values_list("pk", flat=True)
    for chunk in _chunks(ids, batch_size):
        yield from _seller_batch(chunk)


def _seller_batch(ids: list[int]) -> list[SellerDocument]:
    sellers = list(
        _approved_sellers()
        .filter(pk__in=ids)
        .values(
            "id",
            "name",
            "code",
            "kind",
            "description",
            "commune",
            "province__code",
            "province__name",
        )
    )
    if not sellers:
        return []
    counts = dict(
        StockRecord.objects.filter(
            partner_id__in=[s["id"] for s in sellers], product__in=public_products().values("pk")
        )
        .values("partner_id")
        .annotate(n=Count("product_id", distinct=True))
        .values_list("partner_id", "n")
    )
    return [
        SellerDocument(
            id=s["id"],
            title=s["name"] or "",
            title_folded=_fold(s["name"]),
            body_folded=_fold(_plain(s["description"]), s["commune"], s["province__name"]),
            url=_reverse("seller-detail", slug=s["code"]) if s["code"] else "",
            province_code=s["province__code"] or "",
            seller_kind=s["kind"] or "",
            product_count=int(counts.get(s["id"]) or 0),
        )
        for s in sellers
    ]


# --- keeping the index true ---------------------------------------------------------------


def products_reindex(ids: Iterable[int], *, sellers: bool = True) -> tuple[int, int]:
    """Write the public products among ``ids`` (variants count as their parent), remove the
    others; then refresh their sellers (whose product counts may have changed). Returns
    (written, removed)."""
    backend = api.backend()
    written = removed = 0
    seller_ids: set[int] = set()
    for chunk in _chunks(ids):
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
        pagecache.bump(pagecache.INDEX, *(pagecache.product_key(pk) for pk in wanted))
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
    """Write the approved sellers among ``ids``, remove the others. With ``products``, their
    products are reindexed too (a seller's status, kind and name are in its products'
    documents). Returns (written, removed) for the sellers."""
    backend = api.backend()
    written = removed = 0
    for chunk in _chunks(ids):
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
        pagecache.bump(pagecache.INDEX)
    return written, removed


def index_rebuild(progress: Progress | None = None) -> int:
    """Replace the whole index; searches see the old one until the new one is complete."""
    total = public_products().count() + _approved_sellers().count()
    documents = chain(product_documents(), seller_documents())
    written = api.backend().rebuild(documents, total=total, progress=progress)
    pagecache.bump(pagecache.INDEX)
    return written


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
        (api.SELLER, seller_documents, _approved_sellers().count()),
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


def certificate_changes_reindex(today=None) -> int:
    """Reindex products whose certificate starts today or ended yesterday (their stars facet
    changes with no save). Returns how many products were looked at."""
    import datetime

    from django.db.models import Q
    from django.utils import timezone
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    today = today or timezone.localdate()
    ids = list(
        Product.objects.filter(
            Q(ocop_valid_from=today) | Q(ocop_valid_until=today - datetime.timedelta(days=1))
        ).values_list("pk", flat=True)
    )
    if ids:
        products_reindex(ids)
    return len(ids)
