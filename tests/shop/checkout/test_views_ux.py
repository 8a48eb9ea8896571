"""What a first-time buyer reads in the basket and at checkout: the site's own header and
footer on every step and the thank-you page, and the seller of each basket line. (Delivery
explained before the address is known and per parcel after: tests/shop/shipping.)"""

import pytest
from django.urls import reverse

from tests.catalog.factories import SellerFactory, product_create
from tests.shop.checkout.test_views import ADDRESS, add_to_basket

pytestmark = pytest.mark.django_db

SITE_CHROME = ('class="site-header"', 'class="site-footer"', "site-topbar")


def assert_site_chrome(html):
    for marker in SITE_CHROME:
        assert marker in html, marker


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


def test_checkout_steps_and_thank_you_page_have_the_site_header_and_footer(
    client, site_tree, product, django_capture_on_commit_callbacks
):
    add_to_basket(client, product)
    gateway = client.get(reverse("checkout:index")).content.decode()
    assert_site_chrome(gateway)
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    assert_site_chrome(client.get(reverse("checkout:shipping-address")).content.decode())
    client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
    assert_site_chrome(client.get(reverse("checkout:payment-method"), follow=True).content.decode())
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    preview = client.get(reverse("checkout:preview")).content.decode()
    assert_site_chrome(preview)
    assert 'id="main"' in preview
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    thanks = client.get(response.url).content.decode()
    assert_site_chrome(thanks)
    assert 'data-testid="thank-you"' in thanks


def test_basket_lines_name_their_seller_with_a_link(client, two_sellers):
    add_to_basket(client, two_sellers["coffee"])
    add_to_basket(client, two_sellers["honey"])
    html = client.get(reverse("basket:summary")).content.decode()
    for seller in (two_sellers["a"], two_sellers["b"]):
        assert f'Người bán: <a href="{seller.get_absolute_url()}">{seller.name}</a>' in html
