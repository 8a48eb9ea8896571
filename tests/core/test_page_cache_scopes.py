"""Changes invalidate only what they change (``search.listing_cache``, the change log of
``core.pagecache``): a change to one product re-renders the pages that show it, or whose
lists or counts it moves, and every other cached page is still served from the cache.

As in ``test_page_cache``, changes run inside ``committed()`` so that their after-commit
invalidations (and the index update, which runs in-process in tests) happen."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from core import pagecache
from search import listing_cache
from search.services import index_rebuild, products_reindex
from tests.catalog.factories import product_create
from tests.shop.factories import order_create

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def shop(page_cache, site_tree, seller, committed):
    """Coffee (food, group 1) and rice wine (drinks, group 2), indexed."""
    with committed():
        coffee = product_create(
            seller=seller, title="Cà phê Robusta Ea Tu 500g", price=185000, stock=10, group="1.1"
        )
        wine = product_create(
            seller=seller, title="Rượu cần Buôn Đôn 750ml", price=320000, stock=5, group="2.1"
        )
        index_rebuild()
    return coffee, wine


def urls():
    food = Category.objects.get(ocop_code="1").get_absolute_url()
    drinks = Category.objects.get(ocop_code="2").get_absolute_url()
    return {
        "food": food,
        "food, by popularity": f"{food}?sort_by=popular",
        "drinks": drinks,
        "drinks, by popularity": f"{drinks}?sort_by=popular",
        "search coffee": "/shop/search/?q=ca+phe",
        "search wine": "/shop/search/?q=ruou+can",
        "startups": reverse("startup-directory"),
    }


def state(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return response["X-Page-Cache"], response.content.decode()


def cache_all(pages):
    for url in pages.values():
        state(url)
        assert state(url)[0] == "hit", url


def test_a_sale_re_renders_the_pages_showing_the_product_and_no_other(shop, committed):
    coffee, wine = shop
    pages = urls()
    cache_all(pages)
    with committed():
        order_create(coffee)  # one of ten sold: stock 9, one more sold
    after = {name: state(url)[0] for name, url in pages.items()}
    assert after == {
        "food": "miss",  # shows the coffee
        "food, by popularity": "miss",
        "drinks": "hit",
        "drinks, by popularity": "miss",  # its order is by units sold: re-sorted
        "search coffee": "miss",
        "search wine": "hit",
        "startups": "hit",  # the seller's documents did not change
    }


def test_a_price_change_shows_where_the_product_is_and_leaves_other_groups_cached(shop, committed):
    coffee, wine = shop
    pages = urls()
    cache_all(pages)
    record = coffee.stockrecords.get()
    with committed():
        record.price = 199000
        record.save()
    food, html = state(pages["food"])
    assert food == "miss" and f"199.000{NBSP}₫" in html and f"185.000{NBSP}₫" not in html
    found, html = state(pages["search coffee"])
    assert found == "miss" and f"199.000{NBSP}₫" in html
    assert state(pages["drinks"])[0] == "hit"  # another group: its list and counts are as were
    assert state(pages["drinks, by popularity"])[0] == "hit"
    # A search without a group may sort by price: any product's price moves it.
    assert state(pages["search wine"])[0] == "miss"


def test_the_last_one_sold_shows_sold_out_and_moves_the_in_stock_count(shop, committed):
    coffee, wine = shop
    pages = urls()
    cache_all(pages)
    with committed():
        order_create(wine, quantity=5)
    drinks, html = state(pages["drinks"])
    assert drinks == "miss" and "Hết hàng" in html
    assert state(pages["food"])[0] == "hit"


def test_a_product_moved_to_another_group_leaves_the_old_one_and_joins_the_new(shop, committed):
    coffee, wine = shop
    pages = urls()
    cache_all(pages)
    drinks = Category.objects.get(ocop_code="2.1")
    with committed():
        coffee.categories.set([drinks])
    _, food = state(pages["food"])
    _, drinks_html = state(pages["drinks"])
    assert coffee.title not in food
    assert coffee.title in drinks_html


def test_a_product_whose_last_state_is_forgotten_invalidates_every_listing(shop, committed):
    coffee, wine = shop
    pages = urls()
    cache_all(pages)
    cache.delete(f"{listing_cache.STATE_PREFIX}product:{wine.pk}")
    with committed():
        products_reindex([wine.pk])  # unchanged, but nothing says so
    assert state(pages["food"])[0] == "miss"
    assert state(pages["drinks"])[0] == "miss"


def test_a_listing_stays_cached_through_many_changes_elsewhere(shop, committed):
    coffee, wine = shop
    url = urls()["drinks"]
    state(url)
    for i in range(pagecache.LOG_SPAN + 5):
        with committed():
            pagecache.bump(pagecache.product_key(coffee.pk), f"elsewhere:{i}")
        if i % 40 == 0:
            assert state(url)[0] == "hit"  # checked against the changes since: none its own
    assert state(url)[0] == "hit"


def test_a_page_not_asked_for_over_more_changes_than_the_log_holds_is_made_again(shop, committed):
    url = urls()["drinks"]
    state(url)
    assert state(url)[0] == "hit"
    with committed():
        for i in range(pagecache.LOG_SPAN + 1):
            pagecache.bump(f"elsewhere:{i}")
    assert state(url)[0] == "miss"  # cannot tell what changed: safe
    assert state(url)[0] == "hit"


def test_a_lost_change_number_makes_every_page_again(shop):
    url = urls()["drinks"]
    state(url)
    cache.delete(pagecache.SEQ_KEY)
    assert state(url)[0] == "miss"
    assert state(url)[0] == "hit"


def test_a_lost_change_log_entry_makes_the_pages_after_it_again(shop, committed):
    coffee, wine = shop
    url = urls()["drinks"]
    state(url)
    with committed():
        pagecache.bump("elsewhere")
    cache.delete(f"{pagecache.LOG_PREFIX}{cache.get(pagecache.SEQ_KEY)}")
    assert state(url)[0] == "miss"
