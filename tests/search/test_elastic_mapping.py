"""What the Elasticsearch backend stores: the analysis of Vietnamese text, the mapping and
settings of each kind's index, and the sources documents become (no server needed)."""

import re
import unicodedata

from core.text import search_key
from search import api
from search.backends.elastic_mapping import document_source, index_definition
from search.documents import SellerDocument
from tests.search.elastic_fakes import product, seller, startup

UNSENT = "elastic-mapping-tests"  # a connection name: definitions are built, never sent


# --- the index ------------------------------------------------------------------------------


def test_index_folds_vietnamese_with_d_mapped_explicitly():
    definition = index_definition(api.PRODUCT, "ocop-products-1", using=UNSENT).to_dict()
    analysis = definition["settings"]["analysis"]
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["tokenizer"] == "standard"
    assert folded["filter"] == ["lowercase", "asciifolding", "vi_iy"]
    (char_filter,) = folded["char_filter"]
    assert analysis["char_filter"][char_filter] == {
        "type": "mapping",
        "mappings": ["đ => d", "Đ => D"],
    }
    exact = analysis["analyzer"]["vi_exact"]
    assert exact["filter"] == ["lowercase"] and "char_filter" not in exact

    fields = definition["mappings"]["properties"]
    assert definition["mappings"]["dynamic"] == "strict"
    assert fields["title"]["analyzer"] == "vi_folded"
    assert fields["title"]["fields"]["exact"] == {"type": "text", "analyzer": "vi_exact"}
    assert fields["body"]["analyzer"] == "vi_folded"
    assert fields["suggest"] == {"type": "search_as_you_type", "analyzer": "vi_folded"}
    for name in ("group_codes", "stars", "province_code", "seller_kind", "marketplaces"):
        assert fields[name]["type"] == "keyword", name
    assert fields["in_stock"]["type"] == "boolean"
    assert fields["price"]["type"] == "long"
    assert fields["popularity"]["type"] == "integer"
    assert fields["created"]["type"] == "date"


def test_index_settings_allow_the_deepest_page_and_load_without_refreshes():
    loading = index_definition(api.PRODUCT, "p", loading=True, using=UNSENT).to_dict()["settings"]
    serving = index_definition(api.SELLER, "s", using=UNSENT).to_dict()["settings"]
    assert loading["refresh_interval"] == "-1" and serving["refresh_interval"] == "1s"
    assert serving["max_result_window"] >= api.MAX_PAGE * api.MAX_PER_PAGE
    assert serving["number_of_shards"] == 1


def test_sellers_are_mapped_with_their_own_facets():
    fields = index_definition(api.SELLER, "s", using=UNSENT).to_dict()["mappings"]["properties"]
    assert {"title", "body", "suggest", "province_code", "seller_kind", "product_count"} <= set(
        fields
    )
    assert "price" not in fields


def test_documents_become_sources_that_fit_the_mapping():
    decomposed = unicodedata.normalize("NFD", "Cà phê Đắk Lắk")
    source = document_source(product(5, title=decomposed, stars=None, province_code=""))
    assert source["title"] == source["suggest"] == "Cà phê Đắk Lắk"  # NFC
    assert source["group_codes"] == ["1", "1.9"] and source["in_stock"] is True
    assert "stars" not in source and "province_code" not in source  # missing sorts last
    assert source["price"] == 185_000 and source["marketplaces"] == ["shopee"]
    fields = index_definition(api.PRODUCT, "p", using=UNSENT).to_dict()["mappings"]["properties"]
    assert set(source) <= set(fields)
    assert set(document_source(seller(3))) <= set(
        index_definition(api.SELLER, "s", using=UNSENT).to_dict()["mappings"]["properties"]
    )
    assert document_source(product(5, stars=5))["stars"] == "5"


def test_the_analyzer_makes_i_and_y_spellings_one_word_as_the_database_backends_do():
    analysis = index_definition(api.PRODUCT, "p", using=UNSENT).to_dict()["settings"]["analysis"]
    rule = analysis["filter"]["vi_iy"]
    assert rule["type"] == "pattern_replace"
    # The same rule as core.text.search_key, word for word (Java's $1 is Python's \\1).
    pattern, replacement = re.compile(rule["pattern"]), rule["replacement"].replace("$1", r"\1")
    for word in [
        "ly",
        "li",
        "my",
        "ky",
        "quy",
        "sy",
        "ty",
        "hy",
        "tay",
        "thuy",
        "duy",
        "ngay",
        "y",
        "yen",
        "quyen",
        "khuya",
        "son",
        "tho",
    ]:
        assert pattern.sub(replacement, word) == search_key(word), word
    assert search_key("ly") == search_key("li") == "li"
    assert search_key("tay thuy") == "tay thuy"


def test_the_body_holds_former_province_names_and_words_written_together():
    source = document_source(
        product(
            8,
            title="Sâm Ngọc Linh",
            title_folded="sam ngoc linh",
            body_folded="sam quy",
            province_code="48",
        )
    )  # Đà Nẵng, which took in Quảng Nam on 1 July 2025
    words = source["body"].split()
    assert {"quang", "nam", "samngoc", "ngoclinh", "samngoclinh", "quangnam", "danang"} <= set(
        words
    )
    assert "qui" in words and "quy" not in words  # the search key, as in the database
    sellers = document_source(
        SellerDocument(
            id=2,
            title="HTX Bình Dương",
            title_folded="htx binh duong",
            body_folded="",
            url="/s/2/",
            province_code="79",
            seller_kind="cooperative",
        )
    )
    assert {"ba", "ria", "vung", "tau", "bariavungtau", "binhduong"} <= set(sellers["body"].split())


def test_startups_are_mapped_with_their_facets_and_sorts():
    definition = index_definition(api.STARTUP, "st", using=UNSENT).to_dict()
    fields = definition["mappings"]["properties"]
    assert definition["mappings"]["dynamic"] == "strict"
    assert fields["title"]["analyzer"] == fields["body"]["analyzer"] == "vi_folded"
    for name in ("province_code", "sector", "stage", "looking_for"):
        assert fields[name]["type"] == "keyword", name
    for name in ("verified", "youth_team", "has_ocop"):
        assert fields[name]["type"] == "boolean", name
    for name in ("followers_month", "interest", "popularity"):
        assert fields[name]["type"] == "integer", name
    assert "suggest" not in fields and "price" not in fields  # never offered by type-ahead
    source = document_source(startup(4, title=unicodedata.normalize("NFD", "Cà phê Ea Tu")))
    assert source["title"] == "Cà phê Ea Tu"
    assert source["looking_for"] == ["investment", "mentoring"]
    assert (source["verified"], source["has_ocop"], source["followers_month"]) == (True, False, 4)
    assert set(source) <= set(fields)
    assert "ca phe sach" in source["body"] and {"daklak", "phuyen"} <= set(source["body"].split())
