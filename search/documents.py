"""What the search index holds: one document per public product, per approved seller and per
public startup, and how they are read from the database.

Documents are plain data; every backend indexes exactly these fields. Folded fields are
``core.text.fold_vietnamese`` of the original (NFC, casefold, no diacritics, đ→d), so backends
never fold differently.

What a backend indexes is a little more than those fields, the same for every backend and
written once here (``indexed_title``, and ``search_body``: ``indexed_body`` with the
``joined_words``):

- the search key of the folded text (``core.text.search_key``: "ly"/"li", "my"/"mi" made
  one), which queries get too;
- in the body, the names of the provinces merged into the document's province on 1 July 2025
  (``catalog.services.reference.province_names``): "Quảng Nam" finds the products of Đà Nẵng,
  "Bình Dương" those of Hồ Chí Minh;
- words written together, for queries typed without spaces ("caphe", "nuocmam",
  "quangnam"): every run of 2 or 3 consecutive title words, and each province name (current
  and former) in one piece. Descriptions are not joined: that would double the index for
  words buyers rarely type run together.

``product_documents`` / ``seller_documents`` / ``startup_documents`` build the documents of
public things only, in batches of BATCH with a fixed number of queries per batch (never one per
product): the products themselves, their stock records with the seller, their categories,
marketplace links, units sold and marketplace clicks; the category tree is read once per run.
Public startups are ``startups.selectors.public_startups`` and the youth-team badge is
``startups.services.profiles.is_youth_team``, as on the startup's own page. A startup batch
reads the startups, their founders, their published pitches' asks, their
sellers' certified products and this month's follows: five queries.

A startup's "followers this month" counts the follows made since the 1st of the current month
in Viet Nam's time, so documents go stale when a month begins with no follow or unfollow: the
nightly ``search.tasks.reindex_startups`` (``CELERY_BEAT_SCHEDULE``) rewrites them all.
"""

from __future__ import annotations

import datetime
import html
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from catalog.selectors import public_products
from catalog.services.reference import province_names
from core.text import fold_vietnamese, joined_syllables, search_fold, search_key
from startups.models import Follow, Pitch, Startup, TeamMember
from startups.models.pitches import AskKind
from startups.models.profiles import LookingFor
from startups.selectors import public_startups
from startups.services.profiles import is_youth_team

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
Line = get_model("order", "Line")

BATCH = 1000
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # where a month of follows begins


@dataclass
class ProductDocument:
    id: int
    title: str  # as written, for exact-accent matches and display
    title_folded: str
    body_folded: str  # description, English name and description, origin place and
    # province, seller name, category names (Vietnamese and English): folded
    url: str
    group_codes: list[str]  # every OCOP group code the product falls under: ["1", "1.9"]
    stars: int | None  # OCOP stars while the certificate is in force, else None
    province_code: str  # province of origin ("" when unknown)
    price: int  # lowest price in whole đồng
    seller_id: int
    seller_name: str
    seller_kind: str
    in_stock: bool
    marketplaces: list[str] = field(default_factory=list)  # codes of marketplaces it is also on
    popularity: int = 0  # units sold plus marketplace clicks
    created: datetime.datetime | None = None

    kind = "product"


@dataclass
class SellerDocument:
    id: int
    title: str  # the seller's name as written
    title_folded: str
    body_folded: str  # English name, story (both languages), commune, province: folded
    url: str
    province_code: str
    seller_kind: str
    product_count: int = 0
    created: datetime.datetime | None = None

    kind = "seller"


@dataclass
class StartupDocument:
    id: int
    title: str  # the startup's name as written
    title_folded: str
    body_folded: str  # English name, taglines, stories, province: folded
    url: str
    province_code: str
    sector: str
    stage: str
    seller_id: int
    verified: bool = False
    youth_team: bool = False
    has_ocop: bool = False
    looking_for: list[str] = field(default_factory=list)  # LookingFor codes, sorted
    followers_month: int = 0
    interest: int = 0
    popularity: int = 0  # every follower: breaks relevance ties
    logo_url: str = ""
    created: datetime.datetime | None = None

    kind = "startup"


Document = ProductDocument | SellerDocument | StartupDocument


# --- what every backend indexes -----------------------------------------------------------


def _words(folded: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in folded).split()


def indexed_title(doc: Document) -> str:
    """The folded title as the index compares it."""
    return search_key(doc.title_folded or "")


def indexed_body(doc: Document) -> str:
    """The folded body as the index compares it, with the former names of the province."""
    former = [" ".join(_words(search_fold(name))) for name in province_names(doc.province_code)[1:]]
    return " ".join(filter(None, [search_key(doc.body_folded or ""), *former]))


def joined_words(doc: Document) -> list[str]:
    """Words written together that a query typed without spaces may use (see above)."""
    runs = joined_syllables(_words(indexed_title(doc)))
    for name in province_names(doc.province_code):
        words = _words(search_fold(name))
        if len(words) > 1:
            runs.append("".join(words))
    return list(dict.fromkeys(runs))


def search_body(doc: Document) -> str:
    """The body every backend indexes: ``indexed_body`` then the ``joined_words``."""
    return " ".join(filter(None, [indexed_body(doc), *joined_words(doc)]))


# --- from the database --------------------------------------------------------------------


def id_chunks(ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    """``ids`` without None or repeats, sorted, in lists of at most ``size``."""
    ids = sorted({int(i) for i in ids if i is not None})
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _fold(*parts) -> str:
    return fold_vietnamese(" ".join(p for p in parts if p))


def _plain(text: str) -> str:
    """Descriptions may be HTML (the dashboard's editor): the words only."""
    return html.unescape(strip_tags(text or ""))


def stars_in_force(stars, valid_from, valid_until, today: datetime.date) -> bool:
    """Whether a product's OCOP stars count today: a certificate with both dates around it."""
    return bool(stars and valid_from and valid_until and valid_from <= today <= valid_until)


def certified_on(today: datetime.date) -> Q:
    """``stars_in_force`` as a filter on products."""
    return Q(ocop_stars__isnull=False, ocop_valid_from__lte=today, ocop_valid_until__gte=today)


def _reverse(name: str, **kwargs) -> str:
    """URLs in the default language (no prefix), whatever language the caller runs in."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


class _CategoryTree:
    """Every category once: its OCOP code and names, and those of its ancestors."""

    def __init__(self):
        rows = Category.objects.values_list("id", "path", "ocop_code", "name", "name_en")
        self.by_id = {
            pk: (path, code, " ".join(filter(None, [name, name_en])))
            for pk, path, code, name, name_en in rows
        }
        self.by_path = {path: (code, name) for _pk, (path, code, name) in self.by_id.items()}

    def lineage(self, category_id: int) -> list[tuple[str, str]]:
        """(code, names) of the category and its ancestors, the group first; the names are
        the Vietnamese one and the English one."""
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
    for chunk in id_chunks(ids, batch_size):
        tree = tree or _CategoryTree()
        yield from _product_batch(chunk, tree)


def _product_batch(ids: list[int], tree: _CategoryTree) -> list[ProductDocument]:
    products = list(
        public_products()
        .filter(pk__in=ids)
        .values(
            "id",
            "title",
            "title_en",
            "slug",
            "description",
            "description_en",
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
        certified = stars_in_force(
            p["ocop_stars"], p["ocop_valid_from"], p["ocop_valid_until"], today
        )
        docs.append(
            ProductDocument(
                id=pid,
                title=p["title"] or "",
                title_folded=_fold(p["title"]),
                body_folded=_fold(
                    _plain(p["description"]),
                    p["title_en"],
                    _plain(p["description_en"]),
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


def approved_sellers():
    """The sellers the index holds."""
    return Partner.objects.filter(status=Partner.Status.APPROVED)


def seller_documents(
    ids: Iterable[int] | None = None, *, batch_size: int = BATCH
) -> Iterator[SellerDocument]:
    """Documents of the approved sellers among ``ids`` (all approved sellers when None)."""
    if ids is None:
        ids = approved_sellers().values_list("pk", flat=True)
    for chunk in id_chunks(ids, batch_size):
        yield from _seller_batch(chunk)


def _seller_batch(ids: list[int]) -> list[SellerDocument]:
    sellers = list(
        approved_sellers()
        .filter(pk__in=ids)
        .values(
            "id",
            "name",
            "name_en",
            "code",
            "kind",
            "description",
            "description_en",
            "commune",
            "province__code",
            "province__name",
        )
    )
    if not sellers:
        return []
    # The sellers are approved, so their public, approved products are the public products
    # they sell (``public_products``), counted from their own stock records: as a subquery of
    # every public product, the count read the whole catalogue (about 200 ms at 100,000).
    counts = dict(
        StockRecord.objects.filter(
            partner_id__in=[s["id"] for s in sellers],
            product__parent__isnull=True,
            product__is_public=True,
            product__moderation_status=Product.Moderation.APPROVED,
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
            body_folded=_fold(
                s["name_en"],
                _plain(s["description"]),
                _plain(s["description_en"]),
                s["commune"],
                s["province__name"],
            ),
            url=_reverse("seller-detail", slug=s["code"]) if s["code"] else "",
            province_code=s["province__code"] or "",
            seller_kind=s["kind"] or "",
            product_count=int(counts.get(s["id"]) or 0),
        )
        for s in sellers
    ]


# --- startups -----------------------------------------------------------------------------

# What a published pitch asks for, as the directory's "looking for" values.
ASK_LOOKING_FOR = {
    AskKind.INVESTMENT: LookingFor.INVESTMENT,
    AskKind.LOAN: LookingFor.LOAN,
    AskKind.GRANT: LookingFor.GRANT,
    AskKind.MENTORING: LookingFor.MENTORING,
    AskKind.DISTRIBUTION: LookingFor.DISTRIBUTION,
    AskKind.BULK_BUYER: LookingFor.DISTRIBUTION,
}


def month_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """Midnight of the 1st of the current month in Viet Nam, where "this month" begins."""
    local = (now or timezone.now()).astimezone(VIETNAM)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def sellers_with_ocop(seller_ids: Iterable[int], today: datetime.date) -> set[int]:
    """The sellers among ``seller_ids`` with a public product whose stars are in force (the
    rule the product documents' ``stars`` follow). One query."""
    seller_ids = list(seller_ids)
    # The products are narrowed to these sellers' inside the subquery too: otherwise the
    # planner reads every public certified product of the catalogue (140 ms at 100,000).
    products = public_products().filter(
        certified_on(today), stockrecords__partner_id__in=seller_ids
    )
    return set(
        StockRecord.objects.filter(partner_id__in=seller_ids, product__in=products.values("pk"))
        .values_list("partner_id", flat=True)
        .distinct()
    )


def startup_documents(
    ids: Iterable[int] | None = None, *, batch_size: int = BATCH
) -> Iterator[StartupDocument]:
    """Documents of the public startups among ``ids`` (all public startups when None)."""
    if ids is None:
        ids = public_startups().values_list("pk", flat=True)
    since = month_start()
    for chunk in id_chunks(ids, batch_size):
        yield from _startup_batch(chunk, since)


def _startup_batch(ids: list[int], since: datetime.datetime) -> list[StartupDocument]:
    startups = list(
        public_startups()
        .filter(pk__in=ids)
        .values(
            "id",
            "slug",
            "name",
            "name_en",
            "tagline",
            "tagline_en",
            "story",
            "story_en",
            "logo",
            "province__code",
            "province__name",
            "sector",
            "stage",
            "looking_for",
            "verified_by_id",
            "partner_id",
            "follower_count",
            "interest_count",
            "created",
        )
    )
    if not startups:
        return []
    ids = [s["id"] for s in startups]
    founders = defaultdict(list)
    for member in TeamMember.objects.filter(startup_id__in=ids, is_founder=True).only(
        "startup_id", "birth_year", "is_founder"
    ):
        founders[member.startup_id].append(member)
    asks = defaultdict(set)
    for startup_id, kind in Pitch.objects.filter(
        startup_id__in=ids, published_version__isnull=False
    ).values_list("startup_id", "published_version__content__ask_kind"):
        if kind in ASK_LOOKING_FOR:
            asks[startup_id].add(str(ASK_LOOKING_FOR[kind]))
    follows = dict(
        Follow.objects.filter(startup_id__in=ids, created__gte=since)
        .values("startup_id")
        .annotate(n=Count("id"))
        .values_list("startup_id", "n")
    )
    today = timezone.localdate()
    ocop = sellers_with_ocop({s["partner_id"] for s in startups}, today)
    logo_field = Startup._meta.get_field("logo")
    known = set(LookingFor.values)
    docs = []
    for s in startups:
        wanted = {str(v) for v in (s["looking_for"] or []) if str(v) in known} | asks[s["id"]]
        docs.append(
            StartupDocument(
                id=s["id"],
                title=s["name"] or "",
                title_folded=_fold(s["name"]),
                body_folded=_fold(
                    s["name_en"],
                    s["tagline"],
                    s["tagline_en"],
                    _plain(s["story"]),
                    _plain(s["story_en"]),
                    s["province__name"],
                ),
                url=_reverse("startups:startup-detail", slug=s["slug"]),
                province_code=s["province__code"] or "",
                sector=s["sector"] or "",
                stage=s["stage"] or "",
                seller_id=s["partner_id"],
                verified=s["verified_by_id"] is not None,
                youth_team=is_youth_team(founders.get(s["id"], []), today),
                has_ocop=s["partner_id"] in ocop,
                looking_for=sorted(wanted),
                followers_month=int(follows.get(s["id"]) or 0),
                interest=int(s["interest_count"] or 0),
                popularity=int(s["follower_count"] or 0),
                logo_url=logo_field.storage.url(s["logo"]) if s["logo"] else "",
                created=s["created"],
            )
        )
    return docs
