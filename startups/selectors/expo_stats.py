"""The expo figures: per expo, hall, booth and day, from the raw rows and the roll-ups; and a
visitor's passport."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import get_language
from oscar.core.loading import get_model

from core import pagecache
from startups.models import (
    Booth,
    BoothQuestion,
    DrawEntry,
    Expo,
    ExpoDayStat,
    ExpoEvent,
    ExpoOrder,
    ExpoSession,
    Hall,
    Lead,
    PassportStamp,
)

OrderPart = get_model("order", "OrderPart")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class BeaconPlan:
    """What the visit beacon needs to know of an expo: whether and when it counts, and which
    halls, approved booths (with their hall) and sessions (with theirs) are its own. Read once
    per change of the expo (``beacon_plan``), not once per visit. It has the four fields of an
    ``Expo`` that ``startups.services.expo_visits.event_record`` reads."""

    pk: int
    published: bool
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    passport_goal: int
    halls: frozenset = frozenset()
    booths: dict = field(default_factory=dict)  # approved booth id -> hall id
    sessions: dict = field(default_factory=dict)  # session id -> hall id or None

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        """Public and open to visitors (live, or closed and read-only), as ``Expo.is_open``."""
        return self.published and (now or timezone.now()) >= self.opens_at


def _plan_read(expo_id: int) -> BeaconPlan | None:
    expo = (
        Expo.objects.filter(pk=expo_id)
        .values("pk", "published", "opens_at", "closes_at", "passport_goal")
        .first()
    )
    if expo is None:
        return None
    return BeaconPlan(
        **expo,
        halls=frozenset(Hall.objects.filter(expo_id=expo_id).values_list("pk", flat=True)),
        booths=dict(
            Booth.objects.filter(expo_id=expo_id, status=Booth.Status.APPROVED).values_list(
                "pk", "hall_id"
            )
        ),
        sessions=dict(ExpoSession.objects.filter(expo_id=expo_id).values_list("pk", "hall_id")),
    )


def beacon_plan(expo_id: int) -> BeaconPlan | None:
    """The expo's ``BeaconPlan`` (None: no such expo), kept in the cache under the expo's
    page-cache token, which every change of the expo, its halls, sessions and booths bumps:
    a beacon then costs one cache call instead of three SELECTs. Four SELECTs after a change."""
    key = f"expo-beacon-plan:{int(expo_id)}"
    plan, token = pagecache.guarded_cached(key, Expo.token_key_of(expo_id))
    if plan is None:
        plan = _plan_read(expo_id)
        if plan is not None:
            pagecache.guarded_store(key, token, plan)
    return plan


@dataclass
class PassportStatus:
    """A visitor's passport in one expo: the booths stamped, the goal, whether the reward is
    unlocked, the draw entry, and the voucher code (only once unlocked)."""

    stamped: set = field(default_factory=set)
    goal: int = 0
    entry: DrawEntry | None = None
    reward: str = Expo.Reward.NONE
    reward_code: str = ""

    @property
    def count(self) -> int:
        return len(self.stamped)

    @property
    def unlocked(self) -> bool:
        return passport_json(self.count, self.goal)["unlocked"]

    def as_json(self) -> dict:
        return passport_json(self.count, self.goal)


def passport_json(stamps: int, goal: int) -> dict:
    """What the beacon answers and expo.js shows: the stamps, the goal, whether unlocked."""
    return {"stamps": stamps, "goal": goal, "unlocked": goal > 0 and stamps >= goal}


def passport_status(expo: Expo, visitor: str | None) -> PassportStatus:
    """The visitor's passport (empty for None). One query, two when the expo has a draw."""
    goal = expo.passport_goal
    if not visitor:
        return PassportStatus(goal=goal, reward=expo.reward)
    stamped = set(
        PassportStamp.objects.filter(expo=expo, visitor=visitor).values_list("booth_id", flat=True)
    )
    status = PassportStatus(stamped=stamped, goal=goal, reward=expo.reward)
    if status.unlocked:
        if expo.reward == Expo.Reward.VOUCHER:
            status.reward_code = expo.reward_voucher_code
        elif expo.reward == Expo.Reward.DRAW:
            status.entry = DrawEntry.objects.filter(expo=expo, visitor=visitor).first()
    return status


# --- the figures ---------------------------------------------------------------------------
# Every figure is counted per day (Viet Nam's), and at three levels: the whole expo
# (hall 0, booth 0), a hall (hall, booth 0) and a booth (its hall, booth). Visits and clicks
# come from the raw ``ExpoEvent`` rows; days before today that the roll-up has written are
# read from ``ExpoDayStat`` instead (the same numbers, ``startups.services.expo_stats``).
# Leads, questions, orders and revenue are read from their own rows at report time, so a
# part cancelled later drops out of the revenue.

EVENT_METRICS = {
    ExpoEvent.Kind.LOBBY: "lobby_visits",
    ExpoEvent.Kind.HALL: "hall_visits",
    ExpoEvent.Kind.BOOTH: "booth_visits",
    ExpoEvent.Kind.SESSION: "session_views",
    ExpoEvent.Kind.PRODUCT: "product_views",
    ExpoEvent.Kind.MARKETPLACE: "market_clicks",
    ExpoEvent.Kind.QR: "qr_visits",
}
VISITORS = "visitors"
ROLLED = "events"  # written for every rolled-up day, even a day without a single event
ROLLED_AT = "rolled_at"  # minutes since the epoch (UTC) the day was last rolled up
ROLLUP_METRICS = (VISITORS, *EVENT_METRICS.values())
LIVE_METRICS = ("leads", "questions", "orders")
METRICS = (*ROLLUP_METRICS, *LIVE_METRICS)

Cells = dict  # (day, hall_id, booth_id) -> Counter(metric -> value)


def _cells() -> Cells:
    return defaultdict(Counter)


def _add(cells: Cells, day, hall_id, booth_id, metric: str, value) -> None:
    """Add ``value`` at the booth, its hall and the expo (a booth's hall-level and expo-level
    shares of a count are the same count)."""
    hall_id, booth_id = hall_id or 0, booth_id or 0
    cells[(day, 0, 0)][metric] += value
    if hall_id:
        cells[(day, hall_id, 0)][metric] += value
        if booth_id:
            cells[(day, hall_id, booth_id)][metric] += value


def event_cells(expo: Expo, days, *, booth: Booth | None = None) -> Cells:
    """The event figures of ``days`` from the raw rows: counts per kind, and the distinct
    visitors of each day (the expo's, a hall's: of its events, a booth's: of its booth visits).
    Four GROUP BY queries (two for one booth), whatever the number of days, halls, booths."""
    cells = _cells()
    days = list(days)
    if not days:
        return cells
    events = ExpoEvent.objects.filter(expo=expo, day__in=days)
    if booth is not None:
        events = events.filter(booth=booth)
    for row in events.values("day", "hall_id", "booth_id", "kind").annotate(n=Count("id")):
        if booth is not None:
            cells[(row["day"], booth.hall_id, booth.pk)][EVENT_METRICS[row["kind"]]] += row["n"]
        else:
            _add(
                cells,
                row["day"],
                row["hall_id"],
                row["booth_id"],
                EVENT_METRICS[row["kind"]],
                row["n"],
            )
    if booth is None:
        for row in events.values("day").annotate(n=Count("visitor", distinct=True)):
            cells[(row["day"], 0, 0)][VISITORS] = row["n"]
        halls = events.filter(hall__isnull=False).values("day", "hall_id")
        for row in halls.annotate(n=Count("visitor", distinct=True)):
            cells[(row["day"], row["hall_id"], 0)][VISITORS] = row["n"]
    visits = events.filter(kind=ExpoEvent.Kind.BOOTH, booth__isnull=False)
    for row in visits.values("day", "hall_id", "booth_id").annotate(
        n=Count("visitor", distinct=True)
    ):
        hall_id = booth.hall_id if booth is not None else (row["hall_id"] or 0)
        cells[(row["day"], hall_id, row["booth_id"])][VISITORS] = row["n"]
    return cells


def expo_days(expo: Expo, *, today: datetime.date | None = None) -> list[datetime.date]:
    """The expo's days (Viet Nam's) from its opening up to today or its last day."""
    first = timezone.localtime(expo.opens_at, VIETNAM).date()
    last = timezone.localtime(expo.closes_at - datetime.timedelta(microseconds=1), VIETNAM).date()
    last = min(last, today or timezone.localdate(timezone=VIETNAM))
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _rolled_cells(expo: Expo, days, booth: Booth | None):
    """Cells of the rolled-up days among ``days`` and the time of their latest roll-up. One
    query."""
    cells, rolled, stamp = _cells(), set(), None
    if not days:
        return cells, rolled, stamp
    stats = ExpoDayStat.objects.filter(expo=expo, day__in=days)
    markers = Q(hall_id=0, booth_id=0, metric__in=(ROLLED, ROLLED_AT))
    if booth is not None:
        stats = stats.filter(Q(booth_id=booth.pk) | markers)
    for day, hall_id, booth_id, metric, value in stats.values_list(
        "day", "hall_id", "booth_id", "metric", "value"
    ):
        if metric == ROLLED:
            rolled.add(day)
        elif metric == ROLLED_AT:
            moment = datetime.datetime.fromtimestamp(value * 60, tz=datetime.UTC)
            stamp = moment if stamp is None or moment > stamp else stamp
        elif booth is None or booth_id == booth.pk:
            cells[(day, hall_id, booth_id)][metric] = value
    return cells, rolled, stamp


def _live_cells(expo: Expo, cells: Cells, booths: dict, booth: Booth | None) -> dict:
    """Leads, questions, orders and revenue into ``cells``; returns revenue per
    (day, hall_id, booth_id). Three queries."""
    leads = Lead.objects.filter(booth__expo=expo)
    questions = BoothQuestion.objects.filter(booth__expo=expo).exclude(
        status=BoothQuestion.Status.HIDDEN
    )
    if booth is not None:
        leads, questions = leads.filter(booth=booth), questions.filter(booth=booth)
    for metric, rows in (("leads", leads), ("questions", questions)):
        grouped = rows.annotate(day=TruncDate("created", tzinfo=VIETNAM)).values(
            "day", "booth_id", "booth__hall_id"
        )
        for row in grouped.annotate(n=Count("id")):
            _add(cells, row["day"], row["booth__hall_id"], row["booth_id"], metric, row["n"])

    # Orders: the attributed orders with a part of an exhibitor that is not cancelled; the
    # revenue: those parts' goods, each seller its own.
    by_partner = {b.startup.partner_id: b for b in booths.values()}
    parts = (
        OrderPart.objects.filter(
            order_id__in=ExpoOrder.objects.filter(expo=expo).values("order_id"),
            partner_id__in=list(by_partner),
        )
        .exclude(status=OrderPart.Status.CANCELLED)
        .annotate(day=TruncDate("order__date_placed", tzinfo=VIETNAM))
        .values_list("day", "order_id", "partner_id", "goods_total")
    )
    revenue = defaultdict(Decimal)
    seen = defaultdict(set)
    for day, order_id, partner_id, goods in parts:
        exhibitor = by_partner[partner_id]
        keys = [(day, 0, 0), (day, exhibitor.hall_id, 0), (day, exhibitor.hall_id, exhibitor.pk)]
        for key in keys:
            revenue[key] += goods
            if order_id not in seen[key]:
                seen[key].add(order_id)
                cells[key]["orders"] += 1
    return revenue


@dataclass
class Row:
    """One line of a table: a day, a hall or a booth, with its figures."""

    label: str
    figures: Counter
    revenue: Decimal = Decimal(0)
    obj: object = None

    def __getitem__(self, metric):
        return self.figures.get(metric, 0)


@dataclass
class Figures:
    expo: Expo
    booth: Booth | None
    days: list
    totals: Row
    per_day: list
    halls: list
    booths: list
    as_of: datetime.datetime
    rolled_at: datetime.datetime | None
    rolled_days: int

    @property
    def funnel(self) -> list[tuple[str, int]]:
        """Visits → leads → orders: (stage, number)."""
        return [
            ("visitors", self.totals[VISITORS]),
            ("booth_visits", self.totals["booth_visits"]),
            ("leads", self.totals["leads"]),
            ("orders", self.totals["orders"]),
        ]


def _sum(cells: Cells, revenue: dict, key_of, label, obj, days) -> Row:
    total, money = Counter(), Decimal(0)
    for day in days:
        key = key_of(day)
        total.update(cells.get(key, {}))
        money += revenue.get(key, Decimal(0))
    return Row(label=label, figures=total, revenue=money, obj=obj)


def _ranked(rows: list) -> list:
    return sorted(
        rows,
        key=lambda r: (-r["booth_visits"], -r[VISITORS], -r["orders"], -r["leads"], str(r.label)),
    )


def expo_figures(expo: Expo, *, booth: Booth | None = None, today=None) -> Figures:
    """Every figure of the expo (or of one of its booths): totals, per day, per hall, the
    booths ranked by visits, for the funnel visits → leads → orders. A fixed number of
    queries (about ten), whatever the number of halls, booths and days. ``Row`` totals of
    visitors add the days' distinct visitors (one per browser and day)."""
    today = today or timezone.localdate(timezone=VIETNAM)
    days = expo_days(expo, today=today)
    past = [day for day in days if day < today]
    cells, rolled, rolled_at = _rolled_cells(expo, past, booth)
    raw_days = [day for day in days if day not in rolled]
    for key, counts in event_cells(expo, raw_days, booth=booth).items():
        cells[key].update(counts)

    halls = list(Hall.objects.filter(expo=expo))
    if booth is not None:
        booth_list = [booth]
    else:
        booth_list = list(
            Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED).select_related("startup")
        )
    booths = {b.pk: b for b in booth_list}
    revenue = _live_cells(expo, cells, booths, booth)

    if booth is not None:
        totals = _sum(
            cells, revenue, lambda d: (d, booth.hall_id, booth.pk), str(booth.startup), booth, days
        )
        hall_rows = []
    else:
        totals = _sum(cells, revenue, lambda d: (d, 0, 0), expo.title, expo, days)
        hall_rows = [
            _sum(cells, revenue, lambda d, h=hall: (d, h.pk, 0), _name(hall), hall, days)
            for hall in halls
        ]
    day_key = (
        (lambda d: (d, booth.hall_id, booth.pk)) if booth is not None else (lambda d: (d, 0, 0))
    )
    per_day = [
        Row(
            label=day.isoformat(),
            figures=Counter(cells.get(day_key(day), {})),
            revenue=revenue.get(day_key(day), Decimal(0)),
            obj=day,
        )
        for day in days
    ]
    hall_names = {hall.pk: _name(hall) for hall in halls}
    booth_rows = _ranked(
        [
            _sum(cells, revenue, lambda d, b=b: (d, b.hall_id, b.pk), b.startup.name, b, days)
            for b in booth_list
        ]
    )
    for row in booth_rows:
        row.hall = hall_names.get(row.obj.hall_id, "")
    return Figures(
        expo=expo,
        booth=booth,
        days=days,
        totals=totals,
        per_day=per_day,
        halls=hall_rows,
        booths=booth_rows,
        as_of=timezone.now(),
        rolled_at=rolled_at,
        rolled_days=len(rolled),
    )


def _name(obj) -> str:
    english = getattr(obj, "name_en", "") if (get_language() or "").startswith("en") else ""
    return english or obj.name
