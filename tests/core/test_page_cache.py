"""The page and card caches (core.pagecache): anonymous visitors get cached pages, and
whatever a buyer would notice (a price, stock, a withdrawn product, the home page's text) shows
on the very next request after the change commits.

Changes are made inside ``django_capture_on_commit_callbacks(execute=True)``: the test's own
transaction never commits, so this is how the after-commit invalidations run here, as they do
after every committed request in production."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalog import counters
from core import pagecache
from search import api
from search.services import index_rebuild
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create

Category = get_model("catalogue", "Category")
ProductRecord = get_model("analytics", "ProductRecord")
pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def pages(product, seller):
    return {
        "product": product.get_absolute_url(),
        "category": Category.objects.get(ocop_code="1").get_absolute_url(),
        "catalogue": reverse("catalogue:index"),
        "seller": seller.get_absolute_url(),
        "home": "/",
        "search": "/shop/search/?q=ca+phe&stars=4",
    }


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


def test_second_visit_is_served_from_the_cache_without_a_query(page_cache, coffee, seller):
    for name, url in pages(coffee, seller).items():
        first, html = get(Client(), url)
        assert first["X-Page-Cache"] == "miss", name
        assert f"185.000{NBSP}₫" in html, name
        visitor = Client()  # a new anonymous visitor: no cookies
        with CaptureQueriesContext(connection) as queries:
            again, cached_html = get(visitor, url)
        assert again["X-Page-Cache"] == "hit", name
        statements = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
        assert statements == [], name  # (the savepoints are the test's ATOMIC_REQUESTS)
        assert f"185.000{NBSP}₫" in cached_html, name


def test_price_change_shows_at_once_on_every_cached_page(page_cache, coffee, seller, committed):
    urls = pages(coffee, seller)
    for url in urls.values():
        get(Client(), url)
        get(Client(), url)  # cached now
    record = coffee.stockrecords.get()
    with committed():
        record.price = 199000
        record.save()
    for name, url in urls.items():
        response, html = get(Client(), url)
        assert response["X-Page-Cache"] == "miss", name
        assert f"199.000{NBSP}₫" in html, name
        assert f"185.000{NBSP}₫" not in html, name


def test_stock_sold_by_an_order_shows_at_once(page_cache, site_tree, seller, committed):
    with committed():
        honey = product_create(seller=seller, title="Mật ong bạc hà 500ml", group="1.4", stock=1)
        index_rebuild()
    url, add = honey.get_absolute_url(), reverse("basket:add", kwargs={"pk": honey.pk})
    get(Client(), url)
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "hit" and add in html
    with committed():
        order_create(honey)  # a conditional UPDATE of the stock record: no model signal
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert add not in html  # the last one is sold: no "add to basket" any more


def test_withdrawn_product_leaves_cached_listings_at_once(page_cache, coffee, seller, committed):
    urls = pages(coffee, seller)
    for url in urls.values():
        get(Client(), url)
    with committed():
        coffee.is_public = False
        coffee.save()
    for name in ("category", "catalogue", "seller", "home", "search"):
        _, html = get(Client(), urls[name])
        assert coffee.title not in html, name
    assert Client().get(urls["product"]).status_code == 404


def test_new_product_joins_cached_listings_once_indexed(page_cache, coffee, seller, committed):
    category = pages(coffee, seller)["category"]
    get(Client(), category)
    with committed():  # the index update runs after the commit, as the Celery task does
        tea = product_create(seller=seller, title="Chè Shan tuyết Hà Giang 100g", group="1.2")
    _, html = get(Client(), category)
    assert tea.title in html


def test_home_page_text_change_shows_at_once(page_cache, coffee, committed):
    from wagtail.models import Site

    get(Client(), "/")
    home = Site.objects.get(is_default_site=True).root_page.specific
    with committed():
        home.hero_heading = "Phiên chợ OCOP mùa xuân"
        home.save_revision().publish()
    _, html = get(Client(), "/")
    assert "Phiên chợ OCOP mùa xuân" in html


def test_cached_page_gives_each_visitor_their_own_form_token_and_basket(page_cache, coffee):
    url = coffee.get_absolute_url()
    get(Client(), url)  # cached from someone else's visit
    buyer = Client(enforce_csrf_checks=True)
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert pagecache.CSRF_HOLE not in html and pagecache.BASKET_HOLE not in html
    added = buyer.post(
        reverse("basket:add", kwargs={"pk": coffee.pk}),
        {"quantity": 2, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302  # the token from the cached page is accepted
    buyer.get(reverse("basket:summary"))  # reads the "added" message
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit"
    basket = re.search(r'data-testid="mini-basket">(.*?)</a>', html, re.S).group(1)
    assert '<span class="badge badge-primary">2</span>' in basket
    assert f"370.000{NBSP}₫" in basket
    _, other = get(Client(), url)  # another visitor: an empty basket
    basket = re.search(r'data-testid="mini-basket">(.*?)</a>', other, re.S).group(1)
    assert '<span class="badge badge-primary">0</span>' in basket


def test_signed_in_users_never_get_the_anonymous_page_and_messages_get_fresh_pages(
    page_cache, coffee, seller
):
    url = coffee.get_absolute_url()
    get(Client(), url)
    user = seller_user_create(partner=seller, username="nguoi-ban")
    signed_in = Client()
    signed_in.force_login(user)
    response, html = get(signed_in, url)
    assert response["X-Page-Cache"] == "miss"  # an entry of their own, not the anonymous one
    assert "Đăng xuất" in html  # their own header, not the anonymous one
    buyer = Client()
    buyer.post(reverse("basket:add", kwargs={"pk": coffee.pk}), {"quantity": 1})
    response, html = get(buyer, url)  # the "added to your basket" message is due
    assert "X-Page-Cache" not in response
    assert "vào giỏ hàng." in html and "Đã thêm <strong>" in html
    response, html = get(buyer, url)
    assert response["X-Page-Cache"] == "hit"
    assert "Đã thêm <strong>" not in html


def test_cache_failure_still_serves_pages(page_cache, coffee, seller, monkeypatch):
    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache server down")

            return fail

    for url in pages(coffee, seller).values():
        get(Client(), url)  # cached while the cache worked
    monkeypatch.setattr(pagecache, "cache", Broken())
    for name, url in pages(coffee, seller).items():
        response, html = get(Client(), url)
        assert coffee.title in html, name
        assert "X-Page-Cache" not in response, name


def test_facet_counts_are_counted_once_per_filter_set_and_recounted_after_a_change(
    page_cache, site_tree, seller, committed
):
    with committed():
        for i in range(3):
            product_create(seller=seller, title=f"Cà phê số {i}", group="1.1", stars=4)
        index_rebuild()
    query = api.Query(text="ca phe", filters={api.STARS: ("4",)}, per_page=2)
    first = api.search(query)
    assert first.total == 3 and first.facets[api.STARS][0].count == 3
    with CaptureQueriesContext(connection) as counted:
        second = api.search(
            api.Query(
                text="ca phe", filters={api.STARS: ("4",)}, per_page=2, page=2, sort=api.PRICE_ASC
            )
        )
    assert second.total == 3 and second.facets == first.facets
    assert len(second.ids) == 1
    assert not any("GROUP BY" in q["sql"] for q in counted)  # no counting again
    with committed():
        product_create(seller=SellerFactory(), title="Cà phê số 4", group="1.1", stars=4)
    third = api.search(query)
    assert third.total == 4 and third.facets[api.STARS][0].count == 4


def test_product_views_are_counted_without_a_write_per_view(page_cache, coffee):
    counters.reset()
    url = coffee.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            Client().get(url)
    assert not any(q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) for q in queries)
    counters.flush()
    assert ProductRecord.objects.get(product=coffee).num_views == 3


def test_an_anonymous_hit_is_answered_before_the_view_and_still_counted(page_cache, coffee):
    """A visitor without session, messages or basket gets the current page from the early
    hit: no URL resolution, no view, not even the request's transaction (no statement at
    all), and the product's view is still counted; the visitor's CSRF token is their own."""
    counters.reset()
    url = coffee.get_absolute_url()
    visitor = Client()
    assert visitor.get(url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert queries.captured_queries == []
    assert "Cookie" in response["Vary"]  # as the view's answer says: a shared cache keeps apart
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert token and pagecache.CSRF_HOLE not in response.content.decode()
    counters.flush()
    assert ProductRecord.objects.get(product=coffee).num_views == 2


def test_a_signed_in_visitor_is_never_served_the_early_hit(page_cache, coffee, seller):
    url = coffee.get_absolute_url()
    Client().get(url)  # cached for anonymous visitors
    user = seller_user_create(partner=seller, username="nguoi-ban-2")
    member = Client()
    member.force_login(user)
    response = member.get(url)
    assert response["X-Page-Cache"] == "miss"  # the view rendered it for signed-in visitors
    assert "Đăng nhập hoặc đăng ký" not in response.content.decode()


def test_a_staff_listing_rerenders_only_the_changed_card(
    page_cache, coffee, seller, committed, card_renders
):
    with committed():
        tea = product_create(
            seller=seller, title="Chè Shan tuyết Hà Giang 100g", group="1.2", price=90000
        )
        index_rebuild()
    user = seller_user_create(partner=seller, username="nguoi-ban")
    user.is_staff = True
    user.save()
    buyer = Client()
    buyer.force_login(user)  # staff: no whole-page cache, cards still cached
    url = Category.objects.get(ocop_code="1").get_absolute_url()
    first = buyer.get(url)
    assert card_renders(first) == 2
    again = buyer.get(url)
    assert card_renders(again) == 0 and "X-Page-Cache" not in again
    record = tea.stockrecords.get()
    with committed():
        record.price = 95000
        record.save()
    changed = buyer.get(url)
    html = changed.content.decode()
    assert card_renders(changed) == 1  # only the tea's card
    assert f"95.000{NBSP}₫" in html and f"185.000{NBSP}₫" in html


def test_type_ahead_is_cached_until_the_index_changes(page_cache, coffee, seller, committed):
    url = reverse("search:suggest") + "?q=che+sh"
    first = Client().get(url)
    assert first["X-Page-Cache"] == "miss" and first.json()["suggestions"] == []
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(url)
    assert again["X-Page-Cache"] == "hit" and again.json()["suggestions"] == []
    assert again["Content-Type"] == "application/json"
    assert again["Cache-Control"] == "public, max-age=60"  # browsers keep it a minute still
    assert [q for q in queries if "SAVEPOINT" not in q["sql"]] == []
    with committed():
        product_create(seller=seller, title="Chè Shan tuyết Hà Giang 100g", group="1.2")
    changed = Client().get(url)
    assert changed["X-Page-Cache"] == "miss"
    assert [s["label"] for s in changed.json()["suggestions"]] == ["Chè Shan tuyết Hà Giang 100g"]


def test_type_ahead_is_kept_per_language_and_shared_by_signed_in_buyers(page_cache, coffee, seller):
    url, product_url = reverse("search:suggest") + "?q=ca+phe", coffee.get_absolute_url()
    vietnamese = Client().get(url).json()["suggestions"]
    assert {"kind": "product", "label": coffee.title, "url": product_url} in vietnamese
    english = Client().get("/en" + url)
    assert english["X-Page-Cache"] == "miss"  # not the Vietnamese answer
    english_product = {"kind": "product", "label": coffee.title, "url": "/en" + product_url}
    assert english_product in english.json()["suggestions"]
    buyer = Client()
    buyer.force_login(get_user_model().objects.create_user("nguoi-mua", "mua@example.com"))
    buyer.get(url)
    shared = buyer.get(url)
    assert shared["X-Page-Cache"] == "hit" and shared.json()["suggestions"] == vietnamese


def test_type_ahead_from_a_failing_backend_is_not_kept(page_cache, coffee, monkeypatch):
    url = reverse("search:suggest") + "?q=ca+phe"
    real = api.suggest

    def broken(text, *, limit=8):
        raise ConnectionError("search server down")

    monkeypatch.setattr(api, "suggest", broken)
    assert Client().get(url).json()["suggestions"] == []
    monkeypatch.setattr(api, "suggest", real)
    recovered = Client().get(url)
    assert recovered["X-Page-Cache"] == "miss"
    assert coffee.title in [s["label"] for s in recovered.json()["suggestions"]]


class CacheReads:
    """The page cache's cache, recording the keys each read asks for."""

    def __init__(self, real):
        self.real, self.keys = real, []

    def get(self, key, *args, **kwargs):
        self.keys.append(key)
        return self.real.get(key, *args, **kwargs)

    def get_many(self, keys, *args, **kwargs):
        self.keys.extend(keys)
        return self.real.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_hit_on_a_page_this_process_served_reads_only_the_change_number(
    page_cache, coffee, monkeypatch
):
    url = coffee.get_absolute_url()
    get(Client(), url)  # rendered and stored
    reads = CacheReads(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", reads)
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "hit" and f"185.000{NBSP}₫" in html
    assert reads.keys == [pagecache.SEQ_KEY]  # not the page's own key


def test_a_page_kept_by_this_process_still_shows_a_change_at_once(page_cache, coffee, committed):
    url = coffee.get_absolute_url()
    get(Client(), url)
    get(Client(), url)  # a hit from this process's copy
    record = coffee.stockrecords.get()
    with committed():
        record.price = 199000
        record.save()
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert f"199.000{NBSP}₫" in html and f"185.000{NBSP}₫" not in html


def test_this_process_keeps_a_page_no_longer_than_the_cache_does(
    page_cache, coffee, monkeypatch, settings
):
    url = coffee.get_absolute_url()
    get(Client(), url)
    later = pagecache.time.time() + settings.PAGE_CACHE_SECONDS + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    reads = CacheReads(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", reads)
    Client().get(url)
    assert pagecache._page_key(Client().get(url).wsgi_request) in reads.keys  # asked again
