"""Issue 16, what a seller sees: the seller centre (the dashboard's home for a seller). Every
figure on the page and in the workbook equals the raw records; another seller's figures never
show, whatever the address says; a period that cannot be read is said so; the page's queries
do not grow with days, products or orders."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext
from openpyxl import load_workbook
from oscar.core.loading import get_model

from core.charts import format_value
from startups.selectors.seller_centre import VIETNAM, period_of, seller_centre, seller_scope
from tests.catalog.factories import product_create
from tests.shop.factories import order_create
from tests.startups.seller_centre_world import (
    expected_low_stock,
    expected_sales,
    placed_days_ago,
    seller_world,
)

OrderPart = get_model("order", "OrderPart")
pytestmark = pytest.mark.django_db
URL = "/shop/dashboard/"


@pytest.fixture
def world(reference_data):
    a = seller_world()
    b = seller_world(name="HTX Mật ong Bắc Kạn", username="nguoi-ban-b", prefix="B")
    return {"a": a, "b": b}


def _since(days: int) -> datetime.datetime:
    today = timezone.localdate(timezone=VIETNAM)
    start = today - datetime.timedelta(days=days - 1)
    return datetime.datetime.combine(start, datetime.time(), VIETNAM)


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def _figure(soup, key) -> str:
    return soup.select_one(f"[data-testid=figure-{key}] .sc-figure__value").get_text(strip=True)


def _task(soup, key) -> int:
    return int(soup.select_one(f"[data-testid=task-{key}] [data-testid=task-count]").get_text())


def _money(value) -> str:
    return format_value(value, money=True).replace("\xa0", "")


def _table(soup, key) -> dict:
    rows = {}
    for tr in soup.select(f"[data-testid=section-{key}] tbody tr"):
        cells = [c.get_text(strip=True).replace("\xa0", "") for c in tr.find_all(["th", "td"])]
        rows[cells[0]] = cells[1:]
    return rows


def _xlsx(client, user, **params) -> dict:
    client.force_login(user)
    response = client.get(URL, {**params, "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook
    }


def test_the_seller_sees_what_to_do_with_counts_and_links(client, world):
    a = world["a"]
    soup = _page(client, a["user"])
    assert soup.select_one("[data-testid=seller-name]").get_text().startswith(a["seller"].name)
    parts = OrderPart.objects.filter(partner=a["seller"])
    # cash orders wait for the seller at once: this week's and the one of ten days ago
    assert _task(soup, "parts_to_confirm") == parts.filter(status="placed").count() == 2
    assert (
        _task(soup, "transfers_to_confirm")
        == parts.filter(status="awaiting_payment", payment_method="vietqr").count()
        == 1
    )
    assert _task(soup, "parcels_to_ship") == parts.filter(status="confirmed").count() == 1
    assert _task(soup, "low_stock") == expected_low_stock(a["seller"]) == 1  # the honey, 3 left
    assert _task(soup, "ocop_lapsing") == 1
    assert _task(soup, "products_sent_back") == 1
    assert _task(soup, "new_leads") == 3  # two from the pitch and page, one at the booth
    assert _task(soup, "pitch_questions") == 1
    assert _task(soup, "booth_questions") == 0
    # the part waiting for confirmation, with a link to the order where it is confirmed
    waiting = soup.select_one("[data-testid=waiting-parts_to_confirm]")
    part = a["orders"]["to_confirm"].parts.get(partner=a["seller"])
    link = waiting.select_one("a[data-testid=waiting-part]")
    assert part.code in link.get_text()
    assert link["href"] == reverse("dashboard:order-detail", kwargs={"number": part.order.number})
    lapsing = soup.select_one("[data-testid=waiting-ocop_lapsing]").get_text()
    assert a["lapsing"].title in lapsing
    sent_back = soup.select_one("[data-testid=waiting-products_sent_back]").get_text()
    assert "Thiếu giấy chứng nhận" in sent_back
    href = soup.select_one("[data-testid=task-parts_to_confirm] a")["href"]
    assert href == reverse("dashboard:order-list")


def test_every_sales_figure_on_the_page_equals_the_raw_records(client, world):
    a = world["a"]
    for period, days in (("7d", 7), ("30d", 30)):
        soup = _page(client, a["user"], period=period)
        raw = expected_sales(a["seller"], since=_since(days))
        assert _figure(soup, "revenue").replace("\xa0", "") == _money(raw["revenue"])
        assert _figure(soup, "orders") == str(raw["orders"])
        assert _figure(soup, "items") == str(raw["items"])
        assert _figure(soup, "cancelled") == str(raw["cancelled"]) == "1"
        # the chart's table of best sellers and the full product table
        products = _table(soup, "products")
        assert {title: cells[-1] for title, cells in products.items()} == {
            title: _money(value) for title, value in raw["by_product"].items()
        }
        chart = soup.select_one("[data-testid=chart-products] table")
        charted = {
            tr.th.get_text(strip=True): tr.td.get_text(strip=True).replace("\xa0", "")
            for tr in chart.select("tbody tr")
        }
        assert charted == {t: _money(v) for t, v in raw["by_product"].items()}
        payments = _table(soup, "payments")
        assert [cells[-1] for cells in payments.values()] == [
            _money(raw["by_payment"][m]) for m in ("cod", "vietqr", "card")
        ]
        revenue_per_day = soup.select("[data-testid=chart-revenue] tbody tr")
        assert len(revenue_per_day) == days
        total = sum(
            Decimal(tr.td.get_text(strip=True).replace("\xa0₫", "").replace(".", ""))
            for tr in revenue_per_day
        )
        assert total == raw["revenue"]
    # 7 days: the cash order of ten days ago is not in, 30 days: it is; cancelled never
    week = expected_sales(a["seller"], since=_since(7))
    month = expected_sales(a["seller"], since=_since(30))
    assert week["revenue"] == 2 * 120000 + 250000 + 120000
    assert month["revenue"] == week["revenue"] + 3 * 60000
    # 7 days: cash 240.000 of the order to confirm, VietQR 250.000 + 120.000; cashless share
    assert week["by_payment"] == {"cod": 240000, "vietqr": 370000, "card": 0}
    soup = _page(client, a["user"])
    assert _figure(soup, "cashless") == "60,7 %"  # 370 / 610


def test_visits_followers_interest_and_booth_figures_equal_the_raw_records(client, world):
    a = world["a"]
    soup = _page(client, a["user"], period="7d")
    assert _figure(soup, "clicks") == "3"  # the click of 40 days ago is not in the week
    assert _table(soup, "clicks_products") == {a["tea"].title: ["3"]}
    assert _figure(soup, "qr") == "6"  # 4 product + 2 startup today; 5 of 20 days ago left out
    assert _table(soup, "qr_products") == {a["tea"].title: ["4"]}
    assert _figure(soup, "followers") == "3"
    assert _figure(soup, "new_followers") == "2"
    assert _figure(soup, "new_interest") == "3"
    assert _figure(soup, "interest") == "4"
    pitches = _table(soup, "pitches")
    assert pitches[a["pitch"].title] == ["1"]
    booths = _table(soup, "booths")
    booth = a["booth"]
    # expo, hall, visitors, booth visits, leads, questions, orders, revenue
    assert booths[booth.expo.title] == [booth.hall.name, "3", "3", "1", "0", "0", "0₫"]
    month = _page(client, a["user"], period="30d")
    assert _figure(month, "qr") == "11" and _figure(month, "clicks") == "3"
    assert _figure(month, "new_interest") == "4"


def test_the_workbook_has_the_same_figures_as_numbers(client, world):
    a = world["a"]
    sheets = _xlsx(client, a["user"], period="30d")
    raw = expected_sales(a["seller"], since=_since(30))
    # a cover, then one sheet per section in the page's order
    cover, overview, tasks, days, products, payments, clicks, clicks_products, qr = list(
        sheets.values()
    )[:9]
    assert cover[1][1] == a["seller"].name
    values = [row[1] for row in overview[1:]]
    # revenue, orders, items, cancelled, cashless %, clicks, QR, followers, new ones, interest
    assert values == [
        int(raw["revenue"]),
        raw["orders"],
        raw["items"],
        raw["cancelled"],
        round(100 * 370000 / (240000 + 370000 + 180000), 1),
        3,
        11,
        3,
        2,
        4,
        4,
    ]
    assert [row[1] for row in tasks[1:]] == [2, 1, 1, 1, 1, 1, 3, 1, 0, 0]
    assert {row[0]: row[3] for row in products[1:]} == {
        t: int(v) for t, v in raw["by_product"].items()
    }
    assert len(days) == 1 + 30 and isinstance(days[1][0], datetime.datetime)
    assert sum(row[3] for row in days[1:]) == int(raw["revenue"])
    assert sum(row[1] for row in days[1:]) == raw["orders"]
    assert [row[2] for row in payments[1:]] == [
        int(raw["by_payment"][m]) for m in ("cod", "vietqr", "card")
    ]
    assert dict((row[0], row[1]) for row in clicks_products[1:]) == {a["tea"].title: 3}
    assert sum(row[1] for row in clicks[1:]) == 3 and sum(row[1] for row in qr[1:]) == 11


def test_another_seller_sees_none_of_the_first_sellers_numbers(client, world):
    a, b = world["a"], world["b"]
    raw_b = expected_sales(b["seller"], since=_since(30))
    for params in (
        {"period": "30d"},
        {"period": "30d", "seller": a["seller"].pk},
        {"period": "30d", "partner": a["seller"].pk, "startup": a["startup"].pk},
    ):
        client.force_login(b["user"])
        html = client.get(URL, params).content.decode()
        for name in (a["seller"].name, a["tea"].title, a["honey"].title, a["pitch"].title):
            assert name not in html
        assert a["booth"].expo.title not in html
        part = a["orders"]["to_confirm"].parts.get(partner=a["seller"])
        assert part.code not in html
        soup = BeautifulSoup(html, "html.parser")
        assert _figure(soup, "revenue").replace("\xa0", "") == _money(raw_b["revenue"])
    sheets = _xlsx(client, b["user"], period="30d", seller=a["seller"].pk)
    text = repr(sheets)
    assert a["seller"].name not in text and a["tea"].title not in text
    overview = list(sheets.values())[1]
    assert overview[1][1] == int(raw_b["revenue"])


@pytest.mark.parametrize(
    "params",
    [
        {"period": "forever"},
        {"period": "custom"},
        {"period": "custom", "start": "2026-13-01", "end": "2026-01-01"},
        {"period": "custom", "start": "10/01/2026", "end": "01/01/2026"},
        {"period": "custom", "start": "1900-01-01", "end": "1900-02-01"},
        {"period": "custom", "start": "2020-01-01", "end": "2022-01-01"},
        {"start": "'; DROP TABLE x; --"},
        {"period": "custom", "start": "2999-01-01", "end": "2999-01-02"},
    ],
)
def test_a_period_that_cannot_be_read_is_said_so_and_the_week_shown(client, world, params):
    a = world["a"]
    client.force_login(a["user"])
    response = client.get(URL, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    alerts = " ".join(el.get_text(" ", strip=True) for el in soup.select(".alert"))
    assert alerts.strip()  # a message says what is wrong
    raw = expected_sales(a["seller"], since=_since(7))
    assert _figure(soup, "revenue").replace("\xa0", "") == _money(raw["revenue"])
    # a download asked for with it gives the page and the message, not a file
    download = client.get(URL, {**params, "export": "xlsx"})
    assert download.status_code == 200 and download["Content-Type"].startswith("text/html")


def test_an_unknown_export_is_404_and_custom_dates_work(client, world):
    a = world["a"]
    client.force_login(a["user"])
    assert client.get(URL, {"export": "pdf"}).status_code == 404
    today = timezone.localdate(timezone=VIETNAM)
    start = today - datetime.timedelta(days=12)
    end = today - datetime.timedelta(days=8)
    soup = _page(client, a["user"], period="custom", start=start.isoformat(), end=end.isoformat())
    # only the cash order of ten days ago: 3 × 60.000
    assert _figure(soup, "revenue").replace("\xa0", "") == _money(Decimal(180000))
    assert len(soup.select("[data-testid=chart-revenue] tbody tr")) == 5
    # day/month/year too
    soup = _page(
        client,
        a["user"],
        period="custom",
        start=start.strftime("%d/%m/%Y"),
        end=end.strftime("%d/%m/%Y"),
    )
    assert _figure(soup, "orders") == "1"


def test_labels_from_sellers_are_escaped(client, world):
    a = world["a"]
    hostile = product_create(seller=a["seller"], title='<img src=x onerror="alert(1)">', price=1000)
    order_create(hostile, payment_method="cod")
    client.force_login(a["user"])
    html = client.get(URL).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_staff_keep_the_staff_dashboard(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("quan-tri", "qt@example.com", "x")
    client.force_login(admin)
    response = client.get(URL)
    assert response.status_code == 200
    assert "oscar/dashboard/index.html" in [t.name for t in response.templates]
    assert 'data-testid="tasks"' not in response.content.decode()


def _queries(client, user, **params) -> int:
    client.force_login(user)
    client.get(URL, params)  # warm the session and the content types
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_more_days_products_and_orders(client, world):
    a = world["a"]
    week = _queries(client, a["user"], period="7d")
    month = _queries(client, a["user"], period="30d")
    year = _queries(
        client,
        a["user"],
        period="custom",
        start=(timezone.localdate() - datetime.timedelta(days=365)).isoformat(),
        end=timezone.localdate().isoformat(),
    )
    a["tea"].stockrecords.update(num_in_stock=1000)
    for n in range(8):
        product = product_create(seller=a["seller"], title=f"Sản phẩm thêm {n}", price=50000 + n)
        for days in (0, 3, 15):
            order = order_create(product, a["tea"], payment_method="cod" if n % 2 else "vietqr")
            placed_days_ago(order, days)
    assert _queries(client, a["user"], period="7d") == week
    assert _queries(client, a["user"], period="30d") == month == week
    assert year == week
    print(f"seller centre: {week} queries")  # shown with -s, for the report
    assert week <= 60


def test_the_selectors_agree_with_the_page(world):
    a = world["a"]
    centre = seller_centre(seller_scope(a["user"]), period_of("7d"))
    raw = expected_sales(a["seller"], since=_since(7))
    assert centre.sales.revenue == raw["revenue"]
    assert centre.sales.orders == raw["orders"]
    assert {p.title: p.revenue for p in centre.sales.products} == raw["by_product"]
    assert centre.scope.ids == [a["seller"].pk]


def test_an_english_page_shows_english_numbers_and_the_workbook_stays_vietnamese(client, world):
    a = world["a"]
    client.force_login(a["user"])
    response = client.get("/en" + URL, {"period": "7d"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert _figure(soup, "revenue") == "₫610,000"
    assert _figure(soup, "cashless") == "60.7 %"
    sheets = _xlsx(client, a["user"], period="7d")
    with translation.override("vi"):
        overview_title = pgettext("seller centre", "Overview")
    assert list(sheets)[1] == overview_title


def test_an_account_that_runs_no_seller_is_told_how_to_start(client, reference_data):
    account = get_user_model().objects.create_user("chua-ban", "chua-ban@example.com", "x")
    account.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    client.force_login(account)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("startups:apply") in html and 'data-testid="tasks"' not in html
