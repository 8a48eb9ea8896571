"""D1-D3: a seller works in the dashboard on its own products and order lines only. Seller A
walks the dashboard against seller B's objects: every URL answers 404 (or 403) and B's rows
stay unchanged."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sellers(site_tree):
    a = SellerFactory(name="HTX A", code="htx-a")
    b = SellerFactory(name="HTX B", code="htx-b")
    user_a = seller_user_create(partner=a, username="nguoi-ban-a")
    product_a = product_create(seller=a, title="Cà phê của A", price=100000)
    product_b = product_create(seller=b, title="Mật ong của B", price=200000)
    order = order_create(product_a, product_b)
    return {
        "a": a,
        "b": b,
        "user_a": user_a,
        "product_a": product_a,
        "product_b": product_b,
        "order": order,
    }


def test_seller_sees_only_own_products(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    html = client.get(reverse("dashboard:catalogue-product-list")).content.decode()
    assert "Cà phê của A" in html and "Mật ong của B" not in html
    html = client.get(
        reverse("dashboard:catalogue-product-list"), {"title": "Mật ong"}
    ).content.decode()
    assert "Mật ong của B" not in html


def test_other_sellers_product_urls_are_404_and_change_nothing(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    b = two_sellers["product_b"]
    for name, kwargs in [
        ("dashboard:catalogue-product", {"pk": b.pk}),
        ("dashboard:catalogue-product-delete", {"pk": b.pk}),
        ("dashboard:catalogue-product-create-child", {"parent_pk": b.pk}),
    ]:
        url = reverse(name, kwargs=kwargs)
        assert client.get(url).status_code in (403, 404), url
        assert client.post(url, {"title": "Bị sửa", "structure": "standalone"}).status_code in (
            403,
            404,
        ), url
    assert client.post(reverse("dashboard:product-submit", kwargs={"pk": b.pk})).status_code == 404
    b.refresh_from_db()
    assert b.title == "Mật ong của B" and Product.objects.filter(pk=b.pk).exists()
    assert StockRecord.objects.get(product=b).price == 200000


def test_order_shows_only_own_lines_and_own_total(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    order = two_sellers["order"]
    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert str(order.number) in listing and "100.000\u00a0₫" in listing
    assert "300.000\u00a0₫" not in listing  # the whole order's total is not A's business
    detail = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    html = detail.content.decode()
    assert "Cà phê của A" in html and "Mật ong của B" not in html
    assert "100.000\u00a0₫" in html and "300.000\u00a0₫" not in html
    line_b = order.lines.get(partner=two_sellers["b"])
    url = reverse(
        "dashboard:order-line-detail", kwargs={"number": order.number, "line_id": line_b.pk}
    )
    assert client.get(url).status_code == 404


def test_seller_cannot_change_other_sellers_lines_or_the_order(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    order = two_sellers["order"]
    line_b = order.lines.get(partner=two_sellers["b"])
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})
    client.post(
        url,
        {
            "line_action": "change_line_statuses",
            "selected_line": [line_b.pk],
            f"selected_line_qty_{line_b.pk}": "1",
            "new_status": "Cancelled",
        },
    )
    client.post(url, {"order_action": "change_order_status", "new_status": "Cancelled"})
    line_b.refresh_from_db()
    order.refresh_from_db()
    assert line_b.status != "Cancelled" and order.status != "Cancelled"


def test_per_seller_totals_add_up_to_the_order_total(client, two_sellers):
    order = two_sellers["order"]
    totals = []
    for partner, username in ((two_sellers["a"], None), (two_sellers["b"], "nguoi-ban-b")):
        user = (
            two_sellers["user_a"]
            if username is None
            else seller_user_create(partner=partner, username=username)
        )
        client.force_login(user)
        response = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
        totals.append(response.context["seller_subtotal"])
    assert sum(totals) == order.basket_total_incl_tax


def test_staff_only_pages_are_closed_to_sellers(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    for url in [
        "/shop/dashboard/partners/",
        "/shop/dashboard/users/",
        "/shop/dashboard/catalogue/categories/",
        "/shop/dashboard/reports/",
        "/union/applications/",
        "/django-admin/",
        "/cms-admin/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "login" in response.url, url


def test_new_product_by_a_seller_is_a_draft_until_approved(client, two_sellers):
    from catalog.services.moderation import product_approve

    client.force_login(two_sellers["user_a"])
    product = product_create(seller=two_sellers["a"], title="Sản phẩm mới của A")
    Product.objects.filter(pk=product.pk).update(moderation_status="draft")
    assert client.get(product.get_absolute_url()).status_code == 404
    client.post(reverse("dashboard:product-submit", kwargs={"pk": product.pk}))
    product.refresh_from_db()
    assert product.moderation_status == "submitted"
    assert client.get(product.get_absolute_url()).status_code == 404
    product_approve(product_id=product.pk)
    assert client.get(product.get_absolute_url()).status_code == 200


def test_dashboard_front_page_counts_only_own_sales(client, two_sellers):
    client.force_login(two_sellers["user_a"])
    html = client.get(reverse("dashboard:index")).content.decode()
    assert "HTX A" in html
    assert "100.000\u00a0₫" in html and "300.000\u00a0₫" not in html
    assert "200.000\u00a0₫" not in html
