"""Product, category, catalogue and seller pages as a buyer sees them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from search.services import index_rebuild
from tests.catalog.factories import SellerFactory, product_create

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_product_page_shows_what_an_ocop_buyer_looks_for(client, site_tree, product):
    response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in html
    assert f"185.000{NBSP}₫" in html  # Vietnamese price format
    assert 'data-testid="ocop-badge"' in html and "★★★★<" in html
    assert product.ocop_certificate_number in html
    assert "UBND Tỉnh Đắk Lắk" in html
    assert "Thực phẩm" in html and "Cà phê và ca cao" in html  # group and sub-group
    assert "Đắk Lắk" in html
    assert "HTX Cà phê Ea Tu" in html and "/shop/sellers/htx-ca-phe-ea-tu/" in html
    assert "Còn hàng" in html or "có sẵn" in html.lower() or "In stock" in html


def test_product_page_in_english_uses_english_price_format(client, site_tree, product):
    response = client.get("/en" + product.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "₫185,000" in html
    assert "Food" in html and "OCOP certificate" in html


def test_lapsed_certificate_shows_no_stars_but_says_so(client, site_tree, seller):
    today = datetime.date.today()
    product = product_create(
        seller=seller,
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=5),
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'data-testid="ocop-badge"' not in html
    assert "hết hiệu lực" in html


def test_seller_page_lists_its_products_only(client, site_tree, seller, product):
    other = product_create(
        seller=SellerFactory(name="HTX Khác"), title="Mật ong bạc hà 500ml", group="1.4"
    )
    html = client.get(seller.get_absolute_url()).content.decode()
    assert product.title in html
    assert other.title not in html
    assert "Hợp tác xã" in html


def test_category_page_shows_descendants_products(client, site_tree, product, seller):
    honey = product_create(seller=seller, title="Mật ong bạc hà 500ml", group="1.4")
    drink = product_create(seller=seller, title="Rượu cần 750ml", group="2.1")
    index_rebuild()  # listings run on the search index (its on-commit updates never fire here)
    food = Category.objects.get(ocop_code="1")
    html = client.get(food.get_absolute_url()).content.decode()
    assert product.title in html and honey.title in html
    assert drink.title not in html


def test_private_product_is_hidden_everywhere(client, site_tree, seller):
    hidden = product_create(seller=seller, title="Sản phẩm nháp", is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Sản phẩm nháp" not in client.get("/shop/catalogue/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/shop/catalogue/khong-ton-tai_999999/",
        "/shop/catalogue/category/khong-co_999999/",
        "/shop/sellers/khong-co-nguoi-ban/",
        "/fr/",
        "/xx/shop/catalogue/",
        "/trang-khong-co/",
        "/shop/catalogue/?page=999",
        "/shop/catalogue/?page=abc",
    ],
)
def test_unknown_urls_are_a_friendly_404(client, site_tree, product, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_search_box_finds_products(client, site_tree, product):
    product_create(
        seller=SellerFactory(name="HTX Ong mật"), title="Mật ong bạc hà 500ml", group="1.4"
    )
    index_rebuild()
    html = client.get("/shop/search/", {"q": "cà phê"}).content.decode()
    assert product.title in html and "Mật ong" not in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["catalogue", "category", "search", "seller", "home"])
def test_listing_pages_cost_the_same_queries_for_12_and_48_products(
    client, site_tree, seller, url_name
):
    """L1: a list page issues the same number of queries however many products it shows."""
    food = Category.objects.get(ocop_code="1")
    urls = {
        "catalogue": "/shop/catalogue/",
        "category": food.get_absolute_url(),
        "search": "/shop/search/?q=Gạo",
        "seller": seller.get_absolute_url(),
        "home": "/",
    }
    for i in range(12):
        product_create(seller=seller, title=f"Gạo ST25 túi {i} kg", group="1.3")
    index_rebuild()
    client.get(urls[url_name])  # warm caches (category slugs)
    few = _count_queries(client, urls[url_name])
    for i in range(36):
        product_create(seller=seller, title=f"Gạo lứt túi {i} kg", group="1.3", stars=None)
    index_rebuild()
    client.get(urls[url_name])
    many = _count_queries(client, urls[url_name])
    assert many == few
    assert few <= 25


def test_product_page_form_asks_for_the_options_a_product_has(client, site_tree, seller):
    """A product without options gets its quantity field written out; one with options (its
    own or its class's) gets Oscar's form with a field per option; both add to the basket."""
    Option = get_model("catalogue", "Option")
    ProductClass = get_model("catalogue", "ProductClass")
    Product = get_model("catalogue", "Product")
    plain = product_create(seller=seller, title="Cà phê không khắc chữ")
    engraved = product_create(seller=seller, title="Cà phê hộp quà khắc tên")
    engraved.product_options.add(Option.objects.create(name="Lời chúc", code="loi-chuc"))
    gift_class = ProductClass.objects.create(name="Quà tặng", slug="qua-tang")
    gift_class.options.add(Option.objects.create(name="Tên người nhận", code="nguoi-nhan"))
    gift = product_create(seller=seller, title="Hộp quà OCOP")
    Product.objects.filter(pk=gift.pk).update(product_class=gift_class)
    html = client.get(plain.get_absolute_url()).content.decode()
    assert '<label for="id_quantity">Số lượng</label>' in html
    assert 'name="quantity" value="1" min="1"' in html and "loi-chuc" not in html
    for product, field in ((engraved, "loi-chuc"), (gift, "nguoi-nhan")):
        html = client.get(product.get_absolute_url()).content.decode()
        assert f'name="{field}"' in html and 'name="quantity"' in html, product.title
    added = client.post(f"/shop/basket/add/{plain.pk}/", {"quantity": 2})
    assert added.status_code == 302
    basket = client.get("/shop/basket/").content.decode()
    assert "Cà phê không khắc chữ" in basket
