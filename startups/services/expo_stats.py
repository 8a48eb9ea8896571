"""The expo figures' writes: the daily roll-up, and the orders attributed to an expo.

Roll-up: ``expo_day_rollup`` recomputes one day's ``ExpoDayStat`` rows from the raw
``ExpoEvent`` rows (delete and insert in one transaction, the expo's row locked so that two
runs do not interleave): running it again gives the same numbers, so the periodic task
(``startups.tasks.expo_stats``) can be retried, run twice or killed half-way without harm.

Attribution (``order_attribute``, called by ``startups.receivers`` after checkout): an order
belongs to an expo when the browser that placed it visited the expo (its ``expo_v`` cookie has
events of the expo, which are only recorded within the expo's dates) and the order was placed
within the expo's dates; or when the order used one of the expo's vouchers (a booth's
``offer_voucher`` or the expo's ``reward_voucher_code``). The revenue is not stored: the report
reads the exhibitors' own order parts, so a part cancelled later drops out.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models.functions import Trim, Upper
from django.utils import timezone

from startups.models import Booth, Expo, ExpoDayStat, ExpoEvent, ExpoOrder
from startups.selectors.expo_stats import (
    ROLLED,
    ROLLED_AT,
    ROLLUP_METRICS,
    VIETNAM,
    event_cells,
    expo_days,
)


def expo_day_rollup(*, expo: Expo, day: datetime.date) -> int:
    """Rewrite ``day``'s roll-up rows of ``expo`` from the raw rows; the number of rows."""
    with transaction.atomic():
        Expo.objects.select_for_update().filter(pk=expo.pk).first()
        cells = event_cells(expo, [day])
        stamp = int(timezone.now().timestamp()) // 60
        total = sum(cells.get((day, 0, 0), {}).get(m, 0) for m in ROLLUP_METRICS if m != "visitors")
        rows = [
            ExpoDayStat(expo=expo, day=day, metric=ROLLED, value=total),
            ExpoDayStat(expo=expo, day=day, metric=ROLLED_AT, value=stamp),
        ]
        for (cell_day, hall_id, booth_id), counts in sorted(cells.items()):
            for metric in ROLLUP_METRICS:
                if counts.get(metric):
                    rows.append(
                        ExpoDayStat(
                            expo=expo,
                            day=cell_day,
                            hall_id=hall_id,
                            booth_id=booth_id,
                            metric=metric,
                            value=counts[metric],
                        )
                    )
        ExpoDayStat.objects.filter(expo=expo, day=day).delete()
        ExpoDayStat.objects.bulk_create(rows)
    return len(rows)


def expos_to_roll_up(*, today: datetime.date | None = None):
    """Expos live today or that closed yesterday (Viet Nam's days)."""
    today = today or timezone.localdate(timezone=VIETNAM)
    start = datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(), VIETNAM)
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(), VIETNAM)
    return Expo.objects.filter(published=True, opens_at__lt=end, closes_at__gt=start)


def expo_rollup(*, expo: Expo, today: datetime.date | None = None) -> list[datetime.date]:
    """Roll up today and yesterday of the expo, and any earlier day of it never rolled up
    (a beat that stopped for a while); the days rolled up."""
    today = today or timezone.localdate(timezone=VIETNAM)
    days = expo_days(expo, today=today)
    done = set(
        ExpoDayStat.objects.filter(expo=expo, metric=ROLLED, hall_id=0, booth_id=0).values_list(
            "day", flat=True
        )
    )
    todo = [d for d in days if d >= today - datetime.timedelta(days=1) or d not in done]
    for day in todo:
        expo_day_rollup(expo=expo, day=day)
    return todo


# --- orders -------------------------------------------------------------------------------


def _order_vouchers(order) -> tuple[set[int], set[str]]:
    ids, codes = set(), set()
    for voucher_id, code in order.discounts.values_list("voucher_id", "voucher_code"):
        if voucher_id:
            ids.add(voucher_id)
        if code:
            codes.add(code.strip().upper())
    return ids, codes


def order_attribute(*, order, visitor: str | None) -> list[ExpoOrder]:
    """Attribute ``order`` to the expos it came from (at most once per expo); the rows
    written. A voucher of the expo wins over a visit when both apply."""
    placed = order.date_placed or timezone.now()
    voucher_ids, codes = _order_vouchers(order)
    via: dict[int, str] = {}
    if voucher_ids or codes:
        booth_expos = Booth.objects.filter(
            offer_voucher_id__in=voucher_ids, status=Booth.Status.APPROVED
        ).values_list("expo_id", flat=True)
        reward_expos = (
            Expo.objects.filter(reward=Expo.Reward.VOUCHER)
            .exclude(reward_voucher_code="")
            .annotate(code=Upper(Trim("reward_voucher_code")))
            .filter(code__in=codes)
            .values_list("pk", flat=True)
        )
        for expo_id in (*booth_expos, *reward_expos):
            via[expo_id] = ExpoOrder.Via.VOUCHER
    if visitor:
        visited = (
            ExpoEvent.objects.filter(
                visitor=visitor, expo__opens_at__lte=placed, expo__closes_at__gt=placed
            )
            .values_list("expo_id", flat=True)
            .distinct()
        )
        for expo_id in visited:
            via.setdefault(expo_id, ExpoOrder.Via.VISIT)
    rows = [
        ExpoOrder(expo_id=expo_id, order=order, via=kind, visitor=visitor or "")
        for expo_id, kind in sorted(via.items())
    ]
    ExpoOrder.objects.bulk_create(rows, ignore_conflicts=True)
    return rows
