"""Issue 16 end to end: a seller signs in on a phone, opens its seller centre, sees the order
waiting for its confirmation and last week's sales, switches to 30 days, downloads the
workbook (opened here with openpyxl) and sees nothing of another seller; the centre passes
axe-core with no serious or critical violation."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser import steps
from tests.browser.test_accessibility import (
    BLOCKING,
    axe_js,  # noqa: F401  (the fixture)
)
from tests.startups.seller_centre_world import PASSWORD, seller_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _centre_violations(page, axe) -> list[str]:
    """axe-core on the seller centre's own content (Oscar's dashboard frame is not ours)."""
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """async () => {
            const r = await axe.run({include: [['.sc']]}, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }"""
    )
    return [f"{v['impact']} {v['id']}: {v['nodes'][:3]}" for v in result if v["impact"] in BLOCKING]


def test_a_seller_opens_its_centre_sees_its_work_and_sales_and_downloads_them(
    browser,
    live_server,
    site_tree,
    axe_js,  # noqa: F811
):
    a = seller_world()
    b = seller_world(name="HTX Mật ong Bắc Kạn", username="nguoi-ban-b", prefix="B")
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="vi-VN",
        base_url=live_server.url,
        accept_downloads=True,
        bypass_csp=True,  # axe is injected as an inline script
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    steps.login(page, a["user"].email, PASSWORD)

    page.goto("/shop/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kênh người bán")
    # what to do now: the cash order waiting for confirmation, with its link
    to_confirm = page.get_by_test_id("task-parts_to_confirm")
    expect(to_confirm).to_contain_text("Đơn chờ xác nhận")
    expect(to_confirm.get_by_test_id("task-count")).to_have_text("2")
    part = a["orders"]["to_confirm"].parts.get(partner=a["seller"])
    waiting = page.get_by_test_id("waiting-parts_to_confirm")
    expect(waiting.get_by_role("link", name=f"Đơn {part.code}")).to_be_visible()

    # last week's sales: 2 × 120.000 (cash) + 250.000 and 120.000 (transfers); the cancelled
    # order and the one of ten days ago are not in
    expect(page.get_by_test_id("period-label")).to_contain_text("7 ngày qua")
    revenue = page.get_by_test_id("figure-revenue")
    expect(revenue).to_contain_text(re.compile(r"610\.000\s₫"))
    expect(page.get_by_test_id("figure-orders")).to_contain_text("3")
    expect(page.get_by_test_id("chart-revenue").locator("svg")).to_be_visible()
    problems = _centre_violations(page, axe_js)
    assert not problems, "\n".join(problems)

    # nothing of the other seller
    html = page.content()
    for text in (b["seller"].name, b["tea"].title, b["honey"].title, b["booth"].expo.title):
        assert text not in html

    # 30 days: the order of ten days ago comes in (3 × 60.000)
    page.select_option("#id_period", "30d")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("figure-revenue")).to_contain_text(re.compile(r"790\.000\s₫"))

    # the workbook of the same period
    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    overview = workbook.worksheets[1]
    assert overview.title == "Tổng quan"
    assert [c.value for c in overview[1]][0] == "Chỉ số"
    assert overview["B2"].value == 790000  # revenue, as a number
    text = repr([[c.value for c in row] for sheet in workbook for row in sheet.iter_rows()])
    assert b["seller"].name not in text and b["tea"].title not in text
    context.close()
