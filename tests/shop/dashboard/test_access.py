"""Issue 11 #2, #4, #5: every page of Oscar's dashboard, for every role, with another tenant's
ids. The URL patterns are enumerated from the resolver, so a page added later is covered (and
closed to sellers unless ``shop.dashboard.access.SELLER_VIEWS`` names it)."""

import csv
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import override
from oscar.core.loading import get_model

from shop.dashboard.access import OPEN_VIEWS, SCOPED_VIEWS, SELLER_VIEWS
from startups.models import Lead, Officer, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create
from tests.startups.factories import booth_create, expo_create, pitch_create, startup_create

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")

pytestmark = pytest.mark.django_db

# Pages a seller may open with its own objects (the rest of SELLER_VIEWS work without ids).
OWN_OBJECT_VIEWS = {
    "catalogue-product",
    "catalogue-product-create-child",
    "catalogue-product-delete",
    "order-detail",
    "order-line-detail",
    "product-submit",
    "qr-poster",
    "lead-detail",
    "pitch-edit",
    "pitch-updates",
    "pitch-questions",
    "booth-edit",
    "booth-questions",
    "booth-leads",
    "followup-create",
    "booth-numbers",
    "booth-numbers-export",
    "booth-poster",
}
# Ids a page takes besides the world's (a poster of seller A's product, as a PNG).
PAGE_IDS = {
    "qr-poster": {"kind": "product", "fmt": "png"},
    "lead-export": {"fmt": "csv"},
    "booth-numbers-export": {"fmt": "csv"},
    "booth-poster": {"fmt": "png"},
}
# Seller pages that only take POST (a GET is refused the same way for everyone who may use them)
POST_ONLY_VIEWS = {"product-submit", "order-part-action", "pitch-submit", "booth-presence"}


def dashboard_patterns():
    """(name, route) of every URL pattern under /shop/dashboard/, Oscar's sub-apps included."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "shop/dashboard/" in route:
                found.append((pattern, route))

    walk(get_resolver().url_patterns, "")
    return found


def fill(route: str, ids: dict) -> str:
    """A concrete URL for a route, with the ids of seller A's objects (or 1)."""
    path = route.replace("^", "").replace("$", "")
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), 1)), path)
    return "/" + path


@pytest.fixture
def world(site_tree, django_user_model):
    union_units_load()
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    a, b = SellerFactory(name="HTX Chè A"), SellerFactory(name="HTX Mật ong B")
    user_a = seller_user_create(partner=a, username="ban-a")
    user_b = seller_user_create(partner=b, username="ban-b")
    tea = product_create(seller=a, title="Chè Shan tuyết A", stock=20)
    honey = product_create(seller=b, title="Mật ong B", stock=20)
    draft = product_create(seller=a, title="Nháp bí mật của A", stock=5)
    Product.objects.filter(pk=draft.pk).update(moderation_status="draft")
    order = order_create(tea, honey, payment_method="cod")  # one order, a parcel of each seller
    address = ShippingAddress.objects.create(
        first_name="Người Mua",
        line1="1 Lê Lợi",
        line4="Phường Bến Thành",
        state="Hồ Chí Minh",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
    )
    Order.objects.filter(pk=order.pk).update(shipping_address=address)
    line_a = order.lines.get(partner=a)
    note = order.notes.create(message="Ghi chú nội bộ", user=user_a)
    officer = django_user_model.objects.create_user("cb-hn", "cbhn@example.com", "mk-2026-x1")
    Officer.objects.create(user=officer, unit=hanoi)
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    staff = django_user_model.objects.create_user(
        "qt", "qt@example.com", "mk-2026-x1", is_staff=True, is_superuser=True
    )
    ids = {
        "pk": tea.pk,
        "parent_pk": tea.pk,
        "number": order.number,
        "line_id": line_a.pk,
        "note_id": note.pk,
        "partner_pk": a.pk,
        "user_pk": user_a.pk,
        "product_class_slug": tea.product_class.slug,
        "slug": "ORDER_PLACED",
        "method_pk": 1,
        "parent": 1,
        "action": "confirm",
        "part_number": order.parts.get(partner=a).number,
    }
    # Seller A's startup, for the startup pages; a lead of it that B must never see.
    startup_a = startup_create(seller=a, unit=hanoi, name="Chè A khởi nghiệp")
    lead_a = Lead.objects.create(
        startup=startup_a,
        role="buyer",
        message="Chè Shan tuyết A: mua sỉ",
        name="Khách của A",
        email="khach@example.com",
        fingerprint="lead-a",
    )
    pitch_a = pitch_create(startup=startup_a, title="Gọi vốn chè A")  # pitch-submit sends it
    expo = expo_create(unit=hanoi, phase="applications")
    ids["expo_pk"] = expo.pk
    booth_a = booth_create(expo=expo, startup=startup_a, status="applied", products=[tea])
    # A poster is printed for an approved booth only: A's booth at a second, live expo.
    approved_a = booth_create(expo=expo_create(unit=hanoi), startup=startup_a, products=[tea])
    return {
        "ids": ids,
        # Ids of seller A's objects for pages whose "pk" is not a product's.
        "own_ids": {
            "lead-detail": {"pk": lead_a.pk},
            **{
                name: {"pk": pitch_a.pk}
                for name in ("pitch-edit", "pitch-submit", "pitch-updates", "pitch-questions")
            },
            **{
                name: {"pk": booth_a.pk}
                for name in (
                    "booth-edit",
                    "booth-questions",
                    "booth-presence",
                    "booth-leads",
                    "followup-create",
                    "booth-numbers",
                    "booth-numbers-export",
                )
            },
            "booth-poster": {"pk": approved_a.pk},
        },
        "startup_a": startup_a,
        "order": order,
        "tea": tea,
        "honey": honey,
        "draft": draft,
        "address": address,
        "users": {
            "buyer": buyer,
            "seller A": user_a,
            "seller B": user_b,
            "officer": officer,
            "staff": staff,
        },
    }


def test_every_dashboard_page_is_guarded_by_the_one_table(world):
    names = set()
    for pattern, route in dashboard_patterns():
        assert hasattr(pattern.callback, "dashboard_policy"), route
        names.add(pattern.name)
    assert SELLER_VIEWS <= names and OPEN_VIEWS <= names
    assert {"order-stats", "order-shipping-address", "order-detail-note"} <= names - SELLER_VIEWS


@pytest.mark.parametrize("role", ["anonymous", "buyer", "officer", "seller A", "seller B", "staff"])
def test_every_dashboard_page_for_every_role(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    for pattern, route in dashboard_patterns():
        name = pattern.name
        url = fill(
            route, {**world["ids"], **PAGE_IDS.get(name, {}), **world["own_ids"].get(name, {})}
        )
        send = client.post if name in POST_ONLY_VIEWS else client.get
        with override("vi"):
            response = send(url)
        status = response.status_code
        assert status < 500, (role, url)
        if name in OPEN_VIEWS or (name in SCOPED_VIEWS and role not in ("anonymous",)):
            continue  # SCOPED_VIEWS: tests/startups/test_tenant_crawl.py
        if role == "anonymous":
            assert status == 302 and "/login/" in response["Location"], (role, url, status)
        elif role in ("buyer", "officer"):
            assert status == 404, (role, url, status)
        elif role == "staff":
            assert status != 403, (role, url, status)  # 404 only where no such object
        elif name not in SELLER_VIEWS:
            assert status == 404, (role, url, status)  # closed to sellers
        elif name == "order-detail" and role == "seller B":
            # B has a parcel in this order too: B sees the order with its own part only
            assert status == 200, (role, url, status)
            assert "Chè Shan tuyết A" not in response.content.decode()
        elif name in POST_ONLY_VIEWS:
            # done for A (and back to the page), refused to B: A's product, A's part
            done = 204 if name == "booth-presence" else 302  # the desk's heartbeat: no page
            assert status == (404 if role == "seller B" else done), (role, url, status)
        elif name in OWN_OBJECT_VIEWS:
            # A's own objects open for A; for B they are another tenant's: 404. (A variant
            # cannot be added under a standalone product: Oscar refuses its owner too.)
            variant = name == "catalogue-product-create-child"
            mine, theirs = ((200, 404), (404,)) if variant else ((200,), (404,))
            assert status in (theirs if role == "seller B" else mine), (role, url, status)
        else:
            assert status in (200, 302, 405), (role, url, status)  # 405: a POST-only action
            if role == "seller B":
                body = response.content.decode(errors="replace")
                assert "Chè Shan tuyết A" not in body and "Nháp bí mật" not in body, url


def test_no_seller_changes_the_address_of_an_order_it_shares(client, world):
    """The finding: seller B changed the delivery address of an order holding A's parcel."""
    client.force_login(world["users"]["seller B"])
    url = f"/shop/dashboard/orders/{world['order'].number}/shipping-address/"
    response = client.post(
        url,
        {
            "first_name": "Kẻ Gian",
            "line1": "99 Đường Khác",
            "line4": "Phường X",
            "state": "Hà Nội",
            "phone_number": "0987654321",
            "country": "VN",
        },
    )
    assert response.status_code == 404
    world["address"].refresh_from_db()
    assert world["address"].line1 == "1 Lê Lợi"


def test_sellers_get_no_whole_order_csv_statistics_or_other_sellers_sku_filters(client, world):
    client.force_login(world["users"]["seller B"])
    assert client.get("/shop/dashboard/orders/?response_format=csv").status_code == 404
    assert client.get("/shop/dashboard/orders/statistics/").status_code == 404
    own = client.get(
        "/shop/dashboard/orders/?partner_sku=" + world["honey"].stockrecords.get().partner_sku
    )
    assert str(world["order"].number) in own.content.decode()
    theirs = client.get(
        "/shop/dashboard/orders/?partner_sku=" + world["tea"].stockrecords.get().partner_sku
    )
    assert str(world["order"].number) not in theirs.content.decode()
    titled = client.get("/shop/dashboard/orders/?product_title=Chè")
    assert str(world["order"].number) not in titled.content.decode()


def test_seller_revenue_counts_its_own_parts_and_not_cancelled_ones(client, world):
    from shop.dashboard.views import seller_stats
    from shop.order.services import part_cancel

    user_a = world["users"]["seller A"]
    before = seller_stats(user_a)
    assert before["seller_revenue"] == 185000  # A's line only, not B's honey
    part = world["order"].parts.get(partner__users=user_a)
    part_cancel(part, by="seller")
    assert seller_stats(user_a)["seller_revenue"] == 0


def test_product_lookup_lists_public_and_own_products_only(client, world):
    client.force_login(world["users"]["seller B"])
    found = client.get("/shop/dashboard/catalogue/product-lookup/?q=")
    text = " ".join(r["text"] for r in found.json()["results"])
    assert "Nháp bí mật của A" not in text
    assert "Mật ong B" in text and "Chè Shan tuyết A" in text  # own, and A's public product


def test_a_drafts_wrong_slug_is_a_404_not_a_redirect_that_names_it(client, world):
    draft = world["draft"]
    response = client.get(f"/shop/catalogue/sai-duong-dan_{draft.pk}/")
    assert response.status_code == 404
    assert "nhap-bi-mat" not in response.get("Location", "")


def test_the_stock_alert_form_shows_nothing_of_a_draft(client, world):
    """Oscar's alert view rendered a draft's whole product page with the form's errors (POST)
    and redirected to its address, slug and title in it (GET)."""
    draft, public = world["draft"], world["tea"]
    url = f"/shop/accounts/alerts/create/{draft.pk}/"
    for response in (client.get(url), client.post(url, {"email": "not-an-email"})):
        assert response.status_code == 404
        assert "Nháp bí mật" not in response.content.decode()
        assert "nhap-bi-mat" not in response.get("Location", "")
    shown = client.get(f"/shop/accounts/alerts/create/{public.pk}/")
    assert shown.status_code == 302  # a public product's page, as before


def test_staff_order_csv_has_no_live_formula_from_a_buyers_name(client, world):
    """A buyer named '=HYPERLINK(...)' became a live formula in the exported CSV."""
    world["address"].first_name = '=HYPERLINK("http://evil.example","Bấm")'
    world["address"].save()
    client.force_login(world["users"]["staff"])
    order = world["order"]
    response = client.post(
        "/shop/dashboard/orders/",
        {"action": "download_selected_orders", "selected_order": [order.pk]},
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [cell for row in rows[1:] for cell in row if "HYPERLINK" in cell]
    assert names == ['\'=HYPERLINK("http://evil.example","Bấm")']  # kept, as plain text
    assert not [c for row in rows for c in row if c.startswith(("=", "+", "-", "@"))]


def test_wish_lists_are_closed_so_they_cannot_name_a_draft(client, world):
    client.force_login(world["users"]["buyer"])
    response = client.post(f"/shop/accounts/wishlists/add/{world['draft'].pk}/", follow=True)
    assert response.status_code == 404
    assert "Nháp bí mật" not in response.content.decode()
