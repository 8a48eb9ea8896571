"""The officer's product queue names new products as new, and the traceability link a seller
gives is shown to the reviewer and, when https, on the product page."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from startups.models import Officer, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import product_create
from tests.startups.factories import approved_application_create

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db

TRACE = "https://truyxuat.daklak.gov.vn/san-pham/ca-phe-ea-tu"


@pytest.fixture
def officer_client(client, site_tree, django_user_model, seller):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    user = django_user_model.objects.create_user("cb", "cb@example.com", "mk-2026-abcd")
    Officer.objects.create(user=user, unit=daklak)
    creator = django_user_model.objects.create_user("nv", "nv@example.com", "mk-2026-abcd")
    approved_application_create(seller=seller, unit=daklak, created_by=creator)
    client.force_login(user)
    return client


def test_a_new_product_with_pictures_is_queued_as_new(officer_client, seller):
    new = product_create(seller=seller, title="Tiêu đen Ea Tu 500g")
    # What a seller's first save with pictures left behind: a picture count in pending_changes.
    Product.objects.filter(pk=new.pk).update(
        moderation_status="submitted", pending_changes={"images": 1}
    )
    changed = product_create(seller=seller, title="Mật ong Ea Tu 500ml")
    Product.objects.filter(pk=changed.pk).update(pending_changes={"title": "Mật ong rừng"})
    html = officer_client.get(reverse("startups:product-queue")).content.decode()
    rows = {
        title: html.split(title, 1)[1].split("</tr>", 1)[0]
        for title in ("Tiêu đen Ea Tu 500g", "Mật ong Ea Tu 500ml")
    }
    assert "Sản phẩm mới" in rows["Tiêu đen Ea Tu 500g"]
    assert "Thay đổi của sản phẩm đã duyệt" not in rows["Tiêu đen Ea Tu 500g"]
    assert "Thay đổi của sản phẩm đã duyệt" in rows["Mật ong Ea Tu 500ml"]


def test_the_reviewer_and_buyers_see_the_traceability_link(officer_client, client, seller):
    product = product_create(seller=seller, title="Tiêu đen Ea Tu 500g")
    Product.objects.filter(pk=product.pk).update(
        moderation_status="submitted", ocop_traceability_url=TRACE
    )
    review = officer_client.get(reverse("startups:product-review", args=[product.pk]))
    html = review.content.decode()
    assert f'href="{TRACE}" rel="nofollow noopener"' in html
    assert "Truy xuất nguồn gốc" in html
    Product.objects.filter(pk=product.pk).update(moderation_status="approved")
    officer_client.logout()
    page = client.get(product.get_absolute_url()).content.decode()
    assert f'href="{TRACE}" rel="nofollow noopener"' in page


def test_a_plain_http_traceability_link_is_not_shown_to_buyers(client, site_tree, seller):
    product = product_create(seller=seller, title="Tiêu đen Ea Tu 500g")
    Product.objects.filter(pk=product.pk).update(
        ocop_traceability_url="http://truyxuat.example.vn/x"
    )
    page = client.get(product.get_absolute_url()).content.decode()
    assert "truyxuat.example.vn" not in page
