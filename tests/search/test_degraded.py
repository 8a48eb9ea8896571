"""A search server that does not answer, from the buyer's side: listing pages still
list products from the database (without filters) instead of an error page."""

import pytest
from django.urls import reverse

from search import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def search_down(monkeypatch):
    def refuse(query):
        raise ConnectionError("search server unreachable")

    monkeypatch.setattr(api, "search", refuse)


def test_search_page_lists_from_the_database_when_search_is_down(client, product, search_down):
    response = client.get(reverse("search:search"), {"q": "robusta", "stars": "4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in html
    assert 'data-testid="search-degraded"' in html


def test_category_page_lists_from_the_database_when_search_is_down(client, product, search_down):
    category = product.categories.get()
    response = client.get(category.get_absolute_url())
    assert response.status_code == 200
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in response.content.decode()


def test_pages_made_while_search_is_down_are_not_cached(
    client, settings, site_tree, product, monkeypatch
):
    """Made without the search server, a listing or the home page must not be served from the
    cache once it answers again."""
    settings.PAGE_CACHE_SECONDS = 600
    real_search = api.search

    def refuse(query):
        raise ConnectionError("search server unreachable")

    monkeypatch.setattr(api, "search", refuse)
    category_url = product.categories.get().get_absolute_url()
    for url in (category_url, "/"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200 and "X-Page-Cache" not in response, url
    monkeypatch.setattr(api, "search", real_search)
    response = client.get(category_url)
    assert response["X-Page-Cache"] == "miss"
    assert 'data-testid="search-degraded"' not in response.content.decode()
