"""The Wagtail home page at / in Vietnamese and /en/ in English, with the shared chrome."""

import pytest
from oscar.core.loading import get_model

from search.services import index_rebuild
from tests.catalog.factories import product_create

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db


def featured_block(response):
    """The home page's block of certified products (its first product rule), as rendered."""
    return next(b for b in response.context["page"].body if b.block_type == "product_rule")


def test_home_is_a_wagtail_page_in_vietnamese(client, site_tree, product):
    index_rebuild()  # the home page's listings come from the search index
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].specific_class.__name__ == "HomePage"
    assert '<html lang="vi"' in html
    assert "Sản phẩm OCOP và khởi nghiệp thanh niên" in html
    assert "Nhóm sản phẩm OCOP" in html
    for group in Category.get_root_nodes():
        assert group.name in html
    assert product.title in html
    # the shared header: search box, basket, language switch
    assert 'action="/shop/search/"' in html and "Giỏ hàng" in html
    assert 'href="/en/"' in html


def test_home_in_english(client, site_tree, product):
    index_rebuild()
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "OCOP and youth-startup products" in html
    assert "OCOP product groups" in html and "Food" in html
    assert "₫185,000" in html
    assert 'href="/"' in html  # back to Vietnamese


def test_language_switch_keeps_the_page(client, site_tree, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="/en{product.get_absolute_url()}"' in html


def test_featured_products_leave_out_lapsed_and_uncertified(client, site_tree, seller):
    import datetime

    today = datetime.date.today()
    product_create(
        seller=seller,
        title="Mật ong đã hết hạn chứng nhận",
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    product_create(seller=seller, title="Chè búp chưa chứng nhận", stars=None)
    product_create(seller=seller, title="Sâm Ngọc Linh 5 sao", stars=5)
    index_rebuild()
    response = client.get("/")
    featured = featured_block(response)
    assert featured.value["heading"] == "Sản phẩm đạt chứng nhận OCOP"
    assert [p.title for p in featured.value.live] == ["Sâm Ngọc Linh 5 sao"]


def test_unknown_language_prefix_is_404_not_500(client, site_tree):
    for url in ("/fr/", "/vi-x/", "/zz/shop/basket/", "/EN/"):
        assert client.get(url).status_code == 404


def test_set_language_with_unknown_code_changes_nothing(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response.status_code in (302, 204)
    assert client.get("/").content.decode().count('<html lang="vi"') == 1
