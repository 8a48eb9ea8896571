"""What is particular to the database backends (SQLite FTS5, PostgreSQL full text): whole
words and a half-typed last word, title above body, hostile input, the lazily created FTS5
table, and a fixed number of statements per search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import api
from search.services import index_rebuild, products_reindex
from tests.catalog.factories import SellerFactory, product_create
from tests.search.conftest import database_backend_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(database_backend, seller):
    honey = product_create(
        seller=seller, title="Mật ong hoa nhãn Hưng Yên", group="1.4", province="33", price=120000
    )
    tea = product_create(seller=seller, title="Trà shan tuyết cổ thụ", group="1.8", price=300000)
    white = product_create(seller=seller, title="Gạo trắng thơm ST25", group="1.3", price=90000)
    index_rebuild()
    return {"honey": honey.pk, "tea": tea.pk, "white": white.pk}


def ids(text="", **kwargs):
    return api.search(api.Query(text=text, per_page=100, **kwargs)).ids


# --- matching -----------------------------------------------------------------------------


def test_words_match_whole_words_and_a_half_typed_last_word_still_finds(shelf):
    assert ids("tra") == [shelf["tea"]]  # not "trắng"
    assert ids("mat ong hoa nh") == [shelf["honey"]]  # no word "nh": taken as a prefix
    assert ids("gao trang") == [shelf["white"]]


def test_a_title_match_outranks_a_body_match(database_backend, seller):
    other = SellerFactory(name="Tổ hợp tác Hưng Yên", kind="startup")
    body_only = product_create(
        seller=other,
        title="Long nhãn sấy khô",
        group="1.5",
        description="Từ vùng nhãn lồng Hưng Yên",
    )
    in_title = product_create(seller=seller, title="Nhãn lồng Hưng Yên", group="1.1", province="66")
    index_rebuild()
    assert ids("nhan long hung yen") == [in_title.pk, body_only.pk]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "'",
        '"ca',
        "ca AND OR NOT",
        "NEAR(ca, 2)",
        "*",
        "ca* -p ^ :",
        "title_folded : ca",
        "( ) [ ] { } ' \\",
        "ca'; DROP TABLE search_searchentry; --",
        "%",
        "_%_",
        "\x00ca",
        "🍵☕",
        "a & b | !c <-> d:*",
        "x" * 5000,
    ],
)
def test_hostile_text_is_just_text(shelf, text):
    results = api.search(api.Query(text=text))
    assert results.total in (0, 3)
    assert isinstance(api.suggest(text), list)


def test_hostile_filter_values_match_nothing(shelf):
    for facet in (api.GROUP, api.MARKETPLACE, api.PROVINCE, api.SELLER_KIND, api.STARS):
        for value in ("%", "_", "|", "' OR 1=1 --", "1%"):
            results = api.search(api.Query(filters={facet: (value,)}))
            assert results.ids == [] and results.total == 0, (facet, value)
    assert ids(filters={api.GROUP: ("1",)}) and ids(filters={api.GROUP: ("1.8",)}) == [shelf["tea"]]


# --- engine particulars -------------------------------------------------------------------


@pytest.mark.skipif(database_backend_name() != "sqlite", reason="SQLite FTS5 only")
def test_sqlite_recreates_its_fts_table_and_indexes_the_rows_already_there(shelf):
    with connection.cursor() as cursor:
        for statement in (
            "DROP TRIGGER search_entry_fts_ai",
            "DROP TABLE search_entry_vocab",
            "DROP TABLE search_entry_fts",
        ):
            cursor.execute(statement)
    assert ids("tra shan") == [shelf["tea"]]
    assert ids("tra shann") == [shelf["tea"]]  # the vocabulary is back too
    tea2 = product_create(seller=SellerFactory(), title="Trà shan tuyết Hà Giang")
    products_reindex([tea2.pk])  # and the triggers keep it in step
    assert set(ids("tra shan")) == {shelf["tea"], tea2.pk}


def test_statements_per_search_and_type_ahead(shelf):
    extra = 1 if connection.vendor == "sqlite" else 0  # SQLite checks its FTS5 table first
    with CaptureQueriesContext(connection) as ctx:
        api.search(api.Query(text="mat ong", filters={api.STARS: ("4",), api.GROUP: ("1",)}))
    assert len(ctx.captured_queries) == 2 + extra
    with CaptureQueriesContext(connection) as ctx:
        api.search(api.Query(filters={api.PROVINCE: ("66",)}, page=2, per_page=1, facets=False))
    assert len(ctx.captured_queries) == 2 + extra  # the page and a count
    with CaptureQueriesContext(connection) as ctx:
        api.suggest("mat o")
    assert len(ctx.captured_queries) <= 4 + extra  # sellers and products, by name start first
