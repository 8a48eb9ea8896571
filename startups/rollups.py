"""The expo figures' daily roll-up, the periodic job's work (not a user action, so not a
service): ``expo_day_rollup`` recomputes one day's ``ExpoDayStat`` rows from the raw
``ExpoEvent`` rows (delete and insert in one transaction, the expo's row locked so that two
runs do not interleave). Running it again gives the same numbers, so the beat task
(``startups.tasks.expo_stats``) can be retried, run twice or killed half-way without harm.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from startups.models import Expo, ExpoDayStat
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
    due = [d for d in days if d >= today - datetime.timedelta(days=1) or d not in done]
    for day in due:
        expo_day_rollup(expo=expo, day=day)
    return due
