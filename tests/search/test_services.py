"""Keeping the index true with ``search.services``: reindexing given ids writes the public
ones and removes the others, a rebuild never shows searches an empty index, the daily job
catches certificates that lapsed without an edit, and ``search_index check`` finds what is
behind."""

import datetime
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import timezone
from oscar.core.loading import get_model

from search import api
from search.models import SearchEntry
from search.services import (
    certificate_changes_reindex,
    index_rebuild,
    products_reindex,
    sellers_reindex,
)
from tests.catalog.factories import SellerFactory, product_create
from tests.search.conftest import database_backend_name
from tests.search.helpers import facet, found, sellers_found

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


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
    """One thread rebuilds again and again while another searches; every search sees the
    whole shelf, never an empty or half-built index. (Committed data here, so the signals
    index the shelf as it is created.)"""
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
