"""Keeping the index true (RELIABILITY.md K1-K3): changes reach the index once their transaction
commits, removals remove, a failing index or broker never breaks a seller's save and is caught
up later, a rebuild never shows searches an empty index, ``search_index check`` finds what is
behind, and documents cost a fixed number of queries however many products there are."""

import datetime
import io
import threading

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from search import api, tasks
from search.backends.database import DatabaseBackend
from search.indexing import (
    certificate_changes_reindex,
    index_rebuild,
    product_documents,
    products_reindex,
    seller_documents,
    sellers_reindex,
)
from search.models import SearchEntry
from tests.factories import SellerFactory, order_create, product_create
from tests.search.conftest import database_backend_name

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
MarketplaceLink = get_model("catalogue", "MarketplaceLink")
MarketplaceClick = get_model("catalogue", "MarketplaceClick")

pytestmark = pytest.mark.django_db


def found(text="", **kwargs) -> list[int]:
    return api.search(api.Query(text=text, per_page=100, **kwargs)).ids


def sellers_found(text="") -> list[int]:
    return api.search(api.Query(text=text, kind=api.SELLER)).ids


def facet(name, **kwargs) -> dict[str, int]:
    return {v.value: v.count for v in api.search(api.Query(**kwargs)).facets[name]}


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


# --- changes reach the index after commit (K1) --------------------------------------------


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
    from catalog.moderation import product_reject

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
    from catalog.moderation import product_approve

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
    from catalog.importing import products_import
    from tests.catalog.test_importing import csv_file, good_row

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


# --- failures never break a save, and are caught up (K3) ----------------------------------


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


def test_a_failed_task_retries_with_growing_delays(monkeypatch):
    def down(ids, **kwargs):
        raise OperationalError("search index unavailable")

    monkeypatch.setattr("search.indexing.products_reindex", down)
    asked = []

    def retry(exc=None, countdown=None, **kwargs):
        asked.append((exc, countdown))
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(tasks.reindex_products, "retry", retry)
    for retries, (low, high) in ((0, (2, 5)), (3, (20, 40)), (10, (300, 600))):
        tasks.reindex_products.push_request(is_eager=False, retries=retries)
        try:
            with pytest.raises(Retry):
                tasks.reindex_products.run([1])
        finally:
            tasks.reindex_products.pop_request()
        exc, countdown = asked[-1]
        assert isinstance(exc, OperationalError)
        assert low <= countdown <= high


# --- documents ----------------------------------------------------------------------------


def test_documents_hold_what_buyers_see(database_backend, seller):
    today = datetime.date.today()
    coffee = product_create(
        seller=seller,
        title="Cà phê Robusta",
        price=185000,
        stock=10,
        description="<p>Rang mộc tại <b>Buôn Ma Thuột</b></p>",
    )
    cheaper = SellerFactory(name="Tổ hợp tác Cư M'gar", kind="startup")
    StockRecord.objects.create(
        product=coffee,
        partner=cheaper,
        partner_sku="TH-1",
        price_currency="VND",
        price=150000,
        num_in_stock=0,
    )
    expired = product_create(
        seller=seller,
        title="Cà phê hết hạn chứng nhận",
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    hidden = product_create(seller=seller, title="Cà phê nháp", is_public=False)
    link = MarketplaceLink.objects.create(
        product=coffee, marketplace="tiki", url="https://tiki.vn/ca-phe-p1.html"
    )
    MarketplaceClick.objects.bulk_create([MarketplaceClick(link=link) for _ in range(2)])
    order_create(coffee, quantity=3)

    docs = {d.id: d for d in product_documents([coffee.pk, expired.pk, hidden.pk])}
    assert set(docs) == {coffee.pk, expired.pk}
    doc = docs[coffee.pk]
    assert doc.group_codes == ["1", "1.9"]
    assert (doc.price, doc.seller_id, doc.seller_kind) == (150000, cheaper.pk, "startup")
    assert doc.in_stock  # the other record has stock
    assert doc.stars == 4 and docs[expired.pk].stars is None
    assert doc.marketplaces == ["tiki"]
    assert doc.popularity == 3 + 2  # units sold plus clicks
    assert doc.title_folded == "ca phe robusta"
    for words in ("buon ma thuot", "dak lak", "cu m'gar", "ca phe va ca cao"):
        assert words in doc.body_folded
    assert "<" not in doc.body_folded
    assert doc.url == f"/shop/catalogue/ca-phe-robusta_{coffee.pk}/"

    (seller_doc,) = seller_documents([seller.pk])
    assert (seller_doc.title, seller_doc.product_count) == ("HTX Cà phê Ea Tu", 2)


def test_documents_cost_the_same_queries_for_10_or_50_products(database_backend, seller):
    def queries(build) -> int:
        with CaptureQueriesContext(connection) as ctx:
            list(build())
        return len(ctx.captured_queries)

    sellers = [seller, SellerFactory(), SellerFactory()]
    for n in range(10):
        product_create(seller=sellers[n % 3], title=f"Sản phẩm {n}")
    ten = (queries(product_documents), queries(seller_documents))
    ids = list(Product.objects.values_list("pk", flat=True))
    ten_by_id = queries(lambda: product_documents(ids))
    for n in range(40):
        product_create(seller=sellers[n % 3], title=f"Sản phẩm thêm {n}")
        sellers.append(SellerFactory())
    assert len(list(product_documents())) == 50
    assert (queries(product_documents), queries(seller_documents)) == ten
    ids = list(Product.objects.values_list("pk", flat=True))
    assert queries(lambda: product_documents(ids)) == ten_by_id
    # Rewriting them all costs a fixed number of statements too.
    with CaptureQueriesContext(connection) as ctx:
        products_reindex(ids)
    assert len(ctx.captured_queries) < 40


# --- search_index check and rebuild -------------------------------------------------------


def test_check_lists_differences_and_rebuild_fixes_them(database_backend, seller, product):
    other = product_create(seller=seller, title="Mật ong rừng U Minh", group="1.4")

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "check", stdout=out, stderr=err)
    assert f"2 product(s) missing from the index: {product.pk}, {other.pk}" in out.getvalue()
    assert "1 seller(s) missing from the index" in out.getvalue()

    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "rebuild", stdout=out, stderr=err)
    assert "Indexed 3 documents" in out.getvalue()
    assert "100%" in err.getvalue()  # the progress bar
    call_command("search_index", "check", stdout=io.StringIO(), stderr=io.StringIO())

    # Changes that bypassed the signals: a price by queryset, a product gone.
    StockRecord.objects.filter(product=product).update(price=99000)
    SearchEntry.objects.create(
        kind=api.PRODUCT, object_id=987654, title="Ma", title_lower="ma", title_folded="ma"
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "check", "--no-progress", stdout=out, stderr=io.StringIO())
    assert f"1 product(s) outdated in the index: {product.pk}" in out.getvalue()
    assert "1 product(s) in the index but not public: 987654" in out.getvalue()
    call_command("search_index", "rebuild", "--no-progress", stdout=io.StringIO())
    call_command("search_index", "check", stdout=io.StringIO(), stderr=io.StringIO())
    assert facet(api.PRICE) == {"0-100000": 1, "100000-200000": 1}


@pytest.mark.skipif(
    database_backend_name() != "postgresql",
    reason="needs PostgreSQL: readers in other threads during a rebuild",
)
@pytest.mark.django_db(transaction=True)
def test_searches_never_see_an_empty_index_during_a_rebuild(database_backend, reference_data):
    """K2: one thread rebuilds again and again while another searches; every search sees the
    whole shelf. (Committed data here, so the signals index the shelf as it is created.)"""
    sellers = [SellerFactory(), SellerFactory()]
    for n in range(60):
        product_create(
            seller=sellers[n % 2], title=f"Cà phê rang xay số {n}", price=100000 + n * 1000
        )
    assert api.search(api.Query(text="ca phe")).total == 60

    totals, errors, during = [], [], []
    stop, rebuilding = threading.Event(), threading.Event()

    def searcher():
        try:
            while not stop.is_set():
                results = api.search(api.Query(text="ca phe", filters={api.IN_STOCK: ("1",)}))
                totals.append(results.total)
                if rebuilding.is_set():
                    during.append(results.total)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=searcher)
    thread.start()
    try:
        for _ in range(5):
            rebuilding.set()
            index_rebuild()
            rebuilding.clear()
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not errors
    assert during, "no search ran while rebuilding"
    assert set(totals) == {60}


def test_sellers_reindex_removes_suspended_sellers(database_backend, seller, product):
    sellers_reindex([seller.pk], products=True)
    assert sellers_found() == [seller.pk] and found() == [product.pk]
    Partner.objects.filter(pk=seller.pk).update(status=Partner.Status.SUSPENDED)
    sellers_reindex([seller.pk], products=True)
    assert sellers_found() == [] and found() == []


def test_stars_leave_the_index_with_the_certificate(database_backend, seller):
    today = timezone.localdate()
    lapsing = product_create(
        seller=seller,
        title="Cà phê sắp hết hạn",
        stars=5,
        valid_until=today + datetime.timedelta(days=1),
    )
    products_reindex([lapsing.pk])
    assert facet(api.STARS) == {"5": 1}
    Product.objects.filter(pk=lapsing.pk).update(
        ocop_valid_until=today - datetime.timedelta(days=1)
    )
    products_reindex([lapsing.pk])
    assert facet(api.STARS) == {}


def test_daily_job_reindexes_certificates_that_lapsed_without_an_edit(database_backend, seller):
    today = timezone.localdate()
    lapsing = product_create(
        seller=seller,
        title="Cà phê hết hạn hôm qua",
        stars=5,
        valid_until=today + datetime.timedelta(days=3),
    )
    untouched = product_create(seller=seller, title="Chè còn hạn", stars=4)
    products_reindex([lapsing.pk, untouched.pk])
    assert facet(api.STARS) == {"5": 1, "4": 1}
    # The certificate ends; nothing is saved, so no signal fires.
    Product.objects.filter(pk=lapsing.pk).update(
        ocop_valid_until=today - datetime.timedelta(days=1)
    )
    assert facet(api.STARS) == {"5": 1, "4": 1}
    assert certificate_changes_reindex(today) == 1
    assert facet(api.STARS) == {"4": 1}


def test_an_order_that_takes_the_last_units_reaches_the_index(
    database_backend, site_tree, seller, client, django_capture_on_commit_callbacks
):
    """Issue 11 finding 10: stock taken at order placement (a conditional UPDATE that sends no
    model signal) left a sold-out product "in stock" in the index and its popularity still."""
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
