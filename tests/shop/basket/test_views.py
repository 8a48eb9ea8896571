"""Bad quantities on the basket are refused with a message and change nothing."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.catalog.factories import product_create

Line = get_model("basket", "Line")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def add(client, product, quantity):
    return client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity}, follow=True
    )


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "1.5", "", "11", "99999999999999999999"])
def test_bad_quantity_on_add_is_refused(client, site_tree, product, quantity):
    response = add(client, product, quantity)
    assert response.status_code == 200
    assert Line.objects.count() == 0
    html = response.content.decode()
    assert "alert-danger" in html or "alert-warning" in html or "errorlist" in html


def test_over_stock_message_names_the_limit(client, site_tree, product):
    html = add(client, product, 11).content.decode()
    assert "10" in html
    assert Line.objects.count() == 0


def test_sold_out_product_cannot_be_added(client, site_tree, seller):
    sold_out = product_create(seller=seller, title="Mắm tôm chua 200g", stock=0)
    page = client.get(sold_out.get_absolute_url()).content.decode()
    assert "tạm hết hàng" in page
    add(client, sold_out, 1)
    assert Line.objects.count() == 0


def test_add_to_unknown_product_is_404(client, site_tree):
    response = client.post(reverse("basket:add", kwargs={"pk": 999999}), {"quantity": 1})
    assert response.status_code == 404


@pytest.mark.parametrize("quantity", ["-3", "abc", "11"])
def test_bad_quantity_on_basket_update_leaves_the_line(client, site_tree, product, quantity):
    add(client, product, 2)
    line = Line.objects.get()
    response = client.post(
        reverse("basket:summary"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(line.pk),
            "form-0-quantity": quantity,
        },
        follow=True,
    )
    assert response.status_code == 200
    line.refresh_from_db()
    assert line.quantity == 2
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated or 0) == (10, 0)


def test_good_add_shows_in_the_header_basket(client, site_tree, product):
    html = add(client, product, 3).content.decode()
    assert Line.objects.get().quantity == 3
    assert "555.000\u00a0₫" in html
