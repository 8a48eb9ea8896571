"""The seller centre: the seller's dashboard home (``startups.views.seller_centre``).

What a seller must do now, and what it sold, over a period it chooses, with its marketplace
clicks, QR visits, its startup's followers and interest, and its expo booths' numbers. Every
read is narrowed to the partners the signed-in user runs (``seller_scope``): nothing in the
request names a seller.

What the figures mean (the page says it too):

- *sales*: the seller's own order lines of orders placed in the period (Viet Nam's days),
  the lines of a part the buyer, the seller or the payment deadline cancelled left out.
  Revenue is the goods (``line_price_incl_tax``, which add up to the part's
  ``goods_total``), delivery not counted; an *order* is an order with a line of the seller's
  (one part); the split by payment method reads the parts themselves;
- *marketplace clicks*: clicks in the period on the links of the seller's products;
- *QR visits*: scans in the period of the posters of the seller's products, startup,
  pitches and booths;
- *followers* and *interest*: the startup's totals today, and the follows and leads that
  arrived in the period;
- *expo booths*: the figures of each approved booth over its expo's days, read by
  ``startups.selectors.expo_stats.expo_figures`` as on the booth's own page.

Bounded: a fixed number of queries whatever the number of days, products and orders
(``tests/startups/test_seller_centre.py``); the booths add the booth page's queries for each
of the latest ``BOOTHS_MAX`` approved booths.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Marketplace, MarketplaceClick
from startups.models import Booth, BoothQuestion, Follow, Lead, Pitch, QRVisitDay, Question, Startup
from startups.selectors.expo_stats import expo_figures

Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ZERO = Decimal(0)
LAPSING_DAYS = 90  # as the union report counts certificates lapsing
LOW_STOCK_DEFAULT = 5  # "low" when the seller set no threshold of its own
PREVIEW = 5  # items listed under a task
BOOTHS_MAX = 3
DAILY_MAX_DAYS = 62  # a longer period's trend is per month
PERIOD_KINDS = ("7d", "30d", "month", "custom")
PAYMENTS = tuple(OrderPart.Payment.values)  # cod, vietqr, card


def today_vietnam() -> datetime.date:
    return timezone.localdate(timezone=VIETNAM)


# --- the period -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Viet Nam's days ``start`` to ``end``, both included."""

    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def monthly(self) -> bool:
        return self.length > DAILY_MAX_DAYS

    @property
    def days(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=n) for n in range(self.length)]

    def slots(self) -> list[datetime.date]:
        """The trend's bars: each day, or the first day of each month."""
        if not self.monthly:
            return self.days
        return sorted({day.replace(day=1) for day in self.days})

    def slot(self, day: datetime.date) -> datetime.date:
        return day.replace(day=1) if self.monthly else day

    @property
    def since(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start, datetime.time(), VIETNAM)

    @property
    def until(self) -> datetime.datetime:
        return datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time(), VIETNAM
        )


def period_of(kind: str, *, start=None, end=None, today: datetime.date | None = None) -> Period:
    """The last 7 or 30 days (today included), this month so far, or any dates
    (``custom``, ``start`` <= ``end``; the form checks the rest)."""
    today = today or today_vietnam()
    if kind == "7d":
        return Period(kind, today - datetime.timedelta(days=6), today)
    if kind == "30d":
        return Period(kind, today - datetime.timedelta(days=29), today)
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind != "custom" or start is None or end is None or end < start:
        raise ValueError(kind)
    return Period(kind, start, end)


# --- whose figures ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SellerScope:
    """The sellers the user runs (usually one) and their startup (None without one)."""

    partners: tuple
    startup: Startup | None

    @property
    def ids(self) -> list[int]:
        return [p.pk for p in self.partners]


def seller_scope(user) -> SellerScope:
    """What the signed-in ``user`` runs; two queries. Nothing else decides whose figures a
    page shows."""
    partners = tuple(Partner.objects.filter(users=user).order_by("name", "pk"))
    startup = None
    if partners:
        startup = (
            Startup.objects.filter(partner__in=partners)
            .select_related("partner")
            .order_by("pk")
            .first()
        )
    return SellerScope(partners=partners, startup=startup)


def _own_products(scope: SellerScope):
    """The sellers' products (parents and standalone), as a subquery."""
    return Product.objects.filter(parent=None, stockrecords__partner_id__in=scope.ids).values("pk")


# --- what to do now ---------------------------------------------------------------------------


@dataclass
class Task:
    key: str
    count: int
    items: list = field(default_factory=list)  # the first ``PREVIEW``


def _parts_tasks(scope: SellerScope) -> list[Task]:
    """Parts to confirm, parcels to ship, transfers to confirm: four queries."""
    Status = OrderPart.Status
    parts = OrderPart.objects.filter(partner_id__in=scope.ids)
    wanted = {
        "parts_to_confirm": Q(status=Status.PLACED),
        "parcels_to_ship": Q(status=Status.CONFIRMED),
        "transfers_to_confirm": Q(
            status=Status.AWAITING_PAYMENT, payment_method=OrderPart.Payment.BANK_TRANSFER
        ),
    }
    counts = parts.aggregate(**{key: Count("pk", filter=q) for key, q in wanted.items()})
    tasks = []
    for key, q in wanted.items():
        items = []
        if counts[key]:
            items = list(
                parts.filter(q)
                .select_related("order", "partner")
                .order_by("created", "pk")[:PREVIEW]
            )
        tasks.append(Task(key, counts[key], items))
    return tasks


def low_stock_records(scope: SellerScope):
    """The sellers' stock records with stock kept, at or under the threshold (the seller's
    own ``low_stock_threshold``, else ``LOW_STOCK_DEFAULT``), counting allocated units as
    gone."""
    return (
        StockRecord.objects.filter(partner_id__in=scope.ids, num_in_stock__isnull=False)
        .exclude(product__moderation_status=Product.Moderation.REJECTED)
        .annotate(
            net=F("num_in_stock")
            - Coalesce("num_allocated", Value(0), output_field=IntegerField()),
            threshold=Coalesce(
                "low_stock_threshold", Value(LOW_STOCK_DEFAULT), output_field=IntegerField()
            ),
        )
        .filter(net__lte=F("threshold"))
    )


def lapsing_products(scope: SellerScope, today: datetime.date):
    return Product.objects.filter(
        pk__in=_own_products(scope),
        ocop_stars__isnull=False,
        ocop_valid_until__gte=today,
        ocop_valid_until__lte=today + datetime.timedelta(days=LAPSING_DAYS),
    )


def _counted(key: str, queryset, order_by) -> Task:
    count = queryset.count()
    items = list(queryset.order_by(*order_by)[:PREVIEW]) if count else []
    return Task(key, count, items)


def seller_tasks(scope: SellerScope, *, today: datetime.date | None = None) -> list[Task]:
    """What waits for the seller, each with its count and its first items: at most 15
    queries, whatever the number of orders and products."""
    today = today or today_vietnam()
    if not scope.partners:
        return []
    tasks = _parts_tasks(scope)
    tasks.append(
        _counted(
            "low_stock",
            low_stock_records(scope).select_related("product", "product__parent"),
            ("net", "product__title", "pk"),
        )
    )
    tasks.append(
        _counted("ocop_lapsing", lapsing_products(scope, today), ("ocop_valid_until", "pk"))
    )
    tasks.append(
        _counted(
            "products_sent_back",
            Product.objects.filter(
                pk__in=_own_products(scope), moderation_status=Product.Moderation.REJECTED
            ),
            ("-date_updated", "pk"),
        )
    )
    startup = scope.startup
    if startup is not None:
        tasks.append(
            _counted(
                "new_leads",
                Lead.objects.filter(startup=startup, status=Lead.Status.NEW).select_related(
                    "pitch"
                ),
                ("-created", "-pk"),
            )
        )
        pitch_questions = (
            Question.objects.filter(pitch__startup=startup, answer="")
            .exclude(status=Question.Status.HIDDEN)
            .count()
        )
        booth_questions = (
            BoothQuestion.objects.filter(booth__startup=startup, answer="")
            .exclude(status=BoothQuestion.Status.HIDDEN)
            .count()
        )
        tasks.append(Task("pitch_questions", pitch_questions))
        tasks.append(Task("booth_questions", booth_questions))
        tasks.append(
            _counted(
                "pitches_sent_back",
                Pitch.objects.filter(startup=startup, state=Pitch.State.SENT_BACK),
                ("-updated", "pk"),
            )
        )
    return tasks


# --- sales over the period --------------------------------------------------------------------


@dataclass
class ProductSales:
    product_id: int | None
    title: str
    orders: int
    items: int
    revenue: Decimal


@dataclass
class Sales:
    period: Period
    per_slot: list  # (slot date, orders, items, revenue), every slot of the period
    products: list  # ProductSales, best-selling first
    payments: dict  # method -> {"orders": n, "revenue": Decimal}
    cancelled: int  # parts placed in the period and cancelled since
    orders: int = 0
    items: int = 0
    revenue: Decimal = ZERO

    @property
    def cashless_revenue(self) -> Decimal:
        return sum(
            (v["revenue"] for m, v in self.payments.items() if m != OrderPart.Payment.CASH),
            start=ZERO,
        )

    @property
    def cashless_share(self) -> float:
        """Per cent of the parts' goods paid by transfer or card."""
        total = sum((v["revenue"] for v in self.payments.values()), start=ZERO)
        return round(float(100 * self.cashless_revenue / total), 1) if total else 0.0


def _own_lines(scope: SellerScope, period: Period):
    cancelled = OrderPart.objects.filter(
        order=OuterRef("order"), partner=OuterRef("partner"), status=OrderPart.Status.CANCELLED
    )
    return (
        Line.objects.filter(
            partner_id__in=scope.ids,
            order__date_placed__gte=period.since,
            order__date_placed__lt=period.until,
        )
        .exclude(Exists(cancelled))
        .order_by()
    )


def seller_sales(scope: SellerScope, period: Period) -> Sales:
    """Orders, items and revenue per day (or month) and per product, and the parts by
    payment method: three queries."""
    lines = _own_lines(scope, period)
    by_slot: dict = defaultdict(lambda: [0, 0, ZERO])
    for row in (
        lines.annotate(day=TruncDate("order__date_placed", tzinfo=VIETNAM))
        .values("day")
        .annotate(
            orders=Count("order", distinct=True),
            items=Sum("quantity"),
            revenue=Sum("line_price_incl_tax"),
        )
    ):
        cell = by_slot[period.slot(row["day"])]
        cell[0] += row["orders"]  # an order is placed on one day only: the days add up
        cell[1] += row["items"] or 0
        cell[2] += row["revenue"] or ZERO
    per_slot = [(slot, *by_slot.get(slot, (0, 0, ZERO))) for slot in period.slots()]
    products = [
        ProductSales(
            product_id=row["product_id"],
            title=row["name"] or "",
            orders=row["orders"],
            items=row["items"] or 0,
            revenue=row["revenue"] or ZERO,
        )
        for row in lines.values("product_id")
        .annotate(
            name=Max("title"),
            orders=Count("order", distinct=True),
            items=Sum("quantity"),
            revenue=Sum("line_price_incl_tax"),
        )
        .order_by("-revenue", "-items", "name")
    ]
    not_cancelled = ~Q(status=OrderPart.Status.CANCELLED)
    payments = {method: {"orders": 0, "revenue": ZERO} for method in PAYMENTS}
    cancelled = 0
    for row in (
        OrderPart.objects.filter(
            partner_id__in=scope.ids,
            order__date_placed__gte=period.since,
            order__date_placed__lt=period.until,
        )
        .values("payment_method")
        .annotate(
            orders=Count("pk", filter=not_cancelled),
            revenue=Sum("goods_total", filter=not_cancelled),
            cancelled=Count("pk", filter=~not_cancelled),
        )
        .order_by()
    ):
        payments.setdefault(row["payment_method"], {"orders": 0, "revenue": ZERO})
        payments[row["payment_method"]]["orders"] += row["orders"]
        payments[row["payment_method"]]["revenue"] += row["revenue"] or ZERO
        cancelled += row["cancelled"]
    return Sales(
        period=period,
        per_slot=per_slot,
        products=products,
        payments=payments,
        cancelled=cancelled,
        orders=sum(slot[1] for slot in per_slot),
        items=sum(slot[2] for slot in per_slot),
        revenue=sum((slot[3] for slot in per_slot), start=ZERO),
    )


# --- visits from elsewhere --------------------------------------------------------------------


@dataclass
class Clicks:
    by_marketplace: list  # (code, label, clicks), most clicked first, every marketplace
    products: list  # (product id, title, clicks), most clicked first
    total: int


def seller_clicks(scope: SellerScope, period: Period) -> Clicks:
    """Clicks in the period on the seller's products' marketplace links: one query."""
    rows = list(
        MarketplaceClick.objects.filter(
            link__product__in=_own_products(scope),
            clicked_at__gte=period.since,
            clicked_at__lt=period.until,
        )
        .values("link__marketplace", "link__product_id", "link__product__title")
        .annotate(n=Count("pk"))
        .order_by()
    )
    markets, products, titles = Counter(), Counter(), {}
    for row in rows:
        markets[row["link__marketplace"]] += row["n"]
        products[row["link__product_id"]] += row["n"]
        titles[row["link__product_id"]] = row["link__product__title"]
    by_marketplace = sorted(
        ((code, label, markets.get(code, 0)) for code, label in Marketplace.choices),
        key=lambda item: (-item[2], str(item[1])),
    )
    return Clicks(
        by_marketplace=by_marketplace,
        products=sorted(
            ((pk, titles[pk], n) for pk, n in products.items()),
            key=lambda item: (-item[2], item[1]),
        ),
        total=sum(markets.values()),
    )


@dataclass
class QRVisits:
    by_kind: dict  # kind -> visits
    products: list  # (product id, title, visits), most visited first
    total: int


QR_SELLER_KINDS = ("product", "startup", "pitch", "booth")


def seller_qr_visits(scope: SellerScope, period: Period) -> QRVisits:
    """Scans in the period of the posters of the seller's products, startup, pitches and
    booths: two queries (the visits, the visited products' titles)."""
    Kind = QRVisitDay.Kind
    wanted = Q(kind=Kind.PRODUCT, object_id__in=_own_products(scope))
    if scope.startup is not None:
        startup = scope.startup
        wanted |= Q(kind=Kind.STARTUP, object_id=startup.pk)
        wanted |= Q(
            kind=Kind.PITCH, object_id__in=Pitch.objects.filter(startup=startup).values("pk")
        )
        wanted |= Q(
            kind=Kind.BOOTH, object_id__in=Booth.objects.filter(startup=startup).values("pk")
        )
    rows = list(
        QRVisitDay.objects.filter(wanted, day__gte=period.start, day__lte=period.end)
        .values("kind", "object_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    by_kind = dict.fromkeys(QR_SELLER_KINDS, 0)
    product_visits = Counter()
    for row in rows:
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
        if row["kind"] == Kind.PRODUCT:
            product_visits[row["object_id"]] += row["n"]
    titles = dict(
        Product.objects.filter(pk__in=list(product_visits)).values_list("pk", "title")
        if product_visits
        else ()
    )
    return QRVisits(
        by_kind=by_kind,
        products=sorted(
            ((pk, titles.get(pk, ""), n) for pk, n in product_visits.items()),
            key=lambda item: (-item[2], item[1]),
        ),
        total=sum(by_kind.values()),
    )


# --- the startup ------------------------------------------------------------------------------


@dataclass
class Community:
    startup: Startup
    followers: int  # today
    new_followers: int  # in the period
    interest: int  # every lead so far
    new_interest: int  # leads in the period
    by_role: dict  # role -> leads in the period
    by_pitch: list  # (pitch id, title, leads in the period), the startup's pitches
    by_source: dict  # source -> leads in the period


def seller_community(scope: SellerScope, period: Period) -> Community | None:
    """The startup's followers and interest: three queries (None without a startup)."""
    startup = scope.startup
    if startup is None:
        return None
    new_followers = Follow.objects.filter(
        startup=startup, created__gte=period.since, created__lt=period.until
    ).count()
    leads = Lead.objects.filter(
        startup=startup, created__gte=period.since, created__lt=period.until
    ).order_by()
    by_role = dict.fromkeys(Lead.Role.values, 0)
    by_source = dict.fromkeys(Lead.Source.values, 0)
    for row in leads.values("role", "source").annotate(n=Count("pk")):
        by_role[row["role"]] = by_role.get(row["role"], 0) + row["n"]
        by_source[row["source"]] = by_source.get(row["source"], 0) + row["n"]
    pitches = (
        Pitch.objects.filter(startup=startup)
        .annotate(
            n=Count(
                "leads",
                filter=Q(leads__created__gte=period.since, leads__created__lt=period.until),
            )
        )
        .order_by("-n", "title", "pk")
        .values_list("pk", "title", "n")
    )
    return Community(
        startup=startup,
        followers=startup.follower_count,
        new_followers=new_followers,
        interest=startup.interest_count,
        new_interest=sum(by_role.values()),
        by_role=by_role,
        by_pitch=list(pitches),
        by_source=by_source,
    )


# --- expo booths ------------------------------------------------------------------------------


@dataclass
class BoothNumbers:
    booth: Booth
    opened: bool
    visitors: int = 0
    booth_visits: int = 0
    leads: int = 0
    questions: int = 0
    orders: int = 0
    revenue: Decimal = ZERO


def seller_booths(scope: SellerScope, *, now=None) -> tuple[list[BoothNumbers], int]:
    """The latest ``BOOTHS_MAX`` approved booths with their figures over the expo's days (as
    the booth's own page counts them), and how many approved booths there are in all."""
    startup = scope.startup
    if startup is None:
        return [], 0
    now = now or timezone.now()
    approved = Booth.objects.filter(startup=startup, status=Booth.Status.APPROVED)
    booths = list(
        approved.select_related("expo", "hall", "startup").order_by("-expo__opens_at", "-pk")[
            :BOOTHS_MAX
        ]
    )
    total = len(booths) if len(booths) < BOOTHS_MAX else approved.count()
    result = []
    for booth in booths:
        if booth.expo.opens_at > now:
            result.append(BoothNumbers(booth=booth, opened=False))
            continue
        totals = expo_figures(booth.expo, booth=booth).totals
        result.append(
            BoothNumbers(
                booth=booth,
                opened=True,
                visitors=totals["visitors"],
                booth_visits=totals["booth_visits"],
                leads=totals["leads"],
                questions=totals["questions"],
                orders=totals["orders"],
                revenue=totals.revenue,
            )
        )
    return result, total


# --- everything on the page -------------------------------------------------------------------


@dataclass
class SellerCentre:
    scope: SellerScope
    period: Period
    tasks: list
    sales: Sales
    clicks: Clicks
    qr: QRVisits
    community: Community | None
    booths: list
    booths_total: int
    as_of: datetime.datetime


def seller_centre(scope: SellerScope, period: Period, *, today=None) -> SellerCentre:
    """Every figure of the seller centre for ``period``."""
    return SellerCentre(
        scope=scope,
        period=period,
        tasks=seller_tasks(scope, today=today),
        sales=seller_sales(scope, period),
        clicks=seller_clicks(scope, period),
        qr=seller_qr_visits(scope, period),
        community=seller_community(scope, period),
        booths=(booths := seller_booths(scope))[0],
        booths_total=booths[1],
        as_of=timezone.now(),
    )
