"""D3: every seller- and officer-facing URL, opened with another tenant's ids by anonymous
visitors, buyers, seller A and an officer of another province: no page shows B's objects."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.services.marketplaces import marketplace_link_set
from startups.models import Officer, SellerApplication, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

SECRET = "Bí mật của B"


@pytest.fixture
def world(site_tree, django_user_model):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    a, b = SellerFactory(name="HTX A"), SellerFactory(name=f"HTX {SECRET}")
    user_a = seller_user_create(partner=a, username="ban-a")
    user_b = seller_user_create(partner=b, username="ban-b")
    product_a = product_create(seller=a, title="Cà phê A")
    product_b = product_create(seller=b, title=f"Sản phẩm {SECRET}")
    Product.objects.filter(pk=product_b.pk).update(moderation_status="submitted")
    marketplace_link_set(product=product_b, marketplace="tiki", url="https://tiki.vn/b-p1.html")
    application_b = SellerApplication.objects.create(
        applicant=user_b,
        created_by=user_b,
        kind="household",
        display_name=f"Hộ {SECRET}",
        legal_name=SECRET,
        province=daklak.province,
        commune="Xã Ea Tu",
        phone="+84912345678",
        union_unit=daklak,
        bank_bin="970436",
        bank_account_number="0123456789",
        bank_account_holder="B",
        partner=b,
        status="approved",
    )
    Product.objects.filter(pk=product_b.pk).update(moderation_status="approved")
    order_b = order_create(product_b)
    Product.objects.filter(pk=product_b.pk).update(moderation_status="submitted")
    officer_hanoi = django_user_model.objects.create_user("cb-hn", "cbhn@example.com", "mk-2026-x1")
    Officer.objects.create(user=officer_hanoi, unit=hanoi)
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    line_b = order_b.lines.get()
    urls = [
        reverse("dashboard:catalogue-product", kwargs={"pk": product_b.pk}),
        reverse("dashboard:catalogue-product-delete", kwargs={"pk": product_b.pk}),
        reverse("dashboard:catalogue-product-create-child", kwargs={"parent_pk": product_b.pk}),
        reverse("dashboard:catalogue-product-list") + "?title=Sản phẩm",
        reverse("dashboard:order-detail", kwargs={"number": order_b.number}),
        reverse(
            "dashboard:order-line-detail", kwargs={"number": order_b.number, "line_id": line_b.pk}
        ),
        reverse("dashboard:order-list") + f"?order_number={order_b.number}",
        reverse("dashboard:index"),
        reverse("startups:review", args=[application_b.pk]),
        reverse("startups:product-review", args=[product_b.pk]),
        reverse("startups:queue") + "?status=approved",
        reverse("startups:product-queue"),
        reverse("dashboard:marketplace-clicks") + f"?partner={b.pk}",
        reverse("dashboard:product-import"),
        product_b.get_absolute_url(),
    ]
    return {
        "users": {"buyer": buyer, "seller A": user_a, "officer of Hà Nội": officer_hanoi},
        "urls": urls,
        "product_a": product_a,
    }


@pytest.mark.parametrize("role", ["anonymous", "buyer", "seller A", "officer of Hà Nội"])
def test_no_page_shows_another_tenants_objects(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    for url in world["urls"]:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code < 500, (role, url)
            body = response.content.decode()
            assert SECRET not in body, (role, method.__name__, url)
    assert Product.objects.filter(title=f"Sản phẩm {SECRET}").exists()


def test_officer_of_the_sellers_unit_sees_its_clicks_and_review(client, world, django_user_model):
    officer = django_user_model.objects.create_user("cb-dl", "cbdl@example.com", "mk-2026-x1")
    Officer.objects.create(
        user=officer, unit=UnionUnit.objects.get(province__code="66", level="province")
    )
    client.force_login(officer)
    assert SECRET in client.get(reverse("dashboard:marketplace-clicks")).content.decode()
    assert SECRET in client.get(reverse("startups:product-queue")).content.decode()
