"""Content-Security-Policy on every page (no inline script runs on the site), secret-link pages
never cached, logout only by POST, a 403 page in the site's look, 403/404 logged as one line."""

import logging

import pytest
from django.urls import reverse

from tests.catalog.factories import product_create
from tests.shop.factories import order_create

pytestmark = pytest.mark.django_db


def script_src(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return directives["script-src"].split()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/shop/catalogue/",
        "/shop/basket/",
        "/shop/accounts/login/",
        "/khong-co-trang-nay/",
    ],
)
def test_site_pages_refuse_inline_scripts(client, site_tree, url):
    product_create()
    response = client.get(url)
    assert "'unsafe-inline'" not in script_src(response)
    assert "'self'" in script_src(response)
    body = response.content.decode()
    # no inline script and no event-handler attribute left in our pages
    for tag in body.split("<script")[1:]:
        head = tag.split(">", 1)[0]
        assert "src=" in head or "application/ld+json" in head, tag[:120]
    assert " onchange=" not in body and " onclick=" not in body and " onsubmit=" not in body


def test_admin_areas_get_their_own_relaxed_policy(admin_client, site_tree):
    response = admin_client.get("/shop/dashboard/")
    sources = script_src(response)
    assert "'unsafe-inline'" in sources and "https:" not in sources
    assert "'unsafe-inline'" in script_src(admin_client.get("/cms-admin/"))


def test_order_pages_are_never_stored(client, site_tree):
    order = order_create(product_create())
    url = reverse(
        "orders:detail", kwargs={"number": order.number, "hash": order.verification_hash()}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    session = client.session
    session["checkout_order_id"] = order.pk
    session.save()
    thanks = client.get(reverse("checkout:thank-you"))
    assert thanks.status_code == 200 and thanks["Cache-Control"] == "private, no-store"


def test_logout_only_by_post(client, django_user_model, site_tree):
    user = django_user_model.objects.create_user("an", "an@example.com", "mat-khau-2026-x")
    client.force_login(user)
    page = client.get(reverse("customer:logout"))
    assert page.status_code == 200 and "_auth_user_id" in client.session
    assert 'method="post"' in page.content.decode()
    assert client.post(reverse("customer:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_forbidden_page_in_the_sites_look_logged_once_without_traceback(
    client, django_user_model, site_tree, caplog
):
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mat-khau-2026-x")
    client.force_login(buyer)
    handler = logging.getLogger("django.request").handlers[0]
    records = []
    handler.emit, original = records.append, handler.emit
    try:
        response = client.get(reverse("startups:queue"))
        client.get("/khong-co-trang-nay/")
    finally:
        handler.emit = original
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền truy cập" in page and "site-topbar" in page
    assert [r.status_code for r in records] == [403, 404]
    assert all(handler.filter(r) and r.exc_info is None for r in records)
