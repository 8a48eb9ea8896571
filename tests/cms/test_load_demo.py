"""`manage.py load_demo`: a believable catalogue, and a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        Product.objects.count(),
        Partner.objects.count(),
        ProductImage.objects.count(),
        sorted(StockRecord.objects.values_list("partner_sku", "price", "num_in_stock")),
    )


def test_demo_catalogue_is_believable_and_idempotent(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    assert "admin / ocop-admin-2026" in first

    products = Product.objects.prefetch_related("categories", "images", "stockrecords__partner")
    assert products.count() >= 60
    groups = {c.get_ancestors_and_self()[0].ocop_code for p in products for c in p.categories.all()}
    assert groups == {"1", "2", "3", "4", "5", "6"}
    assert Product.objects.values("origin_province").distinct().count() >= 10
    assert Partner.objects.count() >= 12
    for kind in ("startup", "cooperative", "household"):
        assert Partner.objects.filter(kind=kind).exists()
    assert all(p.images.count() == 1 and p.stockrecords.count() == 1 for p in products)
    image = ProductImage.objects.first()
    with image.original.open("rb") as f:
        assert f.read(3) == b"\xff\xd8\xff"  # a real JPEG, made locally
    assert {p.ocop_stars for p in products} >= {3, 4, 5, None}
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("ocop-admin-2026")

    before = snapshot()
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert snapshot() == before
