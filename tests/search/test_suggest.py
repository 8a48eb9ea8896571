"""Type-ahead for the header box: GET /shop/search/suggest/?q=… answers JSON suggestions of
products and sellers by word prefix, typed with or without accents; bad input never breaks it."""

import unicodedata

import pytest

from search import api
from search.services import products_reindex, sellers_reindex
from tests.catalog.factories import SellerFactory, product_create

pytestmark = pytest.mark.django_db

URL = "/shop/search/suggest/"


@pytest.fixture
def indexed(site_tree, seller, product):
    honey_seller = SellerFactory(
        name="Hộ kinh doanh Mật ong Sơn La", code="mat-ong-son-la", kind="household", province=None
    )
    honey = product_create(seller=honey_seller, title="Mật ong bạc hà 500ml", group="1.4")
    hidden = product_create(seller=seller, title="Cà phê nháp chưa công khai", is_public=False)
    products_reindex([product.pk, honey.pk, hidden.pk])
    sellers_reindex([seller.pk, honey_seller.pk])
    return {"coffee": product, "honey": honey, "seller": seller, "honey_seller": honey_seller}


def suggestions(client, q, url=URL):
    response = client.get(url, {"q": q})
    assert response.status_code == 200, q
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


def test_products_by_prefix_without_accents(client, indexed):
    coffee = indexed["coffee"]
    found = suggestions(client, "ca p")
    assert {"kind": "product", "label": coffee.title, "url": coffee.get_absolute_url()} in found
    assert all(set(s) == {"kind", "label", "url"} for s in found)
    assert "Mật ong bạc hà 500ml" not in [s["label"] for s in found]
    assert [s["label"] for s in suggestions(client, "mat o") if s["kind"] == "product"] == [
        "Mật ong bạc hà 500ml"
    ]
    # Accented and decomposed input find the same.
    assert suggestions(client, "Cà p") == found
    assert suggestions(client, unicodedata.normalize("NFD", "Cà p")) == found


def test_sellers_are_suggested_too(client, indexed):
    found = suggestions(client, "htx ca")
    assert {
        "kind": "seller",
        "label": "HTX Cà phê Ea Tu",
        "url": "/shop/sellers/htx-ca-phe-ea-tu/",
    } in found
    sellers = [s for s in suggestions(client, "mat ong") if s["kind"] == "seller"]
    assert sellers == [
        {
            "kind": "seller",
            "label": "Hộ kinh doanh Mật ong Sơn La",
            "url": "/shop/sellers/mat-ong-son-la/",
        }
    ]


def test_only_public_things_are_suggested(client, indexed):
    labels = [s["label"] for s in suggestions(client, "ca phe")]
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in labels
    assert "Cà phê nháp chưa công khai" not in labels


def test_urls_follow_the_language(client, indexed):
    honey_url = indexed["honey"].get_absolute_url()
    assert not honey_url.startswith("/en/")
    found = suggestions(client, "mat o", url="/en" + URL)
    assert {"kind": "product", "label": "Mật ong bạc hà 500ml", "url": "/en" + honey_url} in found
    assert {
        "kind": "seller",
        "label": "Hộ kinh doanh Mật ong Sơn La",
        "url": "/en/shop/sellers/mat-ong-son-la/",
    } in found
    assert {"kind": "product", "label": "Mật ong bạc hà 500ml", "url": honey_url} in suggestions(
        client, "mat o"
    )


@pytest.mark.parametrize("q", ["", " ", "c", "đ", "  a  ", "\u0301"])
def test_too_short_gives_nothing(client, indexed, q):
    assert suggestions(client, q) == []


def test_bad_input_never_breaks_it(client, indexed):
    for q in [
        "\x00",
        "\x00ca phe",
        "x" * 5000,
        '"ca',
        "ca AND OR NOT",
        "NEAR(ca, 2)",
        "*",
        "ca* -p ^ :",
        "( ) [ ] { } ' \\",
        "🍵☕",
        "\u0301\u0301",
        "%",
        "_%_",
        "ca'; --",
        "<script>alert(1)</script>",
    ]:
        assert isinstance(suggestions(client, q), list)
    response = client.get(URL + "?q=ca&q=phe&x=1")
    assert response.status_code == 200


def test_a_failing_backend_gives_an_empty_list(client, indexed, monkeypatch):
    def broken(text, *, limit=8):
        raise ConnectionError("search server down")

    monkeypatch.setattr(api, "suggest", broken)
    assert suggestions(client, "ca phe") == []


def test_the_header_box_offers_type_ahead(client, site_tree):
    html = client.get("/").content.decode()
    assert 'data-suggest-url="/shop/search/suggest/"' in html
    assert "js/typeahead.js" in html
    html = client.get("/en/").content.decode()
    assert 'data-suggest-url="/en/shop/search/suggest/"' in html
