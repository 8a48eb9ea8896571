"""Delivery explained to the buyer (``shop.shipping.templatetags.delivery``): the admin's rules
on the basket page before the address is known, in Vietnamese and English, and each seller's
parcel with its charge and why at the checkout."""

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create
from tests.shop.checkout.test_views import ADDRESS, add_to_basket

ShippingRule = get_model("shipping", "ShippingRule")
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sellers(site_tree):
    a = SellerFactory(name="HTX Cà phê Ea Tu", code="htx-a")
    b = SellerFactory(name="Mật ong Bản Giốc", code="htx-b")
    return {
        "a": a,
        "b": b,
        "coffee": product_create(seller=a, title="Cà phê Robusta 500g", price=185000),
        "honey": product_create(seller=b, title="Mật ong rừng 1 lít", price=300000),
    }


def test_basket_explains_delivery_before_the_address(client, two_sellers):
    ShippingRule.objects.create(region="central", charge=25000, free_above=500000)
    ShippingRule.objects.create(region="", charge=40000)
    add_to_basket(client, two_sellers["coffee"])
    html = client.get(reverse("basket:summary")).content.decode()
    assert "Phí giao hàng tính theo từng người bán, sau khi bạn nhập địa chỉ" in html
    assert (
        "Miền Trung: 25.000\u00a0₫ mỗi kiện, miễn phí khi tiền hàng trong kiện từ 500.000\u00a0₫"
    ) in html
    assert "Các vùng khác: 40.000\u00a0₫ mỗi kiện" in html


def test_basket_explains_delivery_in_english(client, two_sellers):
    ShippingRule.objects.create(region="north", charge=35000)
    client.post(
        "/en" + reverse("basket:add", kwargs={"pk": two_sellers["coffee"].pk}), {"quantity": 1}
    )
    html = client.get("/en/shop/basket/").content.decode()
    assert "Delivery is charged per seller, once you enter your address" in html
    assert "the North: ₫35,000 per parcel" in html


def test_checkout_shows_each_parcels_charge_and_why(client, two_sellers):
    # Đắk Lắk is central: 25.000 ₫ a parcel, free from 500.000 ₫ of goods in the parcel.
    ShippingRule.objects.create(region="central", charge=25000, free_above=500000)
    add_to_basket(client, two_sellers["coffee"], 2)  # 370.000 ₫: pays
    add_to_basket(client, two_sellers["honey"], 2)  # 600.000 ₫: free
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    html = re.sub(r"[ \t\n]+", " ", client.get(reverse("checkout:preview")).content.decode())
    assert "Phí giao hàng đến Đắk Lắk, theo từng người bán" in html
    assert (
        "<strong>HTX Cà phê Ea Tu</strong>: 25.000\u00a0₫ <span "
        'class="small text-muted">· phí đồng giá cho vùng của bạn, miễn phí khi tiền '
        "hàng từ 500.000\u00a0₫"
    ) in html
    assert (
        '<strong>Mật ong Bản Giốc</strong>: 0\u00a0₫ <span class="small text-muted">'
        "· miễn phí: tiền hàng trong kiện từ 500.000\u00a0₫"
    ) in html
