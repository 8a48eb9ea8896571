"""The officer's home and the unit report as pages and files: every figure of the known tree
(``tests/startups/union_world.py``) on the page, in the XLSX and in the PDF; who sees which
unit; hostile query strings."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from pypdf import PdfReader

from startups.selectors.union_report import period_of, unit_report
from startups.union_reports import LABELS, display, report_sections
from tests.startups.union_world import EXPECTED, build_world

pytestmark = pytest.mark.django_db
LAST_MONTH = {"period": "last_month"}


@pytest.fixture
def world(reference_data):
    return build_world()


def _client(client, world, role):
    client.force_login(world.users[role])
    return client


def _page(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def _row(soup, metric) -> list[str]:
    row = soup.select_one(f'tr[data-metric="{metric}"]')
    assert row is not None, metric
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def test_every_figure_of_the_report_page(client, world):
    soup = _page(_client(client, world, "p1").get(reverse("startups:union-report"), LAST_MONTH))
    for metric, value in EXPECTED["p1"].items():
        assert _row(soup, metric)[1] == display(value), metric
    for metric, value in EXPECTED["p1_previous"].items():
        assert _row(soup, metric)[2] == display(value), metric
    assert _row(soup, "products_public")[2] == "—"  # counted today
    assert _row(soup, "cashless")[1] == display(EXPECTED["p1_cashless"])
    provinces = [
        [c.get_text(strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.select('[data-testid="section-provinces"] tbody tr')
    ]
    assert provinces == [[n, display(o), display(r)] for n, o, r in EXPECTED["p1_provinces"]]
    units = {a.get_text(strip=True): a["href"] for a in soup.select('[data-testid="unit-link"]')}
    assert set(units) == {world.g1a.name, world.g1b.name}
    assert units[world.g1a.name].startswith(
        reverse("startups:union-report-unit", args=[world.g1a.pk])
    )
    own = soup.select('[data-testid="section-units"] tbody tr')[-1]
    assert world.p1.name in own.get_text() and not own.select("a")
    summary = soup.select_one('[data-testid="summary-orders"]').get_text(strip=True)
    assert summary == display(EXPECTED["p1"]["orders"])
    # a chart per trend and breakdown, each with its numbers as a table
    assert len(soup.select('[data-testid="chart"]')) >= 9


def test_drilling_into_a_grassroots_unit(client, world):
    url = reverse("startups:union-report-unit", args=[world.g1a.pk])
    soup = _page(_client(client, world, "p1").get(url, LAST_MONTH))
    assert _row(soup, "orders")[1] == display(EXPECTED["g1a"]["orders"])
    assert _row(soup, "revenue")[1] == display(EXPECTED["g1a"]["revenue"])
    trail = soup.select_one('[data-testid="unit-trail"]').get_text(" ", strip=True)
    assert world.p1.name in trail and world.g1a.name in trail
    assert not soup.select('[data-testid="section-units"]')  # nothing below a grassroots unit


def test_the_xlsx_holds_every_figure_as_numbers_with_vietnamese_headers(client, world):
    c = _client(client, world, "p1")
    response = c.get(reverse("startups:union-report-export", args=["xlsx"]), LAST_MONTH)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    with translation.override("vi"):
        sections = report_sections(unit_report(world.p1, period_of("last_month")))
    assert book.sheetnames[1:] == [s.title[:31] for s in sections]
    with translation.override("vi"):
        cover = _("Report")
    assert book.sheetnames[0] == cover and book[cover]["B2"].value == world.p1.name
    values = {}
    for section in sections:
        sheet = book[section.title[:31]]
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == section.headers
        for metric, row in zip(section.metrics or [], rows[1:], strict=False):
            values[metric] = row
    for metric, value in EXPECTED["p1"].items():
        assert values[metric][1] == value, metric
        assert isinstance(values[metric][1], int), metric
    for metric, value in EXPECTED["p1_previous"].items():
        assert values[metric][2] == value, metric
    assert values["cashless"][1] == EXPECTED["p1_cashless"]
    provinces = list(book[sections[5].title[:31]].iter_rows(values_only=True))[1:]
    assert [tuple(r) for r in provinces] == [(n, o, int(r)) for n, o, r in EXPECTED["p1_provinces"]]
    units = {r[0]: r for r in list(book[sections[6].title[:31]].iter_rows(values_only=True))[1:]}
    orders_column = sections[6].headers.index(sections[4].rows[0][0])
    assert units[world.g1a.name][orders_column] == EXPECTED["g1a"]["orders"]


def _pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\xa0", " ")


def test_the_pdf_names_the_unit_the_period_and_the_figures(client, world):
    c = _client(client, world, "p1")
    response = c.get(reverse("startups:union-report-export", args=["pdf"]), LAST_MONTH)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    period = period_of("last_month")
    with translation.override("vi"):
        heading, issued = _("Youth union report"), _("Issued on")
        start = date_format(period.start, "SHORT_DATE_FORMAT")
    assert heading in text and world.p1.name in text
    assert start in text and issued in text
    for figure in ("revenue", "orders", "expo_visitors", "sellers_approved"):
        with translation.override("vi"):
            label = str(LABELS[figure])
        value = display(EXPECTED["p1"][figure]).replace("\xa0", " ")
        assert f"{label}\n{value}\n" in text, figure  # the row's label, then this period's
    assert world.g1a.name in text


def test_the_pdf_in_english(client, world):
    c = _client(client, world, "p1")
    with translation.override("en"):
        url = reverse("startups:union-report-export", args=["pdf"])
    assert url.startswith("/en/")
    text = _pdf_text(c.get(url, LAST_MONTH).content)
    assert "Youth union report" in text and "Issued on" in text


def test_another_provinces_report_is_not_found(client, world):
    c = _client(client, world, "p2")
    for name, args in (
        ("startups:union-report-unit", [world.p1.pk]),
        ("startups:union-report-unit", [world.g1a.pk]),
        ("startups:union-report-unit-export", [world.g1a.pk, "xlsx"]),
        ("startups:union-report-unit-export", [world.p1.pk, "pdf"]),
    ):
        assert c.get(reverse(name, args=args)).status_code == 404, (name, args)


def test_a_grassroots_officer_cannot_read_its_province(client, world):
    c = _client(client, world, "g1a")
    assert c.get(reverse("startups:union-report-unit", args=[world.p1.pk])).status_code == 404
    assert c.get(reverse("startups:union-report-unit", args=[world.central.pk])).status_code == 404
    soup = _page(c.get(reverse("startups:union-report"), LAST_MONTH))
    assert _row(soup, "orders")[1] == display(EXPECTED["g1a"]["orders"])


def test_the_central_officer_sees_the_nation_and_every_province(client, world):
    soup = _page(
        _client(client, world, "central").get(reverse("startups:union-report"), LAST_MONTH)
    )
    assert _row(soup, "orders")[1] == display(EXPECTED["central"]["orders"])
    links = {a.get_text(strip=True) for a in soup.select('[data-testid="unit-link"]')}
    assert {world.p1.name, world.p2.name} <= links and len(links) == 34
    url = reverse("startups:union-report-unit", args=[world.p2.pk])
    soup = _page(client.get(url, LAST_MONTH))
    assert _row(soup, "revenue")[1] == display(EXPECTED["p2"]["revenue"])


def test_people_who_are_not_officers_are_refused(client, world, django_user_model):
    assert client.get(reverse("startups:union-report")).status_code == 302  # to sign in
    client.force_login(django_user_model.objects.get(username="nguoi-hoi"))
    assert client.get(reverse("startups:union-home")).status_code == 403
    assert client.get(reverse("startups:union-report-export", args=["xlsx"])).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        {"period": "fortnight"},
        {"period": "custom", "start": "2026-02-30", "end": "x"},
        {"period": "custom", "start": "2026-03-10", "end": "2026-03-01"},
        {"period": "custom", "start": "1900-01-01", "end": "1900-02-01"},
        {"period": "custom", "start": "2001-01-01", "end": "2025-01-01"},
        {"period": "custom"},
        {"start": "2026-03-01"},
        {"period": ["this_year", "last_year"], "start": "'; DROP TABLE x;--"},
        {"period": "x" * 5000},
    ],
)
def test_bad_query_strings_say_why_and_show_this_month(client, world, query):
    c = _client(client, world, "p1")
    response = c.get(reverse("startups:union-report"), query)
    soup = _page(response)
    alerts = soup.select(".alert")
    assert alerts, "a message says why"
    assert _("This month") in soup.select_one('[data-testid="period"]').get_text()
    export = c.get(reverse("startups:union-report-export", args=["xlsx"]), query)
    assert export.status_code == 200


def test_a_huge_or_unknown_unit_or_format_is_not_found(client, world):
    c = _client(client, world, "central")
    assert c.get("/union/report/99999999999999999999/").status_code == 404
    assert c.get(reverse("startups:union-report-export", args=["docx"])).status_code == 404


def test_the_home_shows_the_work_waiting_with_links(client, world):
    soup = _page(_client(client, world, "p1").get(reverse("startups:union-home")))
    for key, count in EXPECTED["p1_work"].items():
        item = soup.select_one(f'[data-testid="work-{key}"]')
        assert item.select_one(f'[data-testid="work-{key}-count"]').get_text() == str(count)
        assert item.select_one("a")["href"]
    assert soup.select_one('[data-testid="summary"]')
    assert soup.select_one('[data-testid="open-last-month"]')["href"].endswith("period=last_month")


def test_the_pdf_gives_every_number_the_room_it_needs():
    """A national year's revenue (4,581,213,000 đồng) in a dozen-column units table fits
    its column instead of running into the next one."""
    from reportlab.pdfbase import pdfmetrics

    from startups.union_reports import _fonts, _widths

    font = _fonts().regular
    row = ["Trung ương Đoàn TNCS Hồ Chí Minh", *["0"] * 8, "28.924", "4.581.213.000\xa0₫", "0 %"]
    width = 760.0
    widths = _widths([["header"] * len(row), row], width, font)
    assert abs(sum(widths) - width) < 0.01
    for text, column in zip(row[1:], widths[1:], strict=True):
        assert pdfmetrics.stringWidth(text, font, 8) + 12 <= column, text
    assert widths[0] >= 0.12 * width
