"""Every page a visitor or the admin reaches from the navigation renders (no 500), in both
languages."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/shop/catalogue/",
    "/shop/search/?q=c%C3%A0+ph%C3%AA",
    "/shop/search/?q=",
    "/shop/basket/",
    "/shop/accounts/login/",
    "/shop/offers/",
    "/shop/checkout/",
    "/shop/catalogue/?sort_by=price_asc",
    "/shop/catalogue/?sort_by=khong-hop-le",
    "/shop/search/?q=" + "x" * 500,
]
STAFF = [
    "/shop/dashboard/",
    "/shop/dashboard/catalogue/",
    "/shop/dashboard/orders/",
    "/shop/dashboard/partners/",
    "/cms-admin/",
    "/cms-admin/pages/",
    "/django-admin/",
    "/shop/accounts/",
    "/shop/accounts/orders/",
]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_render(client, site_tree, product, seller, prefix):
    for url in PUBLIC + [product.get_absolute_url(), seller.get_absolute_url()]:
        response = client.get(prefix + url)
        assert response.status_code in (200, 302), url


def test_staff_pages_render(admin_client, site_tree, product):
    for url in STAFF + [reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})]:
        response = admin_client.get(url)
        assert response.status_code in (200, 302), url


def test_registration_and_login_pages(client, site_tree):
    html = client.get("/shop/accounts/login/").content.decode()
    assert "Đăng nhập" in html and "Đăng ký" in html
