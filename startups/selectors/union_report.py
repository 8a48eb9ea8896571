"""The youth-union report of a unit: what the unit and every unit below it achieved in a
period, beside the previous period of the same length, with one column set per unit one level
below; and the officer's work waiting.

Why it is fast at national size: every figure is one GROUP BY over its own rows, whatever the
number of units and months. Each row is tagged in SQL with

- its *bucket*: the path of the sub-unit it falls under (``Substr(path, 1, len(unit) + 4)``;
  UnionUnit is a treebeard materialised-path tree, so a record of a unit three levels down
  starts with its grassroots unit's path), or the unit's own path for a record of the unit
  itself;
- its *side*: 1 inside the period, 0 in the previous period;
- its *slot* (the day, or the month for a period over 62 days), for the trend charts;

and counted once. About 25 queries for a report (``tests/startups/test_union_report.py``
checks that they do not grow with sub-units or months).

Where a record belongs: a seller to the unit of its approved application (a seller set up by
site staff without one falls to the central unit, as on the review desks), its products,
clicks and orders with it; a startup to its ``union_unit``; an expo to its organiser.

What "in the period" means, figure by figure (the page says it too):
- sellers approved: applications approved (``reviewed_at``) in the period, by kind, by the
  producer or set up by an officer (``on_behalf``); handed over: handovers in the period;
- products: new public products (created in the period); public products, OCOP-certified
  ones by stars, certificates lapsing within 90 days and products with marketplace links
  are counted *today* (the catalogue keeps no history of them); clicks in the period;
- startups: profiles created, verified (``verified_at``), pitches first published
  (version 1 approved), interest (leads) and follows in the period; youth teams today;
- expos: expos of the unit's tree opening in the period, and all their figures (visitors
  summed per day as on the expo's own report, approved booths, booth leads, leads followed up
  = no longer "new" or sent a follow-up, attributed orders and the exhibitors' revenue);
- orders: the parts of the unit's sellers placed in the period, cancelled ones left out,
  revenue = their goods (delivery not counted), by payment method and buyer's province.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr, TruncDate, TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import MarketplaceClick, MarketplaceLink
from startups.models import (
    Booth,
    BoothQuestion,
    Expo,
    ExpoEvent,
    ExpoOrder,
    Follow,
    FollowUpDelivery,
    Lead,
    Officer,
    Pitch,
    PitchVersion,
    Question,
    SellerApplication,
    SellerHandover,
    Startup,
    TeamMember,
    UnionUnit,
)
from startups.models.profiles import YOUTH_MAX_AGE
from startups.selectors import (
    applications_for_officer,
    pitches_for_officer,
    products_for_officer,
    questions_for_officer,
    startups_for_officer,
)

OrderPart = get_model("order", "OrderPart")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
LAPSING_DAYS = 90
DAILY_MAX_DAYS = 62  # a longer period's trend is per month
SELLER_KINDS = tuple(Partner.Kind.values)
STARS = (3, 4, 5)
MARKETPLACES = tuple(MarketplaceLink._meta.get_field("marketplace").choices)
LEAD_ROLES = tuple(Lead.Role.values)
PAYMENTS = ("vietqr", "card", "cod")
CASHLESS = ("vietqr", "card")

# Figures counted today (no previous value), the rest in the period and the one before.
NOW_METRICS = frozenset(
    {
        "products_public",
        "products_ocop",
        *(f"ocop_{s}" for s in STARS),
        "ocop_lapsing",
        "products_linked",
        "startups_total",
        "startups_verified_total",
        "youth_teams",
    }
)


# --- the period --------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Days ``start`` to ``end`` inclusive (Viet Nam's), and the previous period."""

    kind: str  # this_month, last_month, this_quarter, last_quarter, this_year, last_year, custom
    start: datetime.date
    end: datetime.date
    previous_start: datetime.date
    previous_end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def monthly(self) -> bool:
        return self.days > DAILY_MAX_DAYS

    def moment(self, day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(), VIETNAM)

    @property
    def since(self) -> datetime.datetime:
        """The first moment of the previous period (what every query reads from)."""
        return self.moment(self.previous_start)

    @property
    def split(self) -> datetime.datetime:
        return self.moment(self.start)

    @property
    def until(self) -> datetime.datetime:
        return self.moment(self.end + datetime.timedelta(days=1))

    def slots(self) -> list[datetime.date]:
        """The trend's points: each day, or the first day of each month."""
        if not self.monthly:
            return [self.start + datetime.timedelta(days=n) for n in range(self.days)]
        slots, day = [], self.start.replace(day=1)
        while day <= self.end:
            slots.append(day)
            day = _add_months(day, 1)
        return slots


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_end(first: datetime.date, months: int) -> datetime.date:
    return _add_months(first, months) - datetime.timedelta(days=1)


PERIOD_KINDS = (
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
    "custom",
)


def today_vietnam() -> datetime.date:
    return timezone.localdate(timezone=VIETNAM)


def period_of(
    kind: str,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Period:
    """A calendar period (compared with the calendar period before it) or any dates
    (compared with as many days just before). ``custom`` needs ``start`` <= ``end``."""
    today = today or today_vietnam()
    month = today.replace(day=1)
    quarter = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    calendar = {
        "this_month": (month, 1),
        "last_month": (_add_months(month, -1), 1),
        "this_quarter": (quarter, 3),
        "last_quarter": (_add_months(quarter, -3), 3),
        "this_year": (datetime.date(today.year, 1, 1), 12),
        "last_year": (datetime.date(today.year - 1, 1, 1), 12),
    }
    if kind in calendar:
        first, months = calendar[kind]
        previous = _add_months(first, -months)
        return Period(
            kind, first, _month_end(first, months), previous, first - datetime.timedelta(days=1)
        )
    if kind != "custom" or start is None or end is None or end < start:
        raise ValueError(kind)
    length = end - start
    previous_end = start - datetime.timedelta(days=1)
    return Period("custom", start, end, previous_end - length, previous_end)


# --- the report ---------------------------------------------------------------------------


@dataclass
class UnitRow:
    """A unit one level below (or the unit's own records, ``own``) with its figures."""

    unit: UnionUnit
    current: Counter
    previous: Counter
    own: bool = False

    def __getitem__(self, metric):
        return self.current.get(metric, 0)


@dataclass
class UnitReport:
    unit: UnionUnit
    period: Period
    current: Counter
    previous: Counter
    rows: list  # UnitRow per sub-unit (and the unit's own records when it has any)
    trend: dict  # metric -> {slot: value} over the period
    provinces: list  # (province name or "", orders, revenue) over the period, by revenue
    as_of: datetime.datetime
    today: datetime.date
    ancestors: list = field(default_factory=list)

    def change(self, metric):
        """The figure minus the previous period's (None for a figure counted today)."""
        if metric in NOW_METRICS:
            return None
        return self.current.get(metric, 0) - self.previous.get(metric, 0)

    def share_cashless(self, counts: Counter | None = None) -> float:
        """Per cent of revenue paid by VietQR or card."""
        counts = self.current if counts is None else counts
        return cashless_share(counts)


def cashless_share(counts) -> float:
    revenue = counts.get("revenue", 0)
    if not revenue:
        return 0.0
    cashless = sum(counts.get(f"revenue_{m}", 0) for m in CASHLESS)
    return round(100 * float(cashless) / float(revenue), 1)


class _Scope:
    """How each query is cut to the unit's tree, tagged by bucket, side and slot."""

    def __init__(self, unit: UnionUnit, period: Period):
        self.unit, self.period = unit, period
        self.length = len(unit.path) + UnionUnit.steplen
        self.root = unit.depth == 1

    def tree(self, path: str, *, seller: bool = False) -> Q:
        """Rows whose unit is in the tree; for a seller's rows at the central unit, also
        sellers without an application (``seller``: ``path`` goes through the application)."""
        q = Q(**{f"{path}__startswith": self.unit.path})
        if seller and self.root:
            q |= Q(**{f"{path}__isnull": True})
        return q

    def bucket(self, path: str):
        return Coalesce(
            Substr(F(path), 1, self.length), Value(self.unit.path), output_field=CharField()
        )

    def side(self, moment: str, *, date: bool = False):
        split = self.period.start if date else self.period.split
        return Case(
            When(**{f"{moment}__gte": split}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )

    def within(self, moment: str, *, date: bool = False) -> Q:
        if date:
            return Q(
                **{f"{moment}__gte": self.period.previous_start, f"{moment}__lte": self.period.end}
            )
        return Q(**{f"{moment}__gte": self.period.since, f"{moment}__lt": self.period.until})

    def slot(self, moment: str):
        trunc = TruncMonth if self.period.monthly else TruncDate
        return trunc(moment, tzinfo=VIETNAM)

    def grouped(
        self, qs, *, moment: str, path: str, where=None, seller=False, extra=(), **aggregates
    ):
        """``(bucket, side, slot, *extra, *aggregates)`` rows of ``qs`` over both periods.
        ``where`` goes into the same ``filter()`` as the tree, so that a multi-valued join
        (a product's stock records) is one join, not two."""
        where = where if where is not None else Q()
        return (
            qs.filter(where & self.tree(path, seller=seller) & self.within(moment))
            .annotate(_b=self.bucket(path), _w=self.side(moment), _t=self.slot(moment))
            .values("_b", "_w", "_t", *extra)
            .annotate(**aggregates)
            .order_by()
        )


class _Tally:
    def __init__(self, period: Period):
        self.period = period
        self.cells = defaultdict(Counter)  # (bucket, side) -> metric -> value
        self.trend = defaultdict(Counter)  # metric -> slot -> value

    def add(self, bucket, side, slot, metric, value):
        if not value:
            return
        self.cells[(bucket, side)][metric] += value
        if side == 1 and slot is not None:
            if isinstance(slot, datetime.datetime):
                slot = slot.date()
            if self.period.monthly:
                slot = slot.replace(day=1)
            self.trend[metric][slot] += value

    def now(self, bucket, metric, value):
        if value:
            self.cells[(bucket, 1)][metric] += value


SELLER_PATH = "partner__application__union_unit__path"
PRODUCT_PATH = "stockrecords__partner__application__union_unit__path"


def _public_products() -> Q:
    return Q(
        is_public=True,
        moderation_status=Product.Moderation.APPROVED,
        stockrecords__partner__status=Partner.Status.APPROVED,
    ) & ~Q(structure=Product.CHILD)


def _sellers(scope: _Scope, tally: _Tally) -> None:
    apps = SellerApplication.objects.filter(status=SellerApplication.Status.APPROVED)
    for row in scope.grouped(
        apps,
        moment="reviewed_at",
        path="union_unit__path",
        extra=("kind", "on_behalf"),
        n=Count("id"),
    ):
        args = (row["_b"], row["_w"], row["_t"])
        tally.add(*args, "sellers_approved", row["n"])
        tally.add(*args, f"sellers_{row['kind']}", row["n"])
        tally.add(*args, "sellers_on_behalf" if row["on_behalf"] else "sellers_self", row["n"])
    for row in scope.grouped(
        SellerHandover.objects.all(),
        moment="handed_over_at",
        path="application__union_unit__path",
        n=Count("id"),
    ):
        tally.add(row["_b"], row["_w"], row["_t"], "sellers_handed_over", row["n"])


def _products(scope: _Scope, tally: _Tally, today: datetime.date) -> None:
    public = _public_products()
    for row in scope.grouped(
        Product.objects.all(),
        where=public,
        moment="date_created",
        path=PRODUCT_PATH,
        seller=True,
        n=Count("id", distinct=True),
    ):
        tally.add(row["_b"], row["_w"], row["_t"], "products_new", row["n"])

    valid = Q(ocop_stars__isnull=False, ocop_valid_from__lte=today, ocop_valid_until__gte=today)
    lapsing = Q(
        ocop_stars__isnull=False,
        ocop_valid_until__gte=today,
        ocop_valid_until__lte=today + datetime.timedelta(days=LAPSING_DAYS),
    )
    linked = Exists(MarketplaceLink.objects.filter(product=OuterRef("pk")))
    stock = (
        Product.objects.filter(public & scope.tree(PRODUCT_PATH, seller=True))
        .annotate(_b=scope.bucket(PRODUCT_PATH), _linked=linked)
        .values("_b")
        .annotate(
            public=Count("id", distinct=True),
            ocop=Count("id", distinct=True, filter=valid),
            lapsing=Count("id", distinct=True, filter=lapsing),
            linked=Count("id", distinct=True, filter=Q(_linked=True)),
            **{f"s{s}": Count("id", distinct=True, filter=valid & Q(ocop_stars=s)) for s in STARS},
        )
        .order_by()
    )
    for row in stock:
        b = row["_b"]
        tally.now(b, "products_public", row["public"])
        tally.now(b, "products_ocop", row["ocop"])
        tally.now(b, "ocop_lapsing", row["lapsing"])
        tally.now(b, "products_linked", row["linked"])
        for s in STARS:
            tally.now(b, f"ocop_{s}", row[f"s{s}"])

    clicks = MarketplaceClick.objects.all()
    for row in scope.grouped(
        clicks,
        moment="clicked_at",
        path="link__product__" + PRODUCT_PATH,
        seller=True,
        extra=("link__marketplace",),
        n=Count("id", distinct=True),
    ):
        args = (row["_b"], row["_w"], row["_t"])
        tally.add(*args, "clicks", row["n"])
        tally.add(*args, f"clicks_{row['link__marketplace']}", row["n"])


def _startups(scope: _Scope, tally: _Tally, today: datetime.date) -> None:
    path = "union_unit__path"
    for row in scope.grouped(Startup.objects.all(), moment="created", path=path, n=Count("id")):
        tally.add(row["_b"], row["_w"], row["_t"], "startups_new", row["n"])
    for row in scope.grouped(
        Startup.objects.filter(verified_by__isnull=False),
        moment="verified_at",
        path=path,
        n=Count("id"),
    ):
        tally.add(row["_b"], row["_w"], row["_t"], "startups_verified", row["n"])

    founders = TeamMember.objects.filter(startup=OuterRef("pk"), is_founder=True)
    youth = Exists(founders) & ~Exists(founders.filter(birth_year__lt=today.year - YOUTH_MAX_AGE))
    stock = (
        Startup.objects.filter(scope.tree(path))
        .annotate(_b=scope.bucket(path), _youth=youth)
        .values("_b")
        .annotate(
            total=Count("id"),
            verified=Count("id", filter=Q(verified_by__isnull=False)),
            youth=Count("id", filter=Q(_youth=True)),
        )
        .order_by()
    )
    for row in stock:
        tally.now(row["_b"], "startups_total", row["total"])
        tally.now(row["_b"], "startups_verified_total", row["verified"])
        tally.now(row["_b"], "youth_teams", row["youth"])

    for row in scope.grouped(
        PitchVersion.objects.filter(number=1),
        moment="approved_at",
        path="pitch__startup__union_unit__path",
        n=Count("id"),
    ):
        tally.add(row["_b"], row["_w"], row["_t"], "pitches_published", row["n"])
    for row in scope.grouped(
        Lead.objects.all(),
        moment="created",
        path="startup__union_unit__path",
        extra=("role",),
        n=Count("id"),
    ):
        args = (row["_b"], row["_w"], row["_t"])
        tally.add(*args, "interest", row["n"])
        tally.add(*args, f"interest_{row['role']}", row["n"])
    for row in scope.grouped(
        Follow.objects.all(), moment="created", path="startup__union_unit__path", n=Count("id")
    ):
        tally.add(row["_b"], row["_w"], row["_t"], "followers", row["n"])


def _expos(scope: _Scope, tally: _Tally) -> None:
    """Expos opening in either period and every figure of theirs, counted on the opening's
    side and slot. Six queries."""
    expos = {
        row["pk"]: row
        for row in Expo.objects.filter(
            scope.tree("unit__path"), scope.within("opens_at"), published=True
        )
        .annotate(_b=scope.bucket("unit__path"), _w=scope.side("opens_at"))
        .annotate(_t=scope.slot("opens_at"))
        .values("pk", "_b", "_w", "_t")
    }
    if not expos:
        return
    ids = list(expos)

    def add(expo_id, metric, value):
        e = expos[expo_id]
        tally.add(e["_b"], e["_w"], e["_t"], metric, value)

    for e in expos.values():
        tally.add(e["_b"], e["_w"], e["_t"], "expos_held", 1)
    visitors = (
        ExpoEvent.objects.filter(expo_id__in=ids)
        .values("expo_id", "day")
        .annotate(n=Count("visitor", distinct=True))
        .order_by()
    )
    for row in visitors:
        add(row["expo_id"], "expo_visitors", row["n"])
    booths = list(
        Booth.objects.filter(expo_id__in=ids, status=Booth.Status.APPROVED).values_list(
            "expo_id", "startup__partner_id"
        )
    )
    for expo_id, _partner in booths:
        add(expo_id, "expo_booths", 1)
    sent = Exists(FollowUpDelivery.objects.filter(lead=OuterRef("pk"), sent_at__isnull=False))
    followed = ~Q(status=Lead.Status.NEW) | Q(_sent=True)
    leads = (
        Lead.objects.filter(booth__expo_id__in=ids)
        .annotate(_sent=sent)
        .values("booth__expo_id")
        .annotate(n=Count("id"), followed=Count("id", filter=followed))
        .order_by()
    )
    for row in leads:
        add(row["booth__expo_id"], "expo_leads", row["n"])
        add(row["booth__expo_id"], "expo_leads_followed", row["followed"])

    exhibitors = defaultdict(set)
    for expo_id, partner_id in booths:
        exhibitors[expo_id].add(partner_id)
    attributed = defaultdict(set)  # order -> expos
    for expo_id, order_id in ExpoOrder.objects.filter(expo_id__in=ids).values_list(
        "expo_id", "order_id"
    ):
        attributed[order_id].add(expo_id)
    if not attributed:
        return
    parts = (
        OrderPart.objects.filter(
            order_id__in=list(attributed),
            partner_id__in={p for partners in exhibitors.values() for p in partners},
        )
        .exclude(status=OrderPart.Status.CANCELLED)
        .values_list("order_id", "partner_id", "goods_total")
    )
    counted = set()
    for order_id, partner_id, goods in parts:
        for expo_id in attributed[order_id]:
            if partner_id in exhibitors[expo_id]:
                add(expo_id, "expo_revenue", goods)
                if (expo_id, order_id) not in counted:
                    counted.add((expo_id, order_id))
                    add(expo_id, "expo_orders", 1)


def _orders(scope: _Scope, tally: _Tally) -> list:
    parts = OrderPart.objects.exclude(status=OrderPart.Status.CANCELLED)
    for row in scope.grouped(
        parts,
        where=Q(order__date_placed__isnull=False),
        moment="order__date_placed",
        path=SELLER_PATH,
        seller=True,
        extra=("payment_method",),
        n=Count("id"),
        goods=Sum("goods_total"),
    ):
        args = (row["_b"], row["_w"], row["_t"])
        method = row["payment_method"]
        tally.add(*args, "orders", row["n"])
        tally.add(*args, "revenue", row["goods"] or Decimal(0))
        tally.add(*args, f"orders_{method}", row["n"])
        tally.add(*args, f"revenue_{method}", row["goods"] or Decimal(0))
    by_province = (
        parts.filter(scope.tree(SELLER_PATH, seller=True))
        .filter(
            order__date_placed__gte=scope.period.split, order__date_placed__lt=scope.period.until
        )
        .values("order__shipping_address__state")
        .annotate(n=Count("id"), goods=Sum("goods_total"))
        .order_by()
    )
    rows = [
        (row["order__shipping_address__state"] or "", row["n"], row["goods"] or Decimal(0))
        for row in by_province
    ]
    return sorted(rows, key=lambda r: (-r[2], -r[1], r[0]))


def unit_report(unit: UnionUnit, period: Period, *, today: datetime.date | None = None):
    """Every figure of ``unit`` and the units below it over ``period`` and the one before."""
    today = today or today_vietnam()
    scope, tally = _Scope(unit, period), _Tally(period)
    _sellers(scope, tally)
    _products(scope, tally, today)
    _startups(scope, tally, today)
    _expos(scope, tally)
    provinces = _orders(scope, tally)

    children = list(
        UnionUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1).order_by("path")
    )
    rows = [
        UnitRow(
            unit=child, current=tally.cells[(child.path, 1)], previous=tally.cells[(child.path, 0)]
        )
        for child in children
    ]
    own_current, own_previous = tally.cells[(unit.path, 1)], tally.cells[(unit.path, 0)]
    if children and (+own_current or +own_previous):
        rows.append(UnitRow(unit=unit, current=own_current, previous=own_previous, own=True))
    current, previous = Counter(), Counter()
    for (_bucket, side), counts in tally.cells.items():
        (current if side == 1 else previous).update(counts)
    trend = {
        metric: {slot: values.get(slot, 0) for slot in period.slots()}
        for metric, values in tally.trend.items()
    }
    return UnitReport(
        unit=unit,
        period=period,
        current=current,
        previous=previous,
        rows=rows,
        trend=trend,
        provinces=provinces,
        as_of=timezone.now(),
        today=today,
    )


# --- which unit an officer may read --------------------------------------------------------


def unit_for_officer(officer: Officer, pk: int | None) -> UnionUnit | None:
    """The officer's unit (no ``pk``) or a unit below it; None for any other unit."""
    if pk is None:
        return officer.unit
    return UnionUnit.objects.filter(pk=pk, path__startswith=officer.unit.path).first()


def unit_ancestors(unit: UnionUnit, officer: Officer) -> list[UnionUnit]:
    """The units from the officer's down to ``unit``'s parent (for the breadcrumbs)."""
    paths = [
        unit.path[:n] for n in range(len(officer.unit.path), len(unit.path), UnionUnit.steplen)
    ]
    return list(UnionUnit.objects.filter(path__in=paths).order_by("depth")) if paths else []


# --- the officer's work waiting -------------------------------------------------------------


def officer_work(officer: Officer) -> dict[str, int]:
    """How many things wait for the officer's tree, by desk. Seven counts."""
    path = officer.unit.path
    return {
        "applications": applications_for_officer(officer)
        .filter(status=SellerApplication.Status.SUBMITTED)
        .count(),
        "products": products_for_officer(officer).count(),
        "pitches": pitches_for_officer(officer).filter(state=Pitch.State.IN_REVIEW).count(),
        "startups": startups_for_officer(officer, verified=False).filter(published=True).count(),
        "booths": Booth.objects.filter(
            status=Booth.Status.APPLIED, expo__unit__path__startswith=path
        ).count(),
        "pitch_questions": questions_for_officer(officer)
        .filter(status=Question.Status.HELD)
        .count(),
        "booth_questions": BoothQuestion.objects.filter(
            status=BoothQuestion.Status.HELD, booth__expo__unit__path__startswith=path
        ).count(),
    }
