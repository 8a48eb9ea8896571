"""Search within an expo (``/trien-lam/<slug>/tim-kiem/``, search.views.ExpoSearchView): the
products of the expo's approved exhibitors only, found without diacritics through the search
API's ``SELLERS`` restriction (every backend reads it the same way, and a crafted URL cannot
set it), booths matched by name with Vietnamese folding, each result leading into its booth."""

import json

import pytest
from django.urls import reverse

from search import api
from search.backends.elastic_queries import search_request
from search.query import usable_filters
from search.services import products_reindex
from startups.services.union import union_units_load
from tests.catalog.factories import product_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def fair(site_tree, database_backend):
    union_units_load()
    expo = expo_create(phase="live")
    coffee = startup_create(name="Cà Phê Buôn Ma Thuột")
    honey = startup_create(name="Mật ong Hoa Cà Phê")
    outsider = startup_create(name="Cà phê Ngoài Hội")
    refused = startup_create(name="Cà phê Bị Từ Chối")
    products = {
        "coffee": product_create(seller=coffee.partner, title="Cà phê Robusta rang mộc"),
        "honey": product_create(seller=honey.partner, title="Mật ong hoa cà phê"),
        "outsider": product_create(seller=outsider.partner, title="Cà phê phin giấy"),
        "refused": product_create(seller=refused.partner, title="Cà phê hạt xay"),
    }
    products_reindex([p.pk for p in products.values()])
    booths = {
        "coffee": booth_create(expo=expo, startup=coffee, products=[products["coffee"]]),
        "honey": booth_create(expo=expo, startup=honey),
        "refused": booth_create(expo=expo, startup=refused, status="refused"),
    }
    return expo, booths, products


def search_url(expo):
    return reverse("expo-search", kwargs={"slug": expo.slug})


def test_the_sellers_restriction_narrows_products_and_is_not_a_facet(fair):
    expo, booths, products = fair
    sellers = [booths["coffee"].startup.partner_id, booths["honey"].startup.partner_id]
    query = api.Query(text="ca phe", filters={api.SELLERS: tuple(map(str, sellers))})
    found = api.search(query)
    assert set(found.ids) == {products["coffee"].pk, products["honey"].pk}
    assert api.SELLERS not in found.facets
    # counted facets keep the restriction
    assert sum(v.count for v in found.facets[api.STARS]) == 2


def test_the_restriction_reads_only_whole_numbers_and_matches_nothing_when_none_is_left():
    assert usable_filters(api.Query(filters={api.SELLERS: ("3", "03", "x", "1;drop")})) == {
        api.SELLERS: ["3"]
    }
    assert usable_filters(api.Query(filters={api.SELLERS: ()})) == {api.SELLERS: ["0"]}
    assert usable_filters(api.Query(filters={})) == {}
    sellers = usable_filters(api.Query(kind=api.SELLER, filters={api.SELLERS: ("3",)}))
    assert sellers == {}  # products only


def test_elasticsearch_filters_on_the_seller_ids():
    request = search_request(
        api.Query(text="ca phe", filters={api.SELLERS: ("7", "9")}, facets=False),
        using="default",
        prefix="t",
    ).to_dict()
    assert '{"terms": {"seller_id": [7, 9]}}' in json.dumps(request)


def test_the_expo_search_page_finds_exhibitors_products_and_booths_without_accents(client, fair):
    expo, booths, products = fair
    response = client.get(search_url(expo), {"q": "ca phe"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cà phê Robusta rang mộc" in page and "Mật ong hoa cà phê" in page
    assert "Cà phê phin giấy" not in page and "Cà phê hạt xay" not in page  # not exhibiting
    booth_url = reverse(
        "startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": booths["coffee"].pk}
    )
    assert booth_url in page  # results lead back into the booths
    # booths by name, folded: "buon ma thuot" finds "Buôn Ma Thuột"
    page = client.get(search_url(expo), {"q": "buon ma thuot"}).content.decode()
    assert 'data-testid="search-booths"' in page and "Cà Phê Buôn Ma Thuột" in page
    assert "Mật ong Hoa Cà Phê" not in page.split('data-testid="search-products"')[0]


def test_a_crafted_query_string_cannot_widen_the_search(client, fair):
    expo, booths, products = fair
    outsider = products["outsider"].stockrecords.first().partner_id
    page = client.get(search_url(expo), {"q": "ca phe", "sellers": outsider}).content.decode()
    assert "Cà phê phin giấy" not in page


def test_before_opening_nothing_is_searched_and_a_draft_is_404(client, site_tree):
    union_units_load()
    scheduled = expo_create(phase="scheduled")
    booth_create(expo=scheduled, startup=startup_create(name="Cà phê Sớm"))
    page = client.get(search_url(scheduled), {"q": "ca phe"}).content.decode()
    assert 'data-testid="booths-later"' in page and "Cà phê Sớm" not in page
    draft = expo_create(phase="draft")
    assert client.get(search_url(draft), {"q": "x"}).status_code == 404
    assert client.get(reverse("expo-search", kwargs={"slug": "khong-co"})).status_code == 404
