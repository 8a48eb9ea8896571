"""The whole buyer journey in a real browser, in Vietnamese, on a phone-sized screen:
home -> OCOP group -> product -> basket -> guest checkout with a Vietnamese address ->
cash on delivery -> confirmation page; the e-mail is sent and the order is in the dashboard."""

import re

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from tests.browser.steps import guest_gives_address

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guest_buys_an_ocop_product_with_cash_on_delivery(phone_page, site_tree, product):
    page = phone_page
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Sản phẩm OCOP")
    # The page fits a 360 px phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator(".group-tiles").get_by_role("link", name=re.compile("Thực phẩm")).click()
    expect(page.locator("h1")).to_have_text("Thực phẩm")
    page.get_by_role("link", name="Cà phê Robusta rang mộc Ea Tu 500g").first.click()

    expect(page.get_by_test_id("ocop-badge").first).to_be_visible()
    expect(page.get_by_test_id("price")).to_have_text("185.000\u00a0₫")
    expect(page.get_by_test_id("ocop-certificate")).to_contain_text(product.ocop_certificate_number)
    page.fill("#id_quantity", "2")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(page.get_by_test_id("mini-basket")).to_contain_text("370.000\u00a0₫")

    page.get_by_test_id("mini-basket").click()
    page.get_by_role("link", name=re.compile("Tiến hành thanh toán|Thanh toán", re.I)).first.click()

    page.fill("#id_username", "mai@example.com")
    page.check("input[name=options][value=anonymous]")
    page.locator("form:has(#id_username) button[type=submit]").click()

    page.fill("#id_first_name", "Nguyễn Thị Mai")
    page.fill("#id_line1", "12 Lê Lợi")
    page.fill("#id_line4", "Phường Buôn Ma Thuột")
    page.select_option("#id_state", "Đắk Lắk")
    page.fill("#id_phone_number", "0912 345 678")
    page.locator("form:has(#id_first_name) button[type=submit]").click()

    expect(page.locator("h1")).to_contain_text("Bạn muốn thanh toán thế nào?")
    page.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()
    page.click("#choose-payment")

    expect(page.get_by_test_id("payment-summary")).to_contain_text("Thanh toán khi nhận hàng")
    page.click("#place-order")

    order = Order.objects.get()
    expect(page.locator("body")).to_contain_text(order.number)
    expect(page.locator("body")).to_contain_text("Cảm ơn")
    assert order.total_incl_tax == 370000
    assert order.shipping_address.state == "Đắk Lắk"
    assert StockRecord.objects.get(product=product).num_allocated == 2
    assert [m.to for m in mail.outbox] == [["mai@example.com"]]


def test_bad_phone_number_is_explained_in_vietnamese(phone_page, site_tree, product):
    page = phone_page
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    guest_gives_address(
        page,
        email="an@example.com",
        name="Trần Văn An",
        line1="5 Trần Phú",
        ward="Phường Hải Châu",
        province="Đà Nẵng",
        phone="12345",
    )
    expect(page.locator("body")).to_contain_text("Vui lòng nhập số điện thoại Việt Nam")
    assert Order.objects.count() == 0
