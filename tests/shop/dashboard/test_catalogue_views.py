"""Staff edit OCOP certificates in Oscar's dashboard; bad certificates get messages."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_class

pytestmark = pytest.mark.django_db


def form_data(product, **changes):
    data = {
        "title": product.title,
        "description": product.description,
        "is_public": "on",
        "structure": "standalone",
        "slug": product.slug,
        "origin_province": product.origin_province_id,
        "origin_place": "Xã Ea Tu",
        "ocop_stars": "4",
        "ocop_certificate_number": "66-2025-OCOP-0042",
        "ocop_issuing_authority": "UBND Tỉnh Đắk Lắk",
        "ocop_decision_number": "12/QĐ-UBND",
        "ocop_decision_date": "2025-03-01",
        "ocop_valid_from": "2025-03-01",
        "ocop_valid_until": "2028-02-29",
    }
    data.update(changes)
    return data


def test_product_editor_shows_ocop_fields(admin_client, site_tree, product):
    html = admin_client.get(
        reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    ).content.decode()
    for name in ("ocop_stars", "ocop_certificate_number", "ocop_valid_until", "origin_province"):
        assert f'name="{name}"' in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ocop_stars": "6"}, "ocop_stars", "lựa chọn hợp lệ"),
        ({"ocop_certificate_number": ""}, "ocop_certificate_number", "số giấy chứng nhận"),
        ({"ocop_valid_until": "2025-02-01"}, "ocop_valid_until", "phải sau ngày bắt đầu"),
        ({"ocop_valid_from": ""}, "ocop_valid_from", "ngày bắt đầu hiệu lực"),
        ({"ocop_decision_date": "31/02/2025"}, "ocop_decision_date", "hợp lệ"),
    ],
)
def test_bad_certificate_is_refused_with_a_message(site_tree, product, changes, field, message):
    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    form = ProductForm(product.product_class, data=form_data(product, **changes), instance=product)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])
    product.refresh_from_db()
    assert product.ocop_certificate_number != "66-2025-OCOP-0042"


def test_good_certificate_is_saved(site_tree, product):
    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    form = ProductForm(product.product_class, data=form_data(product), instance=product)
    assert form.is_valid(), form.errors
    form.save()
    product.refresh_from_db()
    assert (product.ocop_stars, product.ocop_certificate_number) == (4, "66-2025-OCOP-0042")
