"""THE numbers test: a known set of visits, clicks, leads, questions and orders (with a retried
request, a bot, a cancelled part and an order outside the dates) and every figure of the
organiser's report, of its CSV and XLSX, and of the exhibitor's own numbers, before and after
the roll-up; who may see them; and the report's queries, constant in booths and days."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from oscar.apps.checkout.signals import post_checkout
from oscar.core.loading import get_model
from oscar.test.factories import VoucherFactory

from catalog.models import MarketplaceLink
from startups.models import BoothQuestion, ExpoDayStat, ExpoEvent, ExpoOrder, Lead
from startups.rollups import expo_day_rollup, expo_rollup
from startups.selectors.expo_stats import expo_figures
from startups.services.expo_visits import VISITOR_COOKIE
from startups.services.union import union_units_load
from tests.catalog.factories import product_create
from tests.shop.factories import order_create
from tests.startups.expo_world import (
    BOT,
    VIETNAM,
    beacon,
    browser,
    clock,
    officer_of,
    seller_account,
    vietnam,
)
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db
OrderDiscount = get_model("order", "OrderDiscount")
OrderPart = get_model("order", "OrderPart")
Order = get_model("order", "Order")


def checkout(order, client=None):
    """What Oscar's PaymentDetailsView.handle_successful_order sends once the order is placed."""
    request = RequestFactory().get("/")
    if client is not None and VISITOR_COOKIE in client.cookies:
        request.COOKIES[VISITOR_COOKIE] = client.cookies[VISITOR_COOKIE].value
    post_checkout.send(
        sender=None, order=order, user=AnonymousUser(), request=request, response=None
    )


@pytest.fixture
def fair(reference_data):
    """Two halls, three booths, four browsers and a bot over two days (yesterday and today in
    Viet Nam). The expected figures are written next to the test."""
    union_units_load()
    today = timezone.localdate(timezone=VIETNAM)
    day1, day2 = today - datetime.timedelta(days=1), today
    opens = vietnam(day1, 0, 0)
    expo = expo_create(
        phase="live",
        applications_close_at=opens - datetime.timedelta(days=1),
        opens_at=opens,
        closes_at=vietnam(today + datetime.timedelta(days=2), 0, 0),
        halls=("Nông sản OCOP", "Khởi nghiệp xanh"),
        reward="voucher",
        reward_voucher_code="HOCHIEU10",
        passport_goal=2,
    )
    h1, h2 = expo.halls.all()
    sa, sb, sc = (startup_create(name=n) for n in ("Cà phê Ea Tu", "Chè La Bằng", "Mật ong Lắk"))
    pa = product_create(seller=sa.partner, price=200000, title="Cà phê A")
    pb = product_create(seller=sb.partner, price=150000, title="Chè B")
    pc = product_create(seller=sc.partner, price=100000, title="Mật ong C")
    voucher = VoucherFactory(code="GIANA", name="Ưu đãi gian A")
    a = booth_create(expo=expo, startup=sa, hall=h1, products=[pa], offer_voucher=voucher)
    b = booth_create(expo=expo, startup=sb, hall=h1, products=[pb])
    c = booth_create(expo=expo, startup=sc, hall=h2, products=[pc])
    link = MarketplaceLink.objects.create(
        product=pa, marketplace="postmart", url="https://postmart.vn/products/ca-phe-a"
    )
    v1, v2, v3, v4, bot = browser(), browser(), browser(), browser(), browser(BOT)

    with clock(vietnam(day1, 10)):
        beacon(v1, expo, "lobby")
        retried = str(uuid.uuid4())
        assert beacon(v1, expo, booth=a, event_id=retried)[0].status_code == 200
        assert beacon(v1, expo, booth=a, event_id=retried)[0].status_code == 200  # retried
        beacon(v1, expo, booth=b)
        beacon(v2, expo, booth=a)
        beacon(v2, expo, "hall", hall=h2)
        beacon(v2, expo, booth=c)
        assert beacon(bot, expo, booth=a)[0].status_code == 204  # a bot
    # Day 2 (now).
    beacon(v1, expo, booth=a)
    beacon(v3, expo, booth=c)
    product_url = reverse(
        "startups:expo-product-go",
        kwargs={"slug": expo.slug, "booth_pk": c.pk, "product_pk": pc.pk},
    )
    assert v3.get(product_url).status_code == 302
    assert v3.get(product_url).status_code == 302  # clicked twice: one view in 10 minutes
    market_url = reverse(
        "startups:expo-market-go", kwargs={"slug": expo.slug, "booth_pk": a.pk, "link_pk": link.pk}
    )
    response = v3.get(market_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace-go", kwargs={"link_id": link.pk})
    response = v4.get(reverse("startups:qr-go", kwargs={"code": f"b{b.pk}"}))
    assert response.status_code == 302 and VISITOR_COOKIE in response.cookies

    def lead(booth, when, name):
        return Lead.objects.create(
            startup=booth.startup,
            booth=booth,
            source=Lead.Source.BOOTH,
            role="buyer",
            message="Tôi muốn mua sỉ.",
            name=name,
            email=f"{name}@example.com",
            fingerprint=name,
            created=when,
        )

    lead(a, vietnam(day1, 11), "lan")
    lead(a, vietnam(day2, 0, 5), "minh")
    lead(c, vietnam(day2, 0, 6), "hoa")
    asker = seller_account(startup_create(name="Khách hỏi"), "khach-hoi")
    BoothQuestion.objects.create(
        booth=b,
        asker=asker,
        text="Giao Hà Nội?",
        status="shown",
        fingerprint="q1",
        created=vietnam(day1, 12),
    )
    BoothQuestion.objects.create(
        booth=b,
        asker=asker,
        text="spam",
        status="hidden",
        fingerprint="q2",
        created=vietnam(day1, 12),
    )

    o1 = order_create(pc, payment_method="cod")  # v3 visited: via visit, 100,000 to C
    checkout(o1, v3)
    o2 = order_create(pa, payment_method="cod")  # booth A's voucher, no visit: 200,000 to A
    OrderDiscount.objects.create(
        order=o2,
        category="Basket",
        voucher_id=voucher.pk,
        voucher_code=voucher.code,
        amount=Decimal(20000),
    )
    checkout(o2)
    o3 = order_create(pa, pb, payment_method="cod")  # v1 visited; B's part cancelled later
    checkout(o3, v1)
    OrderPart.objects.filter(order=o3, partner=sb.partner).update(
        status="cancelled", cancelled_at=timezone.now()
    )
    o4 = order_create(pc, payment_method="cod")  # v2 visited, but placed before the opening
    Order.objects.filter(pk=o4.pk).update(date_placed=opens - datetime.timedelta(hours=1))
    o4.refresh_from_db()
    checkout(o4, v2)
    return {
        "expo": expo,
        "halls": (h1, h2),
        "booths": (a, b, c),
        "day1": day1,
        "day2": day2,
        "orders": (o1, o2, o3, o4),
        "sellers": (sa, sb, sc),
    }


# Expected: visitors are distinct browsers per day (expo: any event; hall: its events; booth:
# its booth visits), added over the days.
# Day 1: v1 lobby, A (retried once), B; v2 A, hall 2, C; the bot left out.
# Day 2: v1 A; v3 C, product C (twice: one), marketplace A; v4 QR of B.
COLUMNS = [
    "visitors",
    "booth_visits",
    "product_views",
    "market_clicks",
    "qr_visits",
    "leads",
    "questions",
    "orders",
    "revenue",
]
TOTALS = [5, 6, 1, 1, 1, 3, 1, 3, 500000]
DAYS = {"day1": [2, 4, 0, 0, 0, 1, 1, 0, 0], "day2": [3, 2, 1, 1, 1, 2, 0, 3, 500000]}
HALLS = {
    "Nông sản OCOP": [5, 4, 0, 1, 1, 2, 1, 2, 400000],
    "Khởi nghiệp xanh": [2, 2, 1, 0, 0, 1, 0, 1, 100000],
}
BOOTHS = [  # ranked by booth visits
    ("Cà phê Ea Tu", "Nông sản OCOP", [3, 3, 0, 1, 0, 2, 0, 2, 400000]),
    ("Mật ong Lắk", "Khởi nghiệp xanh", [2, 2, 1, 0, 0, 1, 0, 1, 100000]),
    ("Chè La Bằng", "Nông sản OCOP", [1, 1, 0, 0, 1, 0, 1, 0, 0]),
]
FUNNEL = [5, 6, 3, 3]


def as_numbers(figures_row):
    return [figures_row[m] for m in COLUMNS[:-1]] + [int(figures_row.revenue)]


def check_figures(fair):
    figures = expo_figures(fair["expo"])
    assert as_numbers(figures.totals) == TOTALS
    assert [as_numbers(r) for r in figures.per_day] == [DAYS["day1"], DAYS["day2"]]
    assert {r.label: as_numbers(r) for r in figures.halls} == HALLS
    assert [(r.label, r.hall, as_numbers(r)) for r in figures.booths] == BOOTHS
    assert [n for _stage, n in figures.funnel] == FUNNEL


def page_tables(html):
    soup = BeautifulSoup(html, "html.parser")
    tables = {}
    for table in soup.select("table[data-testid^=section-]"):
        key = table["data-testid"].removeprefix("section-")
        tables[key] = [
            [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")
        ]
    return soup, tables


def number_text(n):
    return f"{n:,}".replace(",", ".")  # Vietnamese grouping


def test_the_raw_records_are_what_was_sent(fair):
    assert ExpoEvent.objects.count() == 11  # 6 + 5; the retry and the bot not stored
    via = dict(ExpoOrder.objects.values_list("order_id", "via"))
    o1, o2, o3, o4 = fair["orders"]
    assert via == {o1.pk: "visit", o2.pk: "voucher", o3.pk: "visit"}  # o4 outside the dates
    goods = dict(OrderPart.objects.filter(order=o3).values_list("partner_id", "goods_total"))
    assert sorted(goods.values()) == [Decimal(150000), Decimal(200000)]


def test_every_figure_of_the_report_page(fair, client):
    check_figures(fair)
    expo = fair["expo"]
    client.force_login(officer_of("66", "canbo-daklak"))
    response = client.get(reverse("startups:expo-report", kwargs={"pk": expo.pk}))
    assert response.status_code == 200
    soup, tables = page_tables(response.content.decode())

    def shown(numbers):
        return [number_text(n) for n in numbers[:-1]] + [f"{number_text(numbers[-1])}\xa0₫"]

    assert tables["totals"] == [[expo.title, *shown(TOTALS)]]
    assert [row[1:] for row in tables["days"]] == [shown(DAYS["day1"]), shown(DAYS["day2"])]
    assert {row[0]: row[1:] for row in tables["halls"]} == {k: shown(v) for k, v in HALLS.items()}
    assert tables["booths"] == [
        [str(rank), hall, name, *shown(numbers)]
        for rank, (name, hall, numbers) in enumerate(BOOTHS, start=1)
    ]
    assert [row[1] for row in tables["funnel"]] == [number_text(n) for n in FUNNEL]
    # The charts are inline SVG with their numbers as a table for screen readers.
    charts = {fig["data-chart"]: fig for fig in soup.select("figure[data-chart]")}
    assert set(charts) == {"per-day", "ranking", "halls", "funnel"}
    ranking = [
        [td.get_text() for td in tr.find_all(["th", "td"])]
        for tr in charts["ranking"].select("table tbody tr")
    ]
    assert ranking == [["Cà phê Ea Tu", "3"], ["Mật ong Lắk", "2"], ["Chè La Bằng", "1"]]
    assert charts["per-day"].svg is not None and not soup.select("script[src*='http']")


def test_revenue_follows_a_later_cancellation(fair):
    o1 = fair["orders"][0]
    OrderPart.objects.filter(order=o1).update(status="cancelled")
    figures = expo_figures(fair["expo"])
    assert (figures.totals["orders"], int(figures.totals.revenue)) == (2, 400000)


def test_both_exports_have_every_figure(fair, client):
    expo = fair["expo"]
    client.force_login(officer_of("66", "canbo-daklak"))
    response = client.get(
        reverse("startups:expo-report-export", kwargs={"pk": expo.pk, "fmt": "csv"})
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sections, current = {}, None
    for row in rows:
        if len(row) == 1:
            current = row[0]
            sections[current] = []
        elif row:
            sections[current].append(row)
    totals_t, days_t, halls_t, booths_t, funnel_t = titles()
    assert list(sections) == [totals_t, days_t, halls_t, booths_t, funnel_t]
    totals = sections[totals_t]
    assert totals[0][0] == str(_("Expo")) and "Đơn hàng" in totals[0]  # Vietnamese headers
    assert [int(x) for x in totals[1][1:]] == TOTALS
    days = sections[days_t][1:]
    assert [r[0] for r in days] == [fair["day1"].isoformat(), fair["day2"].isoformat()]
    assert [[int(x) for x in r[1:]] for r in days] == [DAYS["day1"], DAYS["day2"]]
    assert {r[0]: [int(x) for x in r[1:]] for r in sections[halls_t][1:]} == HALLS
    assert [(r[2], r[1], [int(x) for x in r[3:]]) for r in sections[booths_t][1:]] == BOOTHS
    assert [int(r[1]) for r in sections[funnel_t][1:]] == FUNNEL

    response = client.get(
        reverse("startups:expo-report-export", kwargs={"pk": expo.pk, "fmt": "xlsx"})
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [totals_t, days_t, halls_t, booths_t, funnel_t]
    sheet = list(book[totals_t].values)
    assert list(sheet[1][1:]) == TOTALS  # numbers stored as numbers
    day_rows = list(book[days_t].values)[1:]
    assert [list(r[1:]) for r in day_rows] == [DAYS["day1"], DAYS["day2"]]
    assert day_rows[0][0].date() == fair["day1"]
    booths = [(r[2], r[1], list(r[3:])) for r in list(book[booths_t].values)[1:]]
    assert booths == BOOTHS
    assert [r[1] for r in list(book[funnel_t].values)[1:]] == FUNNEL
    assert (
        client.get(
            reverse("startups:expo-report-export", kwargs={"pk": expo.pk, "fmt": "pdf"})
        ).status_code
        == 404
    )


def titles():
    from startups.views.expo_stats import SECTION_TITLES

    return [str(SECTION_TITLES[k]) for k in ("totals", "days", "halls", "booths", "funnel")]


def test_english_headers_in_the_english_ui(fair, client):
    client.force_login(officer_of("66", "canbo-daklak"))
    with translation.override("en"):
        url = reverse("startups:expo-report-export", kwargs={"pk": fair["expo"].pk, "fmt": "xlsx"})
    book = load_workbook(io.BytesIO(client.get(url).content))
    assert book.sheetnames[0] == "Totals" and list(book["Totals"].values)[0][1] == "Visitors"


def test_after_the_roll_up_the_same_figures(fair):
    expo = fair["expo"]
    expo_rollup(expo=expo)
    assert ExpoDayStat.objects.filter(day=fair["day1"], metric="events").exists()
    # Change the raw rows of the rolled day: the report reads day 1 from the roll-up now.
    rows = ExpoDayStat.objects.count()
    expo_day_rollup(expo=expo, day=fair["day1"])
    assert ExpoDayStat.objects.count() == rows  # re-running rewrites the same rows
    check_figures(fair)
    figures = expo_figures(expo)
    assert figures.rolled_days == 1 and figures.rolled_at is not None
    ExpoEvent.objects.filter(day=fair["day1"]).delete()
    check_figures(fair)  # day 1 from the roll-up
    values = dict(
        ExpoDayStat.objects.filter(day=fair["day1"], hall_id=0, booth_id=0).values_list(
            "metric", "value"
        )
    )
    assert values["visitors"] == 2 and values["booth_visits"] == 4


def test_the_roll_up_task_runs_for_live_expos(fair):
    from startups.tasks.expo_stats import roll_up_expos

    assert roll_up_expos() == 2  # yesterday and today of the one live expo
    assert set(ExpoDayStat.objects.filter(metric="events").values_list("day", flat=True)) == {
        fair["day1"],
        fair["day2"],
    }


def test_the_exhibitor_sees_its_own_booth_numbers_only(fair, client):
    try:  # the dashboard's menu names the booth list (startups.views.booths)
        reverse("dashboard:booth-list")
    except NoReverseMatch:
        pytest.skip("dashboard:booth-list is not there yet")
    a, b, _c = fair["booths"]
    sa, sb, _sc = fair["sellers"]
    client.force_login(seller_account(sa, "chu-ea-tu"))
    response = client.get(reverse("dashboard:booth-numbers", kwargs={"pk": a.pk}))
    assert response.status_code == 200
    _soup, tables = page_tables(response.content.decode())
    assert tables["totals"][0][1:3] == ["3", "3"]
    assert "booths" not in tables and "halls" not in tables
    response = client.get(
        reverse("dashboard:booth-numbers-export", kwargs={"pk": a.pk, "fmt": "xlsx"})
    )
    book = load_workbook(io.BytesIO(response.content))
    assert list(list(book.worksheets[0].values)[1][1:]) == BOOTHS[0][2]
    # Seller A cannot read B's numbers.
    assert client.get(reverse("dashboard:booth-numbers", kwargs={"pk": b.pk})).status_code == 404
    for fmt in ("csv", "xlsx"):
        url = reverse("dashboard:booth-numbers-export", kwargs={"pk": b.pk, "fmt": fmt})
        assert client.get(url).status_code == 404


def test_another_provinces_officer_gets_404_and_a_non_officer_403(fair, client):
    expo = fair["expo"]
    urls = [
        reverse("startups:expo-report", kwargs={"pk": expo.pk}),
        reverse("startups:expo-report-export", kwargs={"pk": expo.pk, "fmt": "csv"}),
        reverse("startups:expo-report-export", kwargs={"pk": expo.pk, "fmt": "xlsx"}),
        reverse("startups:expo-draw", kwargs={"pk": expo.pk}),
    ]
    client.force_login(officer_of("01", "canbo-ha-noi"))
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(urls[-1], {"seed": "x"}).status_code == 404
    client.force_login(seller_account(fair["sellers"][0], "chu-ea-tu"))
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page


def test_links_out_of_a_booth_are_404_unless_featured_there(fair):
    expo = fair["expo"]
    a, _b, c = fair["booths"]
    pa = a.products.get()
    link = MarketplaceLink.objects.get()
    v = browser()
    assert (
        v.get(
            reverse(
                "startups:expo-product-go",
                kwargs={"slug": expo.slug, "booth_pk": c.pk, "product_pk": pa.pk},
            )
        ).status_code
        == 404
    )
    assert (
        v.get(
            reverse(
                "startups:expo-market-go",
                kwargs={"slug": expo.slug, "booth_pk": c.pk, "link_pk": link.pk},
            )
        ).status_code
        == 404
    )
    assert (
        v.get(
            reverse(
                "startups:expo-product-go",
                kwargs={"slug": "khong-co", "booth_pk": a.pk, "product_pk": pa.pk},
            )
        ).status_code
        == 404
    )


def _queries(expo):
    with CaptureQueriesContext(connection) as captured:
        expo_figures(expo)
    return len(captured)


def test_the_reports_queries_do_not_grow_with_booths_and_days(reference_data):
    union_units_load()
    now = timezone.now()
    counts = []
    for n_booths, n_days in ((2, 2), (6, 5)):
        expo = expo_create(
            phase="live",
            applications_close_at=now - datetime.timedelta(days=n_days + 1),
            opens_at=now - datetime.timedelta(days=n_days - 1, hours=1),
            closes_at=now + datetime.timedelta(days=1),
        )
        booths = [booth_create(expo=expo) for _ in range(n_booths)]
        for booth in booths:
            Lead.objects.create(
                startup=booth.startup,
                booth=booth,
                source="booth",
                role="buyer",
                message="m",
                name="n",
                email="n@example.com",
                fingerprint="f",
            )
            for day in range(n_days):
                with clock(now - datetime.timedelta(days=day)):
                    beacon(browser(), expo, booth=booth)
        expo_rollup(
            expo=expo, today=timezone.localdate(timezone=VIETNAM) - datetime.timedelta(days=1)
        )
        counts.append(_queries(expo))
    assert counts[0] == counts[1] <= 10
