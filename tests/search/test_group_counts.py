"""A category page's counts kept per group by the database backends (``search.GroupCount``):
the page reads one row instead of counting its group's entries, and after any mix of writes
(new products, price, stock and star changes, a product moved to another group, withdrawn,
sellers' products removed, a rebuild, concurrent writers) every row says what counting the
whole group says."""

import io
import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from search import api
from search.models import GroupCount
from search.services import group_indexes_ensure, index_rebuild, products_reindex
from tests.catalog.factories import SellerFactory, product_create

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def category_query(code: str) -> api.Query:
    return api.Query(filters={api.GROUP: (code,)}, counted=api.GROUP_PAGE_FACETS)


def counted_live(backend, code: str) -> tuple[dict, int]:
    with connection.cursor() as cursor:
        counts, total = backend._group_counts(cursor, code)
    return {facet: dict(c) for facet, c in counts.items()}, total


def assert_rows_true(backend):
    rows = list(GroupCount.objects.all())
    assert rows
    for row in rows:
        assert (row.counts, row.total) == counted_live(backend, row.code), row.code


@pytest.fixture
def shelf(database_backend, seller):
    """Coffee and tea in group 1, rice wine in group 2, indexed, the counts kept."""
    coffee = product_create(seller=seller, title="Cà phê Ea Tu", group="1.1", price=185000)
    tea = product_create(seller=seller, title="Chè Hà Giang", group="1.2", price=90000, stars=5)
    wine = product_create(seller=seller, title="Rượu cần", group="2.1", price=320000, stars=3)
    index_rebuild()
    return database_backend, coffee, tea, wine


def test_a_category_page_reads_its_counts_from_the_kept_row(shelf, settings):
    backend, coffee, tea, wine = shelf
    assert {"1", "1.1", "1.2", "2", "2.1"} <= set(GroupCount.objects.values_list("code", flat=True))
    kept = api.search(category_query("1"))
    assert kept.total == 2
    assert {v.value: v.count for v in kept.facets[api.STARS]} == {"4": 1, "5": 1}
    GroupCount.objects.filter(code="1").delete()  # counted live again: the same answer
    live = api.search(category_query("1"))
    assert (live.total, live.facets) == (kept.total, kept.facets)


def test_the_category_page_counts_nothing_when_its_row_is_kept(shelf):
    url = Category.objects.get(ocop_code="1").get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200
    assert "Cà phê Ea Tu" in response.content.decode()
    assert not [q for q in queries if "COUNT(*)" in q["sql"] and "searchentry" in q["sql"]]


def test_every_kind_of_write_keeps_the_rows_true(shelf, seller):
    backend, coffee, tea, wine = shelf
    assert_rows_true(backend)
    # a new product
    honey = product_create(seller=seller, title="Mật ong bạc hà", group="1.1", price=250000)
    products_reindex([honey.pk])
    assert_rows_true(backend)
    # price into another band, sold out, stars changed
    record = coffee.stockrecords.get()
    record.price, record.num_in_stock = 40000, 0
    record.save()
    Product.objects.filter(pk=tea.pk).update(ocop_stars=3)
    products_reindex([coffee.pk, tea.pk])
    assert_rows_true(backend)
    assert api.search(category_query("1")).total == 3
    # moved from group 1 to group 2
    tea.categories.set([Category.objects.get(ocop_code="2.1")])
    products_reindex([tea.pk])
    assert_rows_true(backend)
    assert api.search(category_query("1")).total == 2
    assert api.search(category_query("2")).total == 2
    # withdrawn: its row leaves the index and the counts
    Product.objects.filter(pk=honey.pk).update(is_public=False)
    products_reindex([honey.pk])
    assert_rows_true(backend)
    assert api.search(category_query("1.1")).total == 1
    # written again unchanged: nothing moves
    before = list(GroupCount.objects.order_by("code").values_list("code", "total", "counts"))
    products_reindex([coffee.pk, tea.pk, wine.pk])
    assert list(GroupCount.objects.order_by("code").values_list("code", "total", "counts")) == (
        before
    )


def test_a_rebuild_and_search_index_groups_make_the_rows_true_again(shelf):
    backend, coffee, tea, wine = shelf
    GroupCount.objects.filter(code="1").update(total=99, counts={})  # wrong, somehow
    GroupCount.objects.filter(code="2").delete()
    index_rebuild()
    assert_rows_true(backend)
    assert GroupCount.objects.filter(code="2").exists()
    GroupCount.objects.create(code="9.9", total=5)  # a code no category has
    GroupCount.objects.filter(code="1.1").update(total=0)
    out = io.StringIO()
    call_command("search_index", "groups", stdout=out)
    assert "category counts counted afresh" in out.getvalue()
    assert not GroupCount.objects.filter(code="9.9").exists()
    assert_rows_true(backend)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_rows_true(database_backend, reference_data):
    """Four threads change products of one group at once, each committing its own writes;
    the rows still say what counting the groups says."""
    seller = SellerFactory()
    products = [
        product_create(seller=seller, title=f"Cà phê số {n}", group="1.1", price=50000 + n * 9000)
        for n in range(16)
    ]
    group_indexes_ensure()
    errors = []

    def writer(mine):
        try:
            for n, product in enumerate(mine):
                StockRecord.objects.filter(product=product).update(
                    price=20000 + n * 150000, num_in_stock=n % 2
                )
                products_reindex([product.pk])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(products[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert_rows_true(database_backend)
