"""Issue 3 end to end in a real browser: a producer applies to sell, a union officer approves,
the seller adds a product with a Lazada link and imports ten more from a file, the officer
approves them, a buyer finds and orders one, and a click on "Also on Lazada" is counted."""

import re

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model
from playwright.sync_api import expect

from startups.models import Officer, UnionUnit
from startups.services.union import union_units_load
from tests.browser import steps
from tests.browser.steps import guest_gives_address

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A desktop Chrome user agent: the click counter leaves out headless browsers as bots.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)
PASSWORD = "mat-khau-manh-2026"
LAZADA = "https://www.lazada.vn/products/ca-phe-robusta-ea-tu-i123456-s789.html"


def csv_of_ten_products() -> bytes:
    header = (
        "Mã SKU,Tên sản phẩm,Mô tả,Nhóm OCOP,Tỉnh/thành phố xuất xứ,Nơi sản xuất,Giá (VND),"
        "Tồn kho,Số sao OCOP,Số giấy chứng nhận,Cơ quan cấp,Số quyết định,Ngày quyết định,"
        "Hiệu lực từ,Hiệu lực đến"
    )
    rows = [header]
    for i in range(1, 11):
        rows.append(
            f"ETU-{i:03d},Tiêu đen Ea Tu loại {i} 250g,Tiêu hạt phơi nắng,1.7,Đắk Lắk,"
            f"Xã Ea Tu,{60000 + i * 1000},{20 + i},,,,,,,"
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


def login(page, email):
    steps.login(page, email, PASSWORD)


def test_from_application_to_a_counted_marketplace_click(browser, live_server, site_tree):
    union_units_load()
    User = get_user_model()
    User.objects.create_user("an", "an@example.com", PASSWORD)
    officer_user = User.objects.create_user("canbo", "canbo@example.com", PASSWORD)
    Officer.objects.create(
        user=officer_user, unit=UnionUnit.objects.get(province__code="66", level="province")
    )

    def new_page():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale="vi-VN",
            base_url=live_server.url,
            user_agent=USER_AGENT,
        )
        context.set_default_timeout(15000)
        context.route(
            re.compile(r"https://([a-z]+\.)?lazada\.vn/.*"),
            lambda route: route.fulfill(status=200, body="Lazada", content_type="text/html"),
        )
        return context.new_page()

    # 1. The producer applies to sell.
    seller = new_page()
    login(seller, "an@example.com")
    seller.get_by_role("link", name="Đăng ký bán hàng").first.click()
    seller.check("input[name=kind][value=cooperative]")
    seller.fill("#id_display_name", "HTX Cà phê Ea Tu")
    seller.fill("#id_legal_name", "Hợp tác xã Nông nghiệp Ea Tu")
    seller.select_option("#id_province", label="Đắk Lắk")
    seller.fill("#id_commune", "Xã Ea Tu")
    seller.fill("#id_phone", "0912 345 678")
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    seller.select_option("#id_union_unit", str(daklak.pk))
    seller.select_option("#id_bank_bin", "970436")
    seller.fill("#id_bank_account_number", "0123456789")
    seller.fill("#id_bank_account_holder", "Nguyễn Văn An")
    seller.get_by_role("button", name="Gửi đơn đăng ký").click()
    expect(seller.get_by_test_id("application-status")).to_have_text("Đang chờ duyệt")

    # 2. The officer approves.
    officer = new_page()
    login(officer, "canbo@example.com")
    officer.get_by_role("link", name="Duyệt hồ sơ").click()
    officer.get_by_role("link", name="HTX Cà phê Ea Tu").click()
    officer.click("#approve")
    expect(officer.get_by_test_id("application-status")).to_have_text("Đã duyệt")

    # 3. The seller adds a product with a Lazada link, and submits it for review.
    seller.goto("/shop/dashboard/catalogue/products/create/san-pham/")
    seller.fill("#id_title", "Cà phê Robusta Ea Tu 500g")
    seller.select_option("#id_origin_province", label="Đắk Lắk")
    seller.click("a[href='#product_category']")
    coffee = get_model("catalogue", "Category").objects.get(ocop_code="1.9")
    seller.select_option("select[name=productcategory_set-0-category]", str(coffee.pk), force=True)
    seller.click("a[href='#product_stock']")
    seller.fill("input[name=stockrecords-0-partner_sku]", "ETU-CF-500")
    seller.fill("input[name=stockrecords-0-num_in_stock]", "40")
    seller.fill("input[name=stockrecords-0-price]", "185000")
    seller.click("a[href='#product_marketplaces']")
    seller.select_option("select[name=marketplace_links-0-marketplace]", "lazada")
    seller.fill("input[name=marketplace_links-0-url]", LAZADA)
    seller.locator("button[name=action][value=continue]").click()
    expect(seller.get_by_test_id("moderation-status")).to_contain_text("Bản nháp")
    seller.click("#submit-for-review")
    expect(seller.get_by_test_id("moderation-status")).to_contain_text("Đang chờ duyệt")

    # 4. ... and imports ten more from a file.
    seller.goto("/shop/dashboard/catalogue/import/")
    seller.set_input_files(
        "input[type=file]",
        files=[{"name": "san-pham.csv", "mimeType": "text/csv", "buffer": csv_of_ten_products()}],
    )
    seller.locator("#product_import_form button[type=submit]").click()
    expect(seller.locator("body")).to_contain_text("10")
    assert Product.objects.filter(moderation_status="submitted").count() == 11

    # 5. The officer approves them from the review queue.
    officer.goto("/union/products/")
    for _ in range(11):
        officer.get_by_test_id("product-queue").get_by_role("link").first.click()
        officer.click("#approve-product")
        expect(officer.locator(".alert-success").first).to_be_visible()
    assert Product.objects.filter(moderation_status="approved").count() == 11

    # 6. A buyer finds the product, sees "Also on Lazada", and orders it.
    buyer = new_page()
    buyer.goto("/")
    buyer.fill(".site-search input[name=q]", "Robusta Ea Tu")
    buyer.locator(".site-search button").click()
    buyer.get_by_role("link", name="Cà phê Robusta Ea Tu 500g").first.click()
    with buyer.context.expect_page() as popup:
        buyer.get_by_role("link", name=re.compile("Có bán trên Lazada")).click()
    expect(popup.value.locator("body")).to_have_text("Lazada")
    assert MarketplaceClick.objects.count() == 1

    buyer.get_by_role("button", name="Thêm vào giỏ hàng").click()
    guest_gives_address(
        buyer,
        email="mua@example.com",
        name="Lê Thị Hoa",
        line1="3 Hùng Vương",
        ward="Phường Hải Châu",
        province="Đà Nẵng",
        phone="0987 654 321",
    )
    buyer.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()
    buyer.click("#choose-payment")
    buyer.click("#place-order")
    order = Order.objects.get()
    expect(buyer.locator("body")).to_contain_text(str(order.number))
    assert order.lines.get().partner.name == "HTX Cà phê Ea Tu"

    # The seller sees the click and the order line of its own product.
    seller.goto("/shop/dashboard/marketplace-clicks/")
    expect(seller.get_by_test_id("clicks-total").first).to_have_text("1")
    seller.goto(f"/shop/dashboard/orders/{order.number}/")
    expect(seller.get_by_test_id("seller-order-lines")).to_contain_text("Cà phê Robusta Ea Tu")
