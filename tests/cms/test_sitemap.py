import pytest
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def test_sitemap_lists_only_what_buyers_may_see(client, site_tree, seller, product):
    draft = product_create(seller=seller, title="Bản nháp")
    Product.objects.filter(pk=draft.pk).update(moderation_status="submitted")
    suspended = SellerFactory(name="HTX tạm ngừng", code="htx-tam-ngung", status="suspended")
    hidden = product_create(seller=suspended, title="Hàng của người bán bị tạm ngừng")
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert product.get_absolute_url() in xml
    assert f"/en{product.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml and hidden.get_absolute_url() not in xml
    assert seller.get_absolute_url() in xml and "htx-tam-ngung" not in xml


def test_unapproved_product_cannot_be_added_to_the_basket(client, site_tree, seller):
    from django.urls import reverse

    Line = get_model("basket", "Line")
    draft = product_create(seller=seller, title="Bản nháp")
    Product.objects.filter(pk=draft.pk).update(moderation_status="draft")
    client.post(reverse("basket:add", kwargs={"pk": draft.pk}), {"quantity": 1})
    assert Line.objects.count() == 0
    suspended = SellerFactory(status="suspended")
    other = product_create(seller=suspended, title="Hàng bị tạm ngừng")
    client.post(reverse("basket:add", kwargs={"pk": other.pk}), {"quantity": 1})
    assert Line.objects.count() == 0
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(suspended.get_absolute_url()).status_code == 404
