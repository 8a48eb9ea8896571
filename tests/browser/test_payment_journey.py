"""Issue 4 end to end in a real browser: one order with two sellers paid by VietQR (the QR
codes on the screen are read back by a real QR reader, and a seller confirms the transfer),
and one order with two sellers paid in cash (a seller ships with a tracking number, the
buyer cancels the other parcel and its stock goes back on sale)."""

import os
import re
import shutil
import subprocess

import pytest
from django.core import mail
from oscar.core.loading import get_model
from playwright.sync_api import expect

from shop.payments.vietqr import parse_payload
from tests.browser.steps import guest_gives_address
from tests.catalog.factories import SellerFactory, product_create, seller_user_create

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
ShippingRule = get_model("shipping", "ShippingRule")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-nguoi-ban-2026"


@pytest.fixture
def market(site_tree):
    ShippingRule.objects.create(region="central", charge=25000, free_above=500000)
    coop = SellerFactory(
        name="HTX Cà phê Ea Tu",
        code="htx-ca-phe-ea-tu",
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    honey = SellerFactory(
        name="Mật ong Bản Giốc",
        code="mat-ong-ban-gioc",
        bank_bin="970418",
        bank_account_number="21510000999",
        bank_account_holder="NGUYEN VAN BINH",
    )
    users = {}
    for partner, username in ((coop, "eatu"), (honey, "bangioc")):
        user = seller_user_create(partner=partner, username=username)
        user.set_password(PASSWORD)
        user.save()
        users[partner.code] = user
    return {
        "coop": coop,
        "honey": honey,
        "users": users,
        "coffee": product_create(
            seller=coop, title="Cà phê Robusta Ea Tu 500g", price=185000, stock=10
        ),
        "honey_jar": product_create(
            seller=honey, title="Mật ong rừng Bản Giốc 1 lít", price=320000, stock=5
        ),
    }


def _zbarimg() -> str:
    path = shutil.which("zbarimg") or (
        "/usr/bin/zbarimg" if os.path.exists("/usr/bin/zbarimg") else None
    )
    if path is None:
        reason = "zbarimg not found (apt-get install zbar-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def buy_both(page, market, method_label):
    for product in (market["coffee"], market["honey_jar"]):
        page.goto(product.get_absolute_url())
        page.get_by_role("button", name="Thêm vào giỏ hàng").click()
        expect(page.get_by_test_id("mini-basket")).to_be_visible()
    guest_gives_address(
        page,
        email="mai@example.com",
        name="Nguyễn Thị Mai",
        line1="12 Lê Lợi",
        ward="Phường Buôn Ma Thuột",
        province="Đắk Lắk",
        phone="0912 345 678",
    )
    expect(page.locator("h1")).to_contain_text("Bạn muốn thanh toán thế nào?")
    page.get_by_label(re.compile(method_label)).check()
    page.click("#choose-payment")
    # 185.000 + 25.000 delivery for the coffee parcel; the honey parcel is 320.000, also 25.000.
    expect(page.locator("body")).to_contain_text("555.000\u00a0₫")
    page.click("#place-order")
    expect(page.get_by_test_id("thank-you")).to_be_visible()
    return Order.objects.get()


def seller_page(browser, live_server, username):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    page.goto("/shop/accounts/login/")
    page.fill("#id_login-username", f"{username}@example.com")
    page.fill("#id_login-password", PASSWORD)
    page.locator("button[name=login_submit]").click()
    expect(page.get_by_role("link", name="Tài khoản")).to_be_visible()
    return page


def test_two_sellers_paid_by_vietqr_and_a_seller_confirms(
    phone_page, browser, live_server, market, tmp_path
):
    page = phone_page
    order = buy_both(page, market, "Chuyển khoản ngân hàng")
    parts = {part.partner.code: part for part in order.parts.select_related("partner")}

    # One QR per seller, each read back by a real QR reader from the screen itself.
    codes = page.get_by_test_id("vietqr")
    expect(codes).to_have_count(2)
    zbarimg = _zbarimg()
    seen = {}
    for index in range(2):
        block = codes.nth(index)
        image = block.locator("img.vietqr")
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        shot = tmp_path / f"qr-{index}.png"
        image.screenshot(path=str(shot))
        result = subprocess.run(
            [zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        fields = parse_payload(result.stdout.strip())
        seen[fields["account"]] = fields
        expect(block.get_by_test_id("account")).to_have_text(fields["account"])
    coffee = seen["0071000123456"]
    honey = seen["21510000999"]
    assert (coffee["bin"], coffee["amount"]) == ("970436", 210000)
    assert (honey["bin"], honey["amount"]) == ("970418", 345000)
    assert order.number in coffee["purpose"].replace(" ", "")

    # The coffee cooperative sees the money in its account and confirms it.
    seller = seller_page(browser, live_server, "eatu")
    seller.goto(f"/shop/dashboard/orders/{order.number}/")
    expect(seller.get_by_test_id("order-part")).to_have_count(1)
    expect(seller.locator("body")).not_to_contain_text("Mật ong rừng Bản Giốc")
    seller.get_by_test_id("part-payment-received").click()
    expect(seller.get_by_test_id("part-status")).to_have_text("Chờ người bán xác nhận")
    seller.context.close()

    # The buyer's page: the coffee parcel is paid, the honey parcel still waits for its transfer.
    page.get_by_test_id("order-page-link").click()
    coffee_part = page.locator(
        f'[data-testid=order-part][data-part="{parts["htx-ca-phe-ea-tu"].number}"]'
    )
    honey_part = page.locator(
        f'[data-testid=order-part][data-part="{parts["mat-ong-ban-gioc"].number}"]'
    )
    expect(coffee_part.get_by_test_id("part-status")).to_have_text("Chờ người bán xác nhận")
    expect(coffee_part.get_by_test_id("vietqr")).to_have_count(0)
    expect(honey_part.get_by_test_id("part-status")).to_have_text("Chờ thanh toán")
    expect(honey_part.get_by_test_id("vietqr")).to_have_count(1)


def test_two_sellers_paid_in_cash_one_ships_the_buyer_cancels_the_other(
    phone_page, browser, live_server, market
):
    page = phone_page
    order = buy_both(page, market, "Thanh toán khi nhận hàng")
    parts = {part.partner.code: part for part in order.parts.select_related("partner")}
    expect(page.get_by_test_id("cash-note")).to_have_count(2)
    expect(page.get_by_test_id("order-parts")).to_contain_text("210.000\u00a0₫")
    expect(page.get_by_test_id("order-parts")).to_contain_text("345.000\u00a0₫")

    # The honey producer confirms and ships with Viettel Post.
    seller = seller_page(browser, live_server, "bangioc")
    seller.goto(f"/shop/dashboard/orders/{order.number}/")
    expect(seller.get_by_test_id("part-collect")).to_have_text("345.000\u00a0₫")
    seller.get_by_test_id("part-confirm").click()
    expect(seller.get_by_test_id("part-status")).to_have_text("Đang chuẩn bị hàng")
    seller.fill("input[name=carrier]", "Viettel Post")
    seller.fill("input[name=tracking_number]", "VTP20261122001")
    seller.get_by_test_id("part-ship").click()
    expect(seller.get_by_test_id("part-status")).to_have_text("Đã gửi hàng")
    seller.context.close()

    page.get_by_test_id("order-page-link").click()
    honey_part = page.locator(
        f'[data-testid=order-part][data-part="{parts["mat-ong-ban-gioc"].number}"]'
    )
    coffee_part = page.locator(
        f'[data-testid=order-part][data-part="{parts["htx-ca-phe-ea-tu"].number}"]'
    )
    expect(honey_part.get_by_test_id("tracking")).to_contain_text("VTP20261122001")
    expect(honey_part.get_by_test_id("cancel-part")).to_have_count(0)  # it has left

    page.once("dialog", lambda dialog: dialog.accept())
    coffee_part.get_by_test_id("cancel-part").get_by_role("button").click()
    expect(coffee_part.get_by_test_id("part-status")).to_have_text("Đã hủy")
    stock = StockRecord.objects.get(product=market["coffee"])
    assert (stock.num_in_stock, stock.num_allocated) == (10, 0)
    honey_stock = StockRecord.objects.get(product=market["honey_jar"])
    assert (honey_stock.num_in_stock, honey_stock.num_allocated) == (4, 0)
    # The buyer was e-mailed at each change: shipped (with the tracking number) and cancelled.
    bodies = [m.body for m in mail.outbox if m.to == ["mai@example.com"]]
    assert any("VTP20261122001" in body for body in bodies)
    assert (
        sum(
            parts["htx-ca-phe-ea-tu"].code in m.subject + m.body
            for m in mail.outbox
            if "hủy" in m.subject.lower()
        )
        == 1
    )
