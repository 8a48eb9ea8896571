"""Issue 16 end to end in a real browser: the Đắk Lắk provincial officer opens its desk and
sees the work waiting, opens last month's report, drills into a grassroots unit, downloads
the XLSX and the PDF (each opened and read); the central officer sees both provinces."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from startups.union_reports import display
from tests.browser import steps
from tests.startups.union_world import EXPECTED, PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _signed_in(browser, live_server, user):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        base_url=live_server.url,
        accept_downloads=True,
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    steps.login(page, user.email, PASSWORD)
    return context, page


def _download(page, testid) -> bytes:
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    with open(info.value.path(), "rb") as file:
        return file.read()


def test_a_provincial_officer_reports_its_month(browser, live_server, site_tree):
    world = build_world()
    context, page = _signed_in(browser, live_server, world.users["p1"])

    page.goto("/union/")
    for key, count in EXPECTED["p1_work"].items():
        expect(page.get_by_test_id(f"work-{key}-count")).to_have_text(str(count))
    page.get_by_test_id("work-applications").get_by_role("link").click()
    expect(page.get_by_test_id("application-queue")).to_contain_text("Hộ Anh Tâm")
    page.go_back()

    page.get_by_test_id("open-last-month").click()
    expect(page.get_by_test_id("summary-orders")).to_have_text(display(EXPECTED["p1"]["orders"]))
    expect(page.get_by_test_id("summary-revenue")).to_have_text(display(EXPECTED["p1"]["revenue"]))
    expect(page.locator('tr[data-metric="expo_visitors"] td').first).to_have_text(
        display(EXPECTED["p1"]["expo_visitors"])
    )

    page.get_by_test_id("unit-link").filter(has_text=world.g1a.name).click()
    expect(page.get_by_test_id("unit-trail")).to_contain_text(world.g1a.name)
    expect(page.get_by_test_id("summary-orders")).to_have_text(display(EXPECTED["g1a"]["orders"]))

    book = load_workbook(io.BytesIO(_download(page, "export-xlsx")))
    cover = book.worksheets[0]
    assert cover["B2"].value == world.g1a.name
    orders_sheet = book.worksheets[5]  # sellers, products, startups, expos, orders
    rows = list(orders_sheet.iter_rows(values_only=True))
    assert rows[1][1] == EXPECTED["g1a"]["orders"]  # first row: orders, this period
    assert rows[2][1] == int(EXPECTED["g1a"]["revenue"])

    pdf = PdfReader(io.BytesIO(_download(page, "export-pdf")))
    text = "\n".join(p.extract_text() for p in pdf.pages).replace("\xa0", " ")
    assert world.g1a.name in text
    assert display(EXPECTED["g1a"]["revenue"]).replace("\xa0", " ") in text
    context.close()


def test_the_central_officer_sees_both_provinces(browser, live_server, site_tree):
    world = build_world()
    context, page = _signed_in(browser, live_server, world.users["central"])
    page.goto("/union/report/?period=last_month")
    expect(page.get_by_test_id("summary-orders")).to_have_text(
        display(EXPECTED["central"]["orders"])
    )
    links = page.get_by_test_id("unit-link")
    expect(links.filter(has_text=world.p1.name)).to_have_count(1)
    expect(links.filter(has_text=world.p2.name)).to_have_count(1)
    links.filter(has_text=world.p2.name).click()
    expect(page.get_by_test_id("summary-revenue")).to_have_text(display(EXPECTED["p2"]["revenue"]))
    context.close()
