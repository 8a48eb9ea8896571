"""Signed-in visitors share the cached shop pages (core.pagecache, ``signed_in=True``): the
product page and the listings are the same for every buyer, seller and officer but for the
header's basket and account links, which are holes filled for each request. Staff, and pages
that differ per user, are rendered for them every time."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from core import pagecache
from startups.models import Officer, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import seller_user_create

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def shared_pages(product, seller):
    """The pages signed-in visitors share."""
    return {
        "product": product.get_absolute_url(),
        "category": Category.objects.get(ocop_code="1").get_absolute_url(),
        "catalogue": reverse("catalogue:index"),
        "seller": seller.get_absolute_url(),
        "search": "/shop/search/?q=ca+phe&stars=4",
    }


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def buyer(django_user_model, username) -> Client:
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "mk-2026-x1")
    return signed_in(user)


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response, response.content.decode()


def topbar(html) -> str:
    return re.search(r'<nav class="site-topbar__links".*?</nav>', html, re.S).group(0)


def mini_basket(html) -> str:
    return re.search(r'data-testid="mini-basket">(.*?)</a>', html, re.S).group(1)


def basket_add(client, product, quantity):
    _, html = get(client, product.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": quantity, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    client.get(reverse("basket:summary"))  # reads the "added" message


def test_buyers_share_each_page_with_their_own_basket_and_links(
    page_cache, coffee, seller, django_user_model
):
    lan, minh = buyer(django_user_model, "lan"), buyer(django_user_model, "minh")
    basket_add(lan, coffee, 2)
    for name, url in shared_pages(coffee, seller).items():
        first, _ = get(lan, url)
        assert first["X-Page-Cache"] in ("miss", "hit"), name  # the product page was seen
        again, lans = get(lan, url)
        assert again["X-Page-Cache"] == "hit", name
        assert '<span class="badge badge-primary">2</span>' in mini_basket(lans), name
        assert f"370.000{NBSP}₫" in mini_basket(lans), name
        response, minhs = get(minh, url)
        assert response["X-Page-Cache"] == "hit", name  # the page Lan's visit made
        assert '<span class="badge badge-primary">0</span>' in mini_basket(minhs), name
        assert "370.000" not in minhs, name
        for html in (lans, minhs):
            assert "Đăng xuất" in topbar(html) and "Đăng nhập hoặc đăng ký" not in html, name
            assert pagecache.ACCOUNT_HOLE not in html and pagecache.BASKET_HOLE not in html
        assert f"185.000{NBSP}₫" in minhs, name


def test_a_signed_in_hit_reads_no_product_or_index_rows(
    page_cache, coffee, seller, django_user_model
):
    lan = buyer(django_user_model, "lan")
    for name, url in shared_pages(coffee, seller).items():
        get(lan, url)
        with CaptureQueriesContext(connection) as queries:
            response, _ = get(lan, url)
        assert response["X-Page-Cache"] == "hit", name
        # Their session, user, basket and permissions; nothing of the page's own content.
        read = " ".join(q["sql"] for q in queries)
        assert 'FROM "catalogue_product"' not in read, name
        assert "search_searchentry" not in read and "catalogue_category" not in read, name


def test_the_log_out_form_of_a_shared_page_carries_the_visitors_own_token(
    page_cache, coffee, django_user_model
):
    url = coffee.get_absolute_url()
    get(buyer(django_user_model, "lan"), url)  # Lan's visit stores the page
    minh = buyer(django_user_model, "minh")
    response, html = get(minh, url)
    assert response["X-Page-Cache"] == "hit"
    form = re.search(r'<form method="post" action="([^"]+)".*?</form>', topbar(html), re.S)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0)).group(1)
    assert token != pagecache.CSRF_HOLE
    logged_out = minh.post(form.group(1), {"csrfmiddlewaretoken": token})
    assert logged_out.status_code == 302  # Django accepted Minh's own token
    _, html = get(minh, url)
    assert "Đăng nhập hoặc đăng ký" in topbar(html)


def test_sellers_and_officers_see_their_own_links_on_a_page_a_buyer_made(
    page_cache, coffee, seller, django_user_model, reference_data
):
    url = coffee.get_absolute_url()
    get(buyer(django_user_model, "lan"), url)  # made by a buyer: no dashboard link in it
    owner = signed_in(seller_user_create(partner=seller, username="nguoi-ban"))
    response, html = get(owner, url)
    assert response["X-Page-Cache"] == "hit"
    assert reverse("dashboard:index") in topbar(html) and "Quản trị" in topbar(html)
    union_units_load()
    officer_user = django_user_model.objects.create_user("can-bo", "cb@example.com", "mk-2026-x1")
    Officer.objects.create(
        user=officer_user, unit=UnionUnit.objects.get(level="province", province__code="66")
    )
    response, html = get(signed_in(officer_user), url)
    assert response["X-Page-Cache"] == "hit"
    assert "Duyệt hồ sơ" in topbar(html) and reverse("dashboard:index") not in topbar(html)
    _, html = get(buyer(django_user_model, "minh"), url)  # and the seller left none behind
    assert reverse("dashboard:index") not in topbar(html) and "Duyệt hồ sơ" not in html


def test_staff_get_every_page_rendered_for_them(page_cache, coffee, seller, django_user_model):
    staff = django_user_model.objects.create_user("quan-tri", "qt@example.com", "mk-2026-x1")
    staff.is_staff = True
    staff.save()
    admin = signed_in(staff)
    for name, url in shared_pages(coffee, seller).items():
        get(admin, url)
        response, html = get(admin, url)
        assert "X-Page-Cache" not in response, name
    _, html = get(admin, coffee.get_absolute_url())
    assert "Sửa sản phẩm này" in html
    response, html = get(buyer(django_user_model, "lan"), coffee.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "Sửa sản phẩm này" not in html


def test_anonymous_and_signed_in_visitors_never_share_an_entry(
    page_cache, coffee, django_user_model
):
    url = coffee.get_absolute_url()
    get(buyer(django_user_model, "lan"), url)
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert "Đăng nhập hoặc đăng ký" in topbar(html) and "Đăng xuất" not in html
    response, html = get(buyer(django_user_model, "minh"), url)
    assert response["X-Page-Cache"] == "hit" and "Đăng xuất" in topbar(html)


def test_a_price_change_shows_at_once_to_signed_in_visitors(
    page_cache, coffee, seller, committed, django_user_model
):
    lan = buyer(django_user_model, "lan")
    urls = shared_pages(coffee, seller)
    for url in urls.values():
        get(lan, url)
        get(lan, url)
    record = coffee.stockrecords.get()
    with committed():
        record.price = 199000
        record.save()
    for name, url in urls.items():
        response, html = get(lan, url)
        assert response["X-Page-Cache"] == "miss", name
        assert f"199.000{NBSP}₫" in html and f"185.000{NBSP}₫" not in html, name


def test_pages_not_shared_between_users_stay_rendered_for_each(
    page_cache, coffee, django_user_model
):
    lan = buyer(django_user_model, "lan")
    get(lan, "/")
    response, html = get(lan, "/")  # the home page (Wagtail's view restrictions) is not shared
    assert "X-Page-Cache" not in response and "Đăng xuất" in topbar(html)
