"""Issue 6: the dashboard product list (shop.dashboard.catalogue.views.ProductListView) reads
the seller's products through their stock records, without Oscar's joins and DISTINCT, and
lists exactly what Oscar's list did, for sellers and staff, with every search."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from oscar.apps.dashboard.catalogue.views import ProductListView as OscarProductListView
from oscar.core.loading import get_model

from shop.dashboard.catalogue.views import ProductListView
from tests.catalog.factories import SellerFactory, product_create, seller_user_create

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

SEARCHES = [
    {},
    {"title": "gạo"},
    {"title": "lon nhỏ"},
    {"title": "không có"},
    {"upc": "8930001"},
    {"upc": "893000"},
    {"upc": "0001"},
    {"upc": "999"},
    {"upc": "893000", "title": "gạo"},
]


@pytest.fixture
def catalogue(site_tree, seller, django_user_model):
    other = SellerFactory()
    mine = [product_create(seller=seller, title=f"Gạo ST25 túi {i} kg") for i in range(3)]
    theirs = [product_create(seller=other, title=f"Gạo nếp {i}") for i in range(2)]
    Product.objects.filter(pk=mine[0].pk).update(upc="8930001")
    Product.objects.filter(pk=theirs[0].pk).update(upc="8930002")
    # A parent product whose variant (not the parent) has the seller's stock record, and
    # one of the other seller's with a variant of each seller.
    parent = product_create(seller=seller, title="Nước mắm Phú Quốc")
    StockRecord.objects.filter(product=parent).delete()
    Product.objects.filter(pk=parent.pk).update(structure=Product.PARENT)
    child = Product.objects.create(
        structure=Product.CHILD, parent=parent, title="Lon nhỏ", upc="8930003"
    )
    StockRecord.objects.create(
        product=child,
        partner=seller,
        partner_sku="SKU-LON",
        price_currency="VND",
        price=90000,
        num_in_stock=3,
    )
    shared = product_create(seller=other, title="Cà phê hai nhà")
    Product.objects.filter(pk=shared.pk).update(structure=Product.PARENT)
    for i, partner in enumerate((seller, other)):
        variant = Product.objects.create(structure=Product.CHILD, parent=shared, title=f"Gói {i}")
        StockRecord.objects.create(
            product=variant,
            partner=partner,
            partner_sku=f"SKU-G{i}",
            price_currency="VND",
            price=50000,
            num_in_stock=3,
        )
    return {
        "seller": seller_user_create(partner=seller, username="nguoi-ban"),
        "staff": django_user_model.objects.create_superuser("quan-tri", "qt@x.vn", "pw"),
    }


def listed(view_class, user, params):
    request = RequestFactory().get("/", params)
    request.user = user
    view = view_class()
    view.setup(request)
    return sorted(view.get_queryset().values_list("pk", flat=True))


@pytest.mark.parametrize("who", ["seller", "staff"])
@pytest.mark.parametrize("params", SEARCHES)
def test_lists_what_oscar_listed(catalogue, who, params):
    ours = listed(ProductListView, catalogue[who], params)
    assert ours == listed(OscarProductListView, catalogue[who], params)
    if not params and who == "seller":
        titles = set(Product.objects.filter(pk__in=ours).values_list("title", flat=True))
        assert titles == {
            "Gạo ST25 túi 0 kg",
            "Gạo ST25 túi 1 kg",
            "Gạo ST25 túi 2 kg",
            "Nước mắm Phú Quốc",
            "Cà phê hai nhà",
        }


def test_page_counts_and_no_products_message(client, catalogue):
    client.force_login(catalogue["seller"])
    url = reverse("dashboard:catalogue-product-list")
    response = client.get(url)
    assert response.context["products"].paginator.count == 5
    assert 'data-objects-count="5"' in response.content.decode()
    response = client.get(url, {"title": "không có"})
    assert response.context["has_products"] is False
    assert "selected_product" not in response.content.decode()
