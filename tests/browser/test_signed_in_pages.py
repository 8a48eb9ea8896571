"""Two signed-in buyers on phones share the cached product page (core.pagecache) and each
sees their own basket and account links: the one who filled a basket sees its total, the other
an empty basket, and logs out from the header of a page the first one's visit made."""

import pytest
from playwright.sync_api import expect

from tests.browser.steps import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "mat-khau-mua-hang-2026"


@pytest.fixture
def buyers(django_user_model):
    for name in ("lan", "minh"):
        django_user_model.objects.create_user(name, f"{name}@example.com", PASSWORD)


@pytest.fixture
def second_phone(browser, live_server):
    """Another visitor's phone: cookies of its own."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", base_url=live_server.url
    )
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


def test_signed_in_buyers_share_a_cached_page_with_their_own_basket(
    phone_page, second_phone, site_tree, product, buyers
):
    lan, minh = phone_page, second_phone
    url = product.get_absolute_url()
    login(lan, "lan@example.com", PASSWORD)
    lan.goto(url)  # stores the page for signed-in visitors
    lan.fill("#id_quantity", "2")
    lan.get_by_role("button", name="Thêm vào giỏ hàng").click()
    expect(lan.get_by_test_id("mini-basket")).to_contain_text("370.000\u00a0₫")

    login(minh, "minh@example.com", PASSWORD)
    response = minh.goto(url)
    assert response.headers.get("x-page-cache") == "hit"  # the page Lan's visit made
    expect(minh.get_by_test_id("price")).to_have_text("185.000\u00a0₫")
    expect(minh.get_by_test_id("mini-basket")).to_contain_text("0")
    expect(minh.get_by_test_id("mini-basket")).not_to_contain_text("370.000")

    response = lan.goto(url)
    assert response.headers.get("x-page-cache") == "hit"
    expect(lan.get_by_test_id("mini-basket")).to_contain_text("370.000\u00a0₫")

    # Minh's own log-out form (with Minh's token) on the shared page works.
    minh.get_by_role("button", name="Đăng xuất").click()
    expect(minh.get_by_role("link", name="Đăng nhập hoặc đăng ký")).to_be_visible()
    lan.reload()
    expect(lan.get_by_role("link", name="Tài khoản")).to_be_visible()
    expect(lan.get_by_test_id("mini-basket")).to_contain_text("370.000\u00a0₫")
