"""Changes reach the index through ``search.receivers``: once their transaction commits (never
before, never when it rolls back), one task per kind however many saves, removals remove, and a
failing index or broker never breaks the seller's save (the next update catches up)."""

import pytest
from django.db import OperationalError, transaction
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.services.imports import products_import
from catalog.services.moderation import product_approve, product_reject
from search import api, tasks
from search.backends.database import DatabaseBackend
from search.services import products_reindex
from tests.catalog.factories import SellerFactory, product_create
from tests.catalog.test_services_imports import csv_file, good_row
from tests.search.helpers import facet, found, sellers_found
from tests.shop.factories import order_create

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(database_backend, seller, product):
    """The ``product`` fixture (coffee of the ``seller`` fixture), in the index."""
    products_reindex([product.pk])
    assert found("ca phe robusta") == [product.pk]
    return product


@pytest.fixture
def delays(monkeypatch):
    """Record the tasks enqueued instead of running them: {"products": [...], "sellers": [...]}."""
    calls = {"products": [], "sellers": []}
    monkeypatch.setattr(
        tasks.reindex_products, "delay", lambda ids: calls["products"].append(list(ids))
    )
    monkeypatch.setattr(
        tasks.reindex_sellers,
        "delay",
        lambda ids, products=False: calls["sellers"].append((list(ids), products)),
    )
    return calls


# --- changes reach the index after commit -------------------------------------------------


def test_a_new_product_is_findable_once_its_transaction_commits(
    database_backend, seller, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        tea = product_create(seller=seller, title="Trà shan tuyết cổ thụ Hà Giang", group="1.8")
        assert found("tra shan") == []
    assert found("tra shan") == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert found("tra shan") == [tea.pk]
    assert sellers_found("ea tu") == [seller.pk]


def test_one_task_per_transaction_however_many_saves(
    database_backend, seller, delays, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tea = product_create(seller=seller, title="Trà shan tuyết")  # product, category, stock
        tea.title = "Trà shan tuyết cổ thụ"
        tea.save()
    assert delays["products"] == [[tea.pk]]


def test_a_seller_deleted_with_its_products_costs_one_task_per_kind(
    database_backend, delays, django_capture_on_commit_callbacks, reference_data
):
    gone = SellerFactory()
    products = [product_create(seller=gone, title=f"Nấm linh chi {n}") for n in range(30)]
    gone_pk = gone.pk
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()  # its 30 stock records go with it, each sending a signal
    assert delays["products"] == [sorted(p.pk for p in products)]
    # The seller itself (and, from the factory's save, with its products).
    assert delays["sellers"] == [([gone_pk], False), ([gone_pk], True)]


def test_rolled_back_changes_never_reach_the_index(
    database_backend, seller, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            product_create(seller=seller, title="Chè Thái Nguyên hủy bỏ")
            raise RuntimeError("rolled back")
        kept = product_create(seller=seller, title="Chè Thái Nguyên giữ lại")
    assert found("che thai nguyen") == [kept.pk]


def test_withdraw_reject_delete_and_suspend_remove_from_the_index(
    indexed, seller, django_capture_on_commit_callbacks
):
    others = [product_create(seller=seller, title=f"Cà phê phin số {n}") for n in range(3)]
    products_reindex([p.pk for p in others])
    assert len(found("ca phe")) == 4

    with django_capture_on_commit_callbacks(execute=True):
        indexed.is_public = False  # the seller withdraws it
        indexed.save()
    assert indexed.pk not in found("ca phe")
    with django_capture_on_commit_callbacks(execute=True):
        product_reject(product_id=others[0].pk, reason="Ảnh không rõ")
    assert others[0].pk not in found("ca phe")
    with django_capture_on_commit_callbacks(execute=True):
        others[1].delete()
    assert found("ca phe") == [others[2].pk]
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Partner.Status.SUSPENDED
        seller.save()
    assert found("ca phe") == []
    assert sellers_found() == []


def test_approval_makes_a_waiting_product_findable(
    database_backend, seller, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        waiting = product_create(seller=seller, title="Hạt điều rang muối")
        Product.objects.filter(pk=waiting.pk).update(moderation_status="submitted")
    assert found("hat dieu") == []
    with django_capture_on_commit_callbacks(execute=True):
        product_approve(product_id=waiting.pk)
    assert found("hat dieu") == [waiting.pk]


def test_price_stock_category_and_marketplace_changes_update_the_facets(
    indexed, django_capture_on_commit_callbacks
):
    record = indexed.stockrecords.get()
    assert facet(api.PRICE) == {"100000-200000": 1}
    with django_capture_on_commit_callbacks(execute=True):
        record.price = 650000
        record.num_in_stock = 0
        record.save()
    assert facet(api.PRICE) == {"500000-1000000": 1}
    assert facet(api.IN_STOCK) == {}
    assert found(sort=api.PRICE_DESC, filters={api.PRICE: ("500000-1000000",)}) == [indexed.pk]

    with django_capture_on_commit_callbacks(execute=True):
        indexed.categories.set([Category.objects.get(ocop_code="1.4")])
        MarketplaceLink.objects.create(
            product=indexed, marketplace="shopee", url="https://shopee.vn/ca-phe-i9"
        )
    assert facet(api.GROUP) == {"1": 1, "1.4": 1}
    assert facet(api.MARKETPLACE) == {"shopee": 1}


def test_a_seller_rename_reaches_its_products(indexed, seller, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seller.name = "HTX Tây Nguyên Xanh"
        seller.save()
    assert found("tay nguyen xanh") == [indexed.pk]  # the seller's name is in the body
    assert sellers_found("tay nguyen") == [seller.pk]


def test_a_seller_story_edit_leaves_its_products_alone(
    database_backend, reference_data, delays, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seller = SellerFactory()
    assert delays["sellers"] == [([seller.pk], True)]  # new: the seller and its products
    seller = Partner.objects.get(pk=seller.pk)
    with django_capture_on_commit_callbacks(execute=True):
        seller.description = "Cà phê sạch từ vùng đất đỏ bazan."
        seller.save()
    assert delays["sellers"][-1] == ([seller.pk], False)
    with django_capture_on_commit_callbacks(execute=True):
        seller.kind = Partner.Kind.STARTUP
        seller.save()
    assert delays["sellers"][-1] == ([seller.pk], True)


def test_an_import_is_indexed(database_backend, seller, django_capture_on_commit_callbacks):
    data = csv_file([good_row("CF-101"), good_row("CF-102", **{"Tên sản phẩm": "Ca cao Ea Kar"})])
    with django_capture_on_commit_callbacks(execute=True):
        report = products_import(partner=seller, file=data, approve=True)
    assert report.ok and report.created == 2
    assert len(found("ca phe robusta cf")) == 1
    assert len(found("ca cao ea kar")) == 1
    # Re-importing a new price updates the index too (bulk updates send no model signals).
    data = csv_file([good_row("CF-101", **{"Giá (VND)": "1.500.000"})])
    with django_capture_on_commit_callbacks(execute=True):
        assert products_import(partner=seller, file=data, approve=True).updated == 1
    assert facet(api.PRICE, text="ca phe robusta cf") == {"1000000-": 1}


# --- failures never break a save, and are caught up --------------------------------------


def test_a_failing_index_never_breaks_the_save_and_is_caught_up_later(
    indexed, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def down(self, documents):
        raise OperationalError("search index unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(DatabaseBackend, "index", down)
        with django_capture_on_commit_callbacks(execute=True):
            indexed.title = "Cà phê Culi đặc biệt"
            indexed.save()  # no exception
    assert Product.objects.get(pk=indexed.pk).title == "Cà phê Culi đặc biệt"
    assert "Search index update" in caplog.text
    assert found("culi") == []  # behind for now

    products_reindex([indexed.pk])  # the next update of it (or a rebuild) catches up
    assert found("culi") == [indexed.pk]


def test_a_broker_that_is_down_never_breaks_the_save(
    indexed, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refused(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.reindex_products, "delay", refused)
    with django_capture_on_commit_callbacks(execute=True):
        indexed.title = "Cà phê Moka"
        indexed.save()
    assert Product.objects.get(pk=indexed.pk).title == "Cà phê Moka"
    assert "broker down" in caplog.text


# --- writes that send no model signal -----------------------------------------------------


def test_an_order_that_takes_the_last_units_reaches_the_index(
    database_backend, site_tree, seller, client, django_capture_on_commit_callbacks
):
    """Stock taken at order placement is a conditional UPDATE that sends no model signal; the
    order's own signal must still bring the sold-out product's stock and popularity to the
    index."""
    honey = product_create(seller=seller, title="Mật ong hoa cà phê 500ml", stock=2)
    tea = product_create(seller=seller, title="Trà Shan tuyết cổ thụ", stock=5)
    order_create(tea)  # sold once before: the more popular of the two
    products_reindex([honey.pk, tea.pk])
    assert found(filters={api.IN_STOCK: ("1",)}, sort=api.NEWEST) == [tea.pk, honey.pk]
    assert found(sort=api.POPULAR) == [tea.pk, honey.pk]

    client.post(reverse("basket:add", kwargs={"pk": honey.pk}), {"quantity": 2})
    client.post(reverse("checkout:index"), {"username": "mua@example.com", "options": "anonymous"})
    client.post(
        reverse("checkout:shipping-address"),
        {
            "first_name": "Người Mua",
            "line1": "1 Lê Lợi",
            "line4": "Phường Bến Thành",
            "state": "Hồ Chí Minh",
            "phone_number": "0912345678",
        },
        follow=True,
    )
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.url == reverse("checkout:thank-you")

    assert found(filters={api.IN_STOCK: ("1",)}) == [tea.pk]
    assert facet(api.IN_STOCK) == {"1": 1}
    assert found(sort=api.POPULAR) == [honey.pk, tea.pk]  # 2 sold now against 1
