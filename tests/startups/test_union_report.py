"""THE union report's numbers: a known tree (central, two provinces, grassroots units) with
sellers, products, startups, pitches, an expo, leads and orders, and every figure of the
report equal to what those records add up to; the periods; the queries, constant in sub-units
and months."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from startups.models import Officer, UnionUnit
from startups.selectors.union_report import (
    cashless_share,
    officer_work,
    period_of,
    unit_report,
)
from tests.startups.union_world import EXPECTED, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    return build_world()


def _check(counts, expected):
    wrong = {k: (counts.get(k, 0), v) for k, v in expected.items() if counts.get(k, 0) != v}
    assert not wrong, wrong  # metric: (got, expected)


def test_the_province_report_adds_up_the_records(world):
    report = unit_report(world.p1, period_of("last_month"))
    _check(report.current, EXPECTED["p1"])
    _check(report.previous, EXPECTED["p1_previous"])
    assert report.provinces == EXPECTED["p1_provinces"]
    assert report.share_cashless() == EXPECTED["p1_cashless"]
    assert report.change("orders") == 3
    assert report.change("products_public") is None  # counted today, no previous value


def test_each_sub_unit_and_the_units_own_records_have_a_row(world):
    report = unit_report(world.p1, period_of("last_month"))
    rows = {row.unit.pk if not row.own else "own": row for row in report.rows}
    assert set(rows) == {world.g1a.pk, world.g1b.pk, "own"}
    _check(rows[world.g1a.pk].current, EXPECTED["g1a"])
    _check(rows[world.g1b.pk].current, EXPECTED["g1b"])
    _check(rows["own"].current, EXPECTED["p1_own"])
    # the rows add up to the unit
    for metric in ("sellers_approved", "orders", "revenue", "products_new", "interest"):
        assert sum(row[metric] for row in report.rows) == report.current[metric]


def test_the_central_report_is_national_with_a_row_per_province(world):
    report = unit_report(world.central, period_of("last_month"))
    _check(report.current, EXPECTED["central"])
    rows = {row.unit.pk: row for row in report.rows}
    assert len(rows) == UnionUnit.objects.filter(level="province").count()
    _check(rows[world.p1.pk].current, {"orders": 4, "sellers_approved": 3})
    _check(rows[world.p2.pk].current, EXPECTED["p2"])


def test_a_grassroots_report_holds_only_its_own_records(world):
    report = unit_report(world.g1b, period_of("last_month"))
    assert report.current["orders"] == 0
    assert report.current["products_public"] == 0  # the hidden product is not public
    assert report.previous["sellers_approved"] == 1
    assert report.rows == []


def test_the_trend_is_per_day_within_a_month_and_per_month_over_a_year(world):
    month = period_of("last_month")
    report = unit_report(world.p1, month)
    assert len(report.trend["orders"]) == month.days
    assert sum(report.trend["orders"].values()) == EXPECTED["p1"]["orders"]
    assert report.trend["orders"][month.start + datetime.timedelta(days=9)] == 4
    year = period_of("custom", start=month.previous_start, end=month.end)
    report = unit_report(world.p1, year)
    assert year.monthly is False  # two months: still per day
    long = period_of("custom", start=month.start - datetime.timedelta(days=300), end=month.end)
    report = unit_report(world.p1, long)
    assert long.monthly
    assert report.trend["orders"][month.start] == 4
    assert report.trend["orders"][month.previous_start] == 1
    assert sum(report.trend["revenue"].values()) == report.current["revenue"]


def test_periods():
    today = datetime.date(2026, 5, 14)
    p = period_of("this_month", today=today)
    assert (p.start, p.end, p.previous_start, p.previous_end) == (
        datetime.date(2026, 5, 1),
        datetime.date(2026, 5, 31),
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 30),
    )
    p = period_of("last_quarter", today=today)
    assert (p.start, p.end, p.previous_start) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
        datetime.date(2025, 10, 1),
    )
    p = period_of("last_year", today=datetime.date(2026, 1, 3))
    assert (p.start, p.end, p.previous_start) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 12, 31),
        datetime.date(2024, 1, 1),
    )
    p = period_of("custom", start=datetime.date(2026, 3, 10), end=datetime.date(2026, 3, 19))
    assert (p.previous_start, p.previous_end) == (
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 9),
    )
    with pytest.raises(ValueError):
        period_of("custom", start=datetime.date(2026, 3, 10), end=datetime.date(2026, 3, 1))
    with pytest.raises(ValueError):
        period_of("fortnight")


def test_cashless_share_without_revenue_is_zero():
    assert cashless_share({}) == 0.0


def test_the_work_waiting(world):
    officer = Officer.objects.get(user=world.users["p1"])
    assert officer_work(officer) == EXPECTED["p1_work"]
    other = Officer.objects.get(user=world.users["p2"])
    work = officer_work(other)
    assert work["booths"] == 0 and work["applications"] == 0 and work["booth_questions"] == 0


def _queries(unit, period) -> int:
    with CaptureQueriesContext(connection) as ctx:
        unit_report(unit, period)
    return len(ctx.captured_queries)


def test_the_queries_do_not_grow_with_sub_units_or_months(world):
    month = period_of("last_month")
    year = period_of("custom", start=month.start - datetime.timedelta(days=330), end=month.end)
    two_units = _queries(world.p1, month)
    p1 = UnionUnit.objects.get(pk=world.p1.pk)
    for n in range(4):
        p1.add_child(code=f"doan-xa-moi-{n}", level="grassroots", name=f"Đoàn xã mới {n}")
        p1.refresh_from_db()
    assert UnionUnit.objects.get(pk=p1.pk).get_children_count() == 6
    assert _queries(p1, month) == two_units
    assert _queries(p1, year) == two_units
    assert two_units <= 25
