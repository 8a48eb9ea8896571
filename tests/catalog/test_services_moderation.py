"""Moderation: trusted edits of an approved product wait for review while the approved
version stays public; price and stock are not moderated."""

import pytest
from django.urls import reverse

from catalog.services.moderation import (
    hold_trusted_changes,
    product_approve,
    product_reject,
)
from startups.models import Officer, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create
from tests.startups.factories import approved_application_create

pytestmark = pytest.mark.django_db


def test_trusted_edit_waits_and_the_old_version_stays_public(client, site_tree, seller):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    product = product_create(seller=seller, title="Chè Tân Cương 200g")
    original = Product.objects.get(pk=product.pk)
    product.title = "Chè Tân Cương thượng hạng 200g"
    product.ocop_stars = 5
    held = hold_trusted_changes(product=product, original=original)
    product.save()
    assert set(held) == {"title", "ocop_stars"}
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Chè Tân Cương 200g" in html and "thượng hạng" not in html
    product_approve(product_id=product.pk)
    product.refresh_from_db()
    assert product.title == "Chè Tân Cương thượng hạng 200g" and product.ocop_stars == 5
    assert product.pending_changes == {}


def test_rejecting_changes_keeps_the_approved_product_public(client, site_tree, seller):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    product = product_create(seller=seller, title="Gạo ST25 5kg")
    original = Product.objects.get(pk=product.pk)
    product.description = "Gạo ngon nhất thế giới, chữa bách bệnh"
    hold_trusted_changes(product=product, original=original)
    product.save()
    product_reject(product_id=product.pk, reason="Không được quảng cáo công dụng chữa bệnh")
    product.refresh_from_db()
    assert product.moderation_status == "approved" and product.pending_changes == {}
    assert product.moderation_note.startswith("Không được")
    assert client.get(product.get_absolute_url()).status_code == 200


def test_rejecting_a_new_product_needs_a_reason(site_tree, seller):
    product = product_create(seller=seller)
    with pytest.raises(ValueError):
        product_reject(product_id=product.pk, reason=" ")


def test_officer_reviews_products_of_sellers_in_their_tree(
    client, site_tree, django_user_model, seller
):
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    officer_user = django_user_model.objects.create_user("cb", "cb@example.com", "mk-2026-abcd")
    Officer.objects.create(user=officer_user, unit=daklak)
    other_user = django_user_model.objects.create_user("hn", "hn@example.com", "mk-2026-abcd")
    Officer.objects.create(user=other_user, unit=hanoi)
    approved_application_create(seller=seller, unit=daklak, created_by=officer_user)
    product = product_create(seller=seller, title="Tiêu đen Ea Tu 500g")
    Product.objects.filter(pk=product.pk).update(moderation_status="submitted")
    stranger = product_create(seller=SellerFactory(), title="Sản phẩm không thuộc đơn vị")
    Product.objects.filter(pk=stranger.pk).update(moderation_status="submitted")

    client.force_login(other_user)
    assert "Tiêu đen" not in client.get(reverse("startups:product-queue")).content.decode()
    assert client.get(reverse("startups:product-review", args=[product.pk])).status_code == 404

    client.force_login(officer_user)
    queue = client.get(reverse("startups:product-queue")).content.decode()
    assert "Tiêu đen Ea Tu 500g" in queue and "không thuộc đơn vị" not in queue
    url = reverse("startups:product-review", args=[product.pk])
    page = client.get(url).content.decode()
    assert "Bản chụp giấy chứng nhận" in page
    response = client.post(url, {"action": "reject", "reason": ""})
    assert "bắt buộc" in response.content.decode()
    client.post(url, {"action": "approve"})
    product.refresh_from_db()
    assert product.moderation_status == "approved"
    assert client.get(product.get_absolute_url()).status_code == 200


def test_new_pictures_of_an_approved_product_wait_for_review(client, site_tree, seller):
    import io

    from django.core.files.base import ContentFile
    from oscar.core.loading import get_model
    from PIL import Image

    from catalog.services.moderation import hold_new_images

    ProductImage = get_model("catalogue", "ProductImage")
    product = product_create(seller=seller, title="Gốm men lam 6 chén")
    data = io.BytesIO()
    Image.new("RGB", (400, 400), (20, 60, 160)).save(data, format="JPEG")
    image = ProductImage(product=product, display_order=0)
    image.original.save("moi.jpg", ContentFile(data.getvalue()), save=True)
    hold_new_images(product=product, images=[image])
    product.refresh_from_db()
    assert product.pending_changes == {"images": 1}
    assert image.original.url not in client.get(product.get_absolute_url()).content.decode()
    Product = get_model("catalogue", "Product")
    # the basket and checkout show product.primary_image: the missing-picture stand-in for now
    assert Product.objects.get(pk=product.pk).primary_image()["is_missing"]
    product_approve(product_id=product.pk)
    assert Product.objects.get(pk=product.pk).primary_image() == image
    assert image.original.url in client.get(product.get_absolute_url()).content.decode()


def test_script_in_a_description_is_shown_as_text(client, site_tree, seller):
    product = product_create(
        seller=seller,
        title="Mô tả có mã độc",
        description='<script>alert("x")</script><a href="javascript:1">a</a>',
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html and 'href="javascript:1"' not in html
