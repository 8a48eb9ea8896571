"""The Elasticsearch backend against a real server (``ELASTICSEARCH_URL``): Vietnamese folding,
exact accents first, typos, facets, type-ahead, writes, and a rebuild that never leaves searches
empty. Each test works in indexes of its own prefix, deleted afterwards.

The documents are built here, not read from the database: the database → documents path is
covered by the contract suite, which also runs on this backend when the URL is set."""

import datetime
import threading
import time
import unicodedata
import uuid

import pytest
from django.conf import settings

from core.text import fold_vietnamese
from search import api
from search.documents import ProductDocument, SellerDocument

URL = getattr(settings, "ELASTICSEARCH_URL", "")
if not URL:
    pytest.skip(
        "ELASTICSEARCH_URL not set: no Elasticsearch server to test against "
        "(e.g. ELASTICSEARCH_URL=http://localhost:9200)",
        allow_module_level=True,
    )

from search.backends.elastic import ElasticsearchBackend  # noqa: E402

DAK_LAK, HA_NOI, THANH_HOA = "66", "01", "38"
T0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def product(
    pk,
    title,
    *,
    body="",
    province=DAK_LAK,
    groups=("1", "1.9"),
    stars=4,
    price=185_000,
    kind="cooperative",
    in_stock=True,
    marketplaces=(),
    popularity=0,
    age_days=0,
):
    return ProductDocument(
        id=pk,
        title=title,
        title_folded=fold_vietnamese(title),
        body_folded=fold_vietnamese(body),
        url=f"/p/{pk}/",
        group_codes=list(groups),
        stars=stars,
        province_code=province,
        price=price,
        seller_id=1,
        seller_name="HTX",
        seller_kind=kind,
        in_stock=in_stock,
        marketplaces=list(marketplaces),
        popularity=popularity,
        created=T0 - datetime.timedelta(days=age_days),
    )


def seller(pk, title, *, body="", province=DAK_LAK, kind="cooperative"):
    return SellerDocument(
        id=pk,
        title=title,
        title_folded=fold_vietnamese(title),
        body_folded=fold_vietnamese(body),
        url=f"/s/{pk}/",
        province_code=province,
        seller_kind=kind,
        product_count=2,
        created=T0,
    )


CATALOGUE = [
    product(
        1,
        "Cà phê Robusta rang mộc",
        body="Buôn Ma Thuột, Đắk Lắk",
        price=185_000,
        popularity=30,
        marketplaces=["shopee"],
        age_days=3,
    ),
    product(
        2,
        "Mật ong hoa cà phê",
        body="Đắk Lắk",
        groups=("1", "1.2"),
        stars=5,
        price=95_000,
        popularity=5,
        age_days=1,
    ),
    product(
        3,
        "Đặc sản nem chua Thanh Hóa",
        body="Thanh Hoá",
        province=THANH_HOA,
        groups=("1", "1.3"),
        stars=3,
        price=60_000,
        kind="household",
        in_stock=False,
        marketplaces=["lazada", "shopee"],
        popularity=12,
        age_days=2,
    ),
    product(
        4,
        "Cá kho làng Vũ Đại",
        body="Hà Nam",
        province=HA_NOI,
        groups=("1", "1.3"),
        stars=None,
        price=250_000,
        popularity=1,
        age_days=0,
    ),
    product(
        5,
        "Trà shan tuyết",
        body="Hà Giang; hương vị cà phê nhẹ",
        province=HA_NOI,
        groups=("1", "1.9"),
        stars=4,
        price=1_200_000,
        age_days=5,
    ),
]
SELLERS = [
    seller(11, "HTX Cà phê Ea Tu", body="Buôn Ma Thuột"),
    seller(12, "Hộ kinh doanh Mật ong Bảo", province=HA_NOI, kind="household"),
]


@pytest.fixture
def es():
    backend = ElasticsearchBackend(
        url=URL, index_prefix=f"test-{uuid.uuid4().hex[:10]}", swap_grace=0.2
    )
    yield backend
    client = backend.client
    names = list(client.options(ignore_status=404).indices.get(index=f"{backend.prefix}-*"))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)


@pytest.fixture
def loaded(es):
    es.rebuild(CATALOGUE + SELLERS, total=len(CATALOGUE) + len(SELLERS))
    return es


def find(es, text="", **kwargs):
    return es.search(api.Query(text=text, **kwargs))


def test_unaccented_text_finds_accented_titles_and_places(loaded):
    assert sorted(find(loaded, "ca phe dak lak").ids) == [1, 2]
    assert find(loaded, "dac san").ids == [3]
    assert find(loaded, "DAK LAK").total == 2
    assert set(find(loaded, "thanh hoa").ids) == {3}  # "Hóa" and "Hoá" fold the same


def test_title_and_exact_accent_rank_first(loaded):
    ids = find(loaded, "cà phê").ids
    assert sorted(ids[:2]) == [1, 2] and ids[2:] == [5]  # titles above 5's description
    assert find(loaded, "cá").ids[0] == 4  # "Cá kho" before "Cà phê"
    assert find(loaded, "cà").ids[0] in (1, 2)


def test_decomposed_input_finds_the_same(loaded):
    text = "Cà phê Đắk Lắk"
    assert find(loaded, unicodedata.normalize("NFD", text)).ids == find(loaded, text).ids


def test_a_typo_still_finds_and_reports_the_correction(loaded):
    results = find(loaded, "mat ongg")
    assert results.ids[0] == 2
    assert results.corrected_text == "mat ong"
    assert find(loaded, "ca phe").corrected_text is None


def test_facets_count_each_alternative_with_the_other_filters(loaded):
    everything = find(loaded)
    assert everything.total == 5
    counts = {
        facet: {v.value: v.count for v in values} for facet, values in everything.facets.items()
    }
    assert counts[api.GROUP] == {"1": 5, "1.9": 2, "1.3": 2, "1.2": 1}
    assert counts[api.STARS] == {"4": 2, "5": 1, "3": 1}
    assert counts[api.PRICE] == {
        "0-100000": 2,
        "100000-200000": 1,
        "200000-500000": 1,
        "1000000-": 1,
    }
    assert counts[api.IN_STOCK] == {"1": 4}
    assert counts[api.MARKETPLACE] == {"shopee": 2, "lazada": 1}

    picked = find(loaded, filters={api.PROVINCE: (DAK_LAK, THANH_HOA), api.STARS: ("4", "5")})
    assert sorted(picked.ids) == [1, 2]  # OR within, AND across
    stars = {v.value: (v.count, v.selected) for v in picked.facets[api.STARS]}
    assert stars == {"4": (1, True), "5": (1, True), "3": (1, False)}  # province applied only
    provinces = {v.value: v.count for v in picked.facets[api.PROVINCE]}
    assert provinces == {DAK_LAK: 2, HA_NOI: 1}  # stars applied only


def test_sorts_and_pages(loaded):
    assert find(loaded, sort=api.PRICE_ASC).ids == [3, 2, 1, 4, 5]
    assert find(loaded, sort=api.PRICE_DESC).ids == [5, 4, 1, 2, 3]
    assert find(loaded, sort=api.NEWEST).ids == [4, 2, 3, 1, 5]
    assert find(loaded, sort=api.POPULAR).ids == [1, 3, 2, 4, 5]
    assert (
        find(loaded, sort=api.STARS_DESC).ids[0] == 2
        and find(loaded, sort=api.STARS_DESC).ids[-1] == 4
    )  # no stars last
    second = find(loaded, sort=api.PRICE_ASC, page=2, per_page=2)
    assert (second.ids, second.total) == ([1, 4], 5)


def test_sellers_are_searched_with_their_facets(loaded):
    results = find(loaded, "ca phe", kind=api.SELLER)
    assert results.ids == [11]
    assert {v.value for v in results.facets[api.SELLER_KIND]} == {"cooperative"}


def test_type_ahead_finds_products_and_sellers_by_word_prefix(loaded):
    found = loaded.suggest("ca p", limit=10)
    assert {(s.kind, s.id) for s in found} >= {(api.PRODUCT, 1), (api.SELLER, 11)}
    assert (api.PRODUCT, 3) not in {(s.kind, s.id) for s in found}
    assert loaded.suggest("mat o", limit=1)[0].label in (
        "Mật ong hoa cà phê",
        "Hộ kinh doanh Mật ong Bảo",
    )


def test_writes_are_searchable_when_they_return(loaded):
    assert loaded.index([product(6, "Nước mắm Phú Quốc", province="91")]) == 1
    assert find(loaded, "nuoc mam").ids == [6]
    assert loaded.delete(api.PRODUCT, [6, 999]) == 1
    assert find(loaded, "nuoc mam").ids == []
    assert loaded.indexed_ids(api.PRODUCT) == {1, 2, 3, 4, 5}
    assert loaded.indexed_ids(api.SELLER) == {11, 12}
    assert loaded.stale(CATALOGUE + SELLERS) == set()
    assert loaded.stale([product(2, "Mật ong hoa cà phê", price=1)]) == {(api.PRODUCT, 2)}


def test_index_before_any_rebuild_creates_the_aliased_index(es):
    es.index([product(1, "Cà phê")])
    assert find(es, "ca phe").ids == [1]
    assert es.client.indices.exists_alias(name=es.alias(api.PRODUCT))


def test_searches_during_a_rebuild_never_come_back_empty_and_writes_are_kept(loaded):
    errors, totals, done = [], [], threading.Event()

    def search_loop():
        while not done.is_set():
            try:
                totals.append(find(loaded, "ca phe").total)
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                errors.append(exc)

    def slow_documents():
        for doc in CATALOGUE + SELLERS:
            time.sleep(0.2)
            yield doc

    def rebuild():
        try:
            loaded.rebuild(slow_documents(), total=len(CATALOGUE) + len(SELLERS))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    client = loaded.client
    old = set(client.indices.get_alias(name=loaded.alias(api.PRODUCT)))
    searcher, builder = threading.Thread(target=search_loop), threading.Thread(target=rebuild)
    searcher.start()
    builder.start()
    try:
        deadline = time.monotonic() + 5
        while not client.indices.exists_alias(name=loaded.loading_alias(api.PRODUCT)):
            assert time.monotonic() < deadline, "the rebuild never started loading"
            time.sleep(0.02)
        # saved while the rebuild loads: a changed product and a new one
        changed = product(1, "Cà phê Robusta rang mộc đặc biệt", body="Buôn Ma Thuột, Đắk Lắk")
        loaded.index([changed, product(7, "Nước mắm Phú Quốc", province="91")])
        builder.join(20)
        time.sleep(0.3)
    finally:
        done.set()
        searcher.join(10)
    assert not errors
    assert len(totals) > 5 and min(totals) == max(totals) == 3
    new = set(client.indices.get_alias(name=loaded.alias(api.PRODUCT)))
    assert new and new != old
    assert not client.indices.exists(index=",".join(old))  # the old index is gone
    assert not client.indices.exists_alias(name=loaded.loading_alias(api.PRODUCT))
    assert find(loaded, "dac biet").ids == [1]  # not overwritten by the load's older copy
    assert find(loaded, "nuoc mam").ids == [7]  # not lost with the old index


def test_a_failed_rebuild_keeps_the_index_that_was_serving(loaded):
    def broken_documents():
        yield CATALOGUE[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        loaded.rebuild(broken_documents(), total=5)
    assert find(loaded).total == 5
    names = list(loaded.client.indices.get(index=f"{loaded.prefix}-*"))
    assert len(names) == 2  # the new, half-loaded indexes were dropped
