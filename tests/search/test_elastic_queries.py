"""The Elasticsearch backend without a server: the requests it builds (bodies as sent), the
index it defines, the calls of a rebuild through a transport that answers like Elasticsearch 8
(no network), and the parsing of a recorded search response into ``api.Results``."""

import datetime
import fnmatch
import json
import re
import unicodedata
from urllib.parse import parse_qs

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch
from elasticsearch.helpers import BulkIndexError

from search import api
from search.backends.elastic import FUZZINESS, ElasticsearchBackend
from search.documents import ProductDocument, SellerDocument

# --- a transport that answers like Elasticsearch 8 -------------------------------------------


class FakeElasticsearch:
    """Records every request (method, path, query string, decoded body) and answers from
    ``routes``: (method, path regex, handler(call) -> (status, json)). Unrouted requests get
    a 404 so a forgotten call shows up as a failure."""

    def __init__(self, routes=()):
        self.calls = []
        self.routes = list(routes)

    def route(self, method, pattern, handler):
        self.routes.append((method, re.compile(pattern + r"\Z"), handler))

    def client(self):
        fake = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                path, _, query = target.partition("?")
                text = body.decode() if body else ""
                if text and "ndjson" in str((headers or {}).get("content-type", "")):
                    payload = [json.loads(line) for line in text.splitlines() if line]
                else:
                    payload = json.loads(text) if text else None
                call = {"method": method, "path": path, "params": parse_qs(query), "body": payload}
                fake.calls.append(call)
                status, data = fake.answer(call)
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    duration=0.0,
                    node=self.config,
                    headers=HttpHeaders(
                        {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
                    ),
                )
                return NodeApiResponse(meta, json.dumps(data).encode())

        return Elasticsearch("http://es.invalid:9200", node_class=Node, max_retries=0)

    def answer(self, call):
        for method, pattern, handler in self.routes:
            if method == call["method"] and pattern.match(call["path"]):
                return handler(call)
        return 404, {
            "error": {
                "type": "index_not_found_exception",
                "reason": f"no route for {call['method']} {call['path']}",
            },
            "status": 404,
        }

    def named(self, method, pattern):
        return [
            c for c in self.calls if c["method"] == method and re.match(pattern + r"\Z", c["path"])
        ]


BULK_OPS = ("index", "create", "update", "delete")


def bulk_ok(call):
    """Every action of a _bulk body succeeds."""
    items = []
    for line in call["body"]:
        op = next(iter(line)) if len(line) == 1 and next(iter(line)) in BULK_OPS else None
        if op:  # an action line (source lines follow index/create/update)
            meta = line[op]
            result = "deleted" if op == "delete" else "created"
            items.append(
                {
                    op: {
                        "_index": meta["_index"],
                        "_id": meta["_id"],
                        "status": 200 if op == "delete" else 201,
                        "result": result,
                    }
                }
            )
    return 200, {"took": 3, "errors": False, "items": items}


def acknowledged(call):
    return 200, {"acknowledged": True}


def backend_with(fake, **kwargs):
    return ElasticsearchBackend(client=fake.client(), index_prefix="test", swap_grace=0, **kwargs)


@pytest.fixture
def es():
    """A backend whose requests are only built, never sent."""
    return ElasticsearchBackend(client=FakeElasticsearch().client(), index_prefix="ocop")


def body(es, **query):
    return es.search_request(api.Query(**query)).to_dict()


def product(pk, title="Cà phê Robusta Đắk Lắk", **kwargs):
    fields = dict(
        id=pk,
        title=title,
        title_folded="",
        body_folded="ca phe rang moc buon ma thuot dak lak",
        url=f"/vi/p/{pk}/",
        group_codes=["1", "1.9"],
        stars=4,
        province_code="66",
        price=185_000,
        seller_id=7,
        seller_name="HTX Ea Tu",
        seller_kind="cooperative",
        in_stock=True,
        marketplaces=["shopee"],
        popularity=12,
        created=datetime.datetime(2025, 5, 1, 8, 0, tzinfo=datetime.UTC),
    )
    fields.update(kwargs)
    return ProductDocument(**fields)


def seller(pk, title="HTX Cà phê Ea Tu"):
    return SellerDocument(
        id=pk,
        title=title,
        title_folded="",
        body_folded="buon ma thuot",
        url=f"/vi/s/{pk}/",
        province_code="66",
        seller_kind="cooperative",
        product_count=3,
    )


# --- the index ------------------------------------------------------------------------------


def test_index_folds_vietnamese_with_d_mapped_explicitly(es):
    definition = es.index_definition(api.PRODUCT, "ocop-products-1").to_dict()
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


def test_index_settings_allow_the_deepest_page_and_load_without_refreshes(es):
    loading = es.index_definition(api.PRODUCT, "p", loading=True).to_dict()["settings"]
    serving = es.index_definition(api.SELLER, "s").to_dict()["settings"]
    assert loading["refresh_interval"] == "-1" and serving["refresh_interval"] == "1s"
    assert serving["max_result_window"] >= api.MAX_PAGE * api.MAX_PER_PAGE
    assert serving["number_of_shards"] == 1


def test_sellers_are_mapped_with_their_own_facets(es):
    fields = es.index_definition(api.SELLER, "s").to_dict()["mappings"]["properties"]
    assert {"title", "body", "suggest", "province_code", "seller_kind", "product_count"} <= set(
        fields
    )
    assert "price" not in fields


def test_documents_become_sources_that_fit_the_mapping(es):
    decomposed = unicodedata.normalize("NFD", "Cà phê Đắk Lắk")
    source = es.document_source(product(5, title=decomposed, stars=None, province_code=""))
    assert source["title"] == source["suggest"] == "Cà phê Đắk Lắk"  # NFC
    assert source["group_codes"] == ["1", "1.9"] and source["in_stock"] is True
    assert "stars" not in source and "province_code" not in source  # missing sorts last
    assert source["price"] == 185_000 and source["marketplaces"] == ["shopee"]
    fields = es.index_definition(api.PRODUCT, "p").to_dict()["mappings"]["properties"]
    assert set(source) <= set(fields)
    assert set(es.document_source(seller(3))) <= set(
        es.index_definition(api.SELLER, "s").to_dict()["mappings"]["properties"]
    )
    assert es.document_source(product(5, stars=5))["stars"] == "5"


def test_the_analyzer_makes_i_and_y_spellings_one_word_as_the_database_backends_do(es):
    from core.text import search_key

    analysis = es.index_definition(api.PRODUCT, "p").to_dict()["settings"]["analysis"]
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


def test_the_body_holds_former_province_names_and_words_written_together(es):
    source = es.document_source(
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
    sellers = es.document_source(
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


# --- text -----------------------------------------------------------------------------------


def test_every_word_must_match_the_folded_title_or_body(es):
    query = body(es, text="ca phe  dak-lak!")["query"]["bool"]
    assert [clause["multi_match"]["query"] for clause in query["must"]] == [
        "ca",
        "phe",
        "dak",
        "lak",
    ]
    for clause in query["must"]:
        assert clause["multi_match"]["fields"] == ["title^3", "body"]
        assert "fuzziness" not in clause["multi_match"]  # words as typed first


def test_the_retry_tolerates_typos_and_asks_for_spelling_suggestions(es):
    request = es.search_request(api.Query(text="mat ongg"), fuzzy=True).to_dict()
    for clause in request["query"]["bool"]["must"]:
        assert clause["multi_match"]["fuzziness"] == FUZZINESS == "AUTO:3,7"
    suggest = request["suggest"]["spelling"]
    assert suggest["text"] == "mat ongg"
    assert suggest["term"]["field"] == "spell"
    assert suggest["term"]["suggest_mode"] == "missing"
    assert "suggest" not in body(es, text="mat ongg")


def test_exact_accents_and_phrases_in_the_title_score_higher(es):
    should = body(es, text="Cà phê")["query"]["bool"]["should"]
    assert {"match": {"title.exact": {"query": "Cà phê", "boost": 5}}} in should
    phrases = {
        next(iter(c["match_phrase"])): c["match_phrase"][next(iter(c["match_phrase"]))]
        for c in should
        if "match_phrase" in c
    }
    assert phrases["title"]["boost"] > phrases["body"].get("boost", 1)
    # title boosts: exact 5 > folded 3 > body 1
    assert body(es, text="phê")["query"]["bool"]["must"][0]["multi_match"]["fields"][0] == (
        "title^3"
    )


def test_decomposed_and_composed_text_send_the_same_request(es):
    composed = body(es, text="Cà phê Đắk Lắk")
    decomposed = body(es, text=unicodedata.normalize("NFD", "Cà phê Đắk Lắk"))
    assert composed == decomposed


def test_no_usable_text_browses_everything(es):
    for text in ("", "   ", "!!! ???"):
        request = body(es, text=text)
        assert request["query"] == {"match_all": {}}
        assert "suggest" not in request


def test_long_text_is_cut_to_a_bounded_number_of_clauses(es):
    must = body(es, text="ca " * 500)["query"]["bool"]["must"]
    assert 1 <= len(must) <= 12


# --- filters and facets ---------------------------------------------------------------------


def test_filters_or_within_a_facet_and_across_facets(es):
    request = body(
        es,
        filters={
            api.GROUP: ("1", "2"),
            api.PROVINCE: ("66",),
            api.MARKETPLACE: ("lazada", "shopee"),
        },
    )
    assert request["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"group_codes": ["1", "2"]}},
                {"terms": {"province_code": ["66"]}},
                {"terms": {"marketplaces": ["lazada", "shopee"]}},
            ]
        }
    }


def test_each_facet_counts_with_every_other_facets_filter(es):
    request = body(es, filters={api.GROUP: ("1.9",), api.STARS: ("4", "5")})
    aggs = request["aggs"]
    assert set(aggs) == set(api.PRODUCT_FACETS)
    group_terms = {"terms": {"group_codes": ["1.9"]}}
    stars_terms = {"terms": {"stars": ["4", "5"]}}
    assert aggs[api.GROUP]["filter"] == {"bool": {"filter": [stars_terms]}}
    assert aggs[api.STARS]["filter"] == {"bool": {"filter": [group_terms]}}
    assert aggs[api.PROVINCE]["filter"] == {"bool": {"filter": [group_terms, stars_terms]}}
    assert aggs[api.GROUP]["aggs"]["values"]["terms"]["field"] == "group_codes"
    assert aggs[api.MARKETPLACE]["aggs"]["values"]["terms"]["field"] == "marketplaces"
    assert aggs[api.IN_STOCK]["aggs"]["values"] == {"filter": {"term": {"in_stock": True}}}


def test_without_filters_facets_count_everything(es):
    aggs = body(es)["aggs"]
    assert all(agg["filter"] == {"match_all": {}} for agg in aggs.values())
    assert "post_filter" not in body(es)


def test_price_ranges_become_a_range_aggregation_and_or_filters(es):
    request = body(es, filters={api.PRICE: ("0-100000", "1000000-", "no-such-range")})
    ranges = request["aggs"][api.PRICE]["aggs"]["values"]["range"]
    assert ranges["field"] == "price"
    assert [r["key"] for r in ranges["ranges"]] == list(api.PRICE_RANGES)
    assert ranges["ranges"][0] == {"key": "0-100000", "to": 100_000}
    assert ranges["ranges"][1] == {"key": "100000-200000", "from": 100_000, "to": 200_000}
    assert ranges["ranges"][-1] == {"key": "1000000-", "from": 1_000_000}
    assert request["post_filter"]["bool"]["filter"] == [
        {
            "bool": {
                "should": [
                    {"range": {"price": {"lt": 100_000}}},
                    {"range": {"price": {"gte": 1_000_000}}},
                ],
                "minimum_should_match": 1,
            }
        }
    ]


def test_unknown_facets_and_values_are_ignored(es):
    request = body(
        es,
        filters={
            "colour": ("red",),
            api.PRICE: ("cheap",),
            api.IN_STOCK: ("0",),
            api.GROUP: ("", "1", "1"),
        },
    )
    assert request["post_filter"] == {"bool": {"filter": [{"terms": {"group_codes": ["1"]}}]}}


def test_without_facets_the_filters_go_into_the_query(es):
    request = body(es, text="mat ong", filters={api.STARS: ("5",)}, facets=False)
    assert "aggs" not in request and "post_filter" not in request
    assert request["query"]["bool"]["filter"] == [{"terms": {"stars": ["5"]}}]
    assert [c["multi_match"]["query"] for c in request["query"]["bool"]["must"]] == [
        "mat",
        "ong",
    ]  # the text query kept


def test_sellers_have_only_province_and_kind_facets(es):
    request = body(
        es, kind=api.SELLER, text="htx", filters={api.PROVINCE: ("66",), api.PRICE: ("0-100000",)}
    )
    assert set(request["aggs"]) == {api.PROVINCE, api.SELLER_KIND}
    assert request["post_filter"] == {"bool": {"filter": [{"terms": {"province_code": ["66"]}}]}}
    assert es.search_request(api.Query(kind=api.SELLER))._index == ["ocop-sellers"]


# --- sorts and paging -----------------------------------------------------------------------

STARS = {"stars": {"order": "desc", "missing": "_last"}}
NEWEST = {"created": {"order": "desc", "missing": "_last"}}
TIE = {"id": "asc"}


@pytest.mark.parametrize(
    ("sort", "with_text", "without_text"),
    [
        (api.RELEVANCE, ["_score", {"popularity": "desc"}, TIE], [STARS, NEWEST, TIE]),
        (api.PRICE_ASC, [{"price": "asc"}, "_score", TIE], [{"price": "asc"}, TIE]),
        (api.PRICE_DESC, [{"price": "desc"}, "_score", TIE], [{"price": "desc"}, TIE]),
        (api.NEWEST, [NEWEST, "_score", TIE], [NEWEST, TIE]),
        (
            api.STARS_DESC,
            [STARS, {"popularity": "desc"}, "_score", TIE],
            [STARS, {"popularity": "desc"}, TIE],
        ),
        (api.POPULAR, [{"popularity": "desc"}, "_score", TIE], [{"popularity": "desc"}, TIE]),
    ],
)
def test_each_sort(es, sort, with_text, without_text):
    assert body(es, text="mat ong", sort=sort)["sort"] == with_text
    assert body(es, sort=sort)["sort"] == without_text


def test_every_api_sort_is_covered_and_unknown_sorts_fall_back_to_relevance(es):
    assert body(es, sort="bogus")["sort"] == body(es, sort=api.RELEVANCE)["sort"]
    for sort in api.SORTS:
        assert body(es, kind=api.SELLER, sort=sort)["sort"][-1] == TIE  # never a product field
        assert "price" not in json.dumps(body(es, kind=api.SELLER, sort=sort)["sort"])


def test_paging_uses_from_and_size(es):
    request = body(es, page=3, per_page=24)
    assert (request["from"], request["size"]) == (48, 24)
    assert request["track_total_hits"] is True and request["_source"] is False
    deepest = body(es, page=api.MAX_PAGE, per_page=api.MAX_PER_PAGE)
    assert (
        deepest["from"] + deepest["size"]
        <= (es.index_definition(api.PRODUCT, "p").to_dict()["settings"]["max_result_window"])
    )


@pytest.mark.parametrize(
    ("page", "per_page"),
    [(api.MAX_PAGE + 1, 24), (0, 24), (-3, 24), (1, 0), (1, api.MAX_PER_PAGE + 1)],
)
def test_pages_out_of_range_are_refused(es, page, per_page):
    with pytest.raises(ValueError, match="out of range"):
        es.search_request(api.Query(page=page, per_page=per_page))


def test_unknown_kinds_are_refused(es):
    with pytest.raises(ValueError, match="Unknown kind"):
        es.search_request(api.Query(kind="startup"))


# --- a recorded response --------------------------------------------------------------------

# What Elasticsearch 8 answers to body(es, text="ca phee", filters={group: [1.9], price: [0-100000]})
# on a small catalogue (sorted by _score, popularity, id; aggregations as requested).
RECORDED = json.loads("""
{
  "took": 7, "timed_out": false,
  "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
  "hits": {
    "total": {"value": 3, "relation": "eq"}, "max_score": null,
    "hits": [
      {"_index": "ocop-products-20250501080000000000", "_id": "42", "_score": 7.81,
       "sort": [7.81, 30, 42]},
      {"_index": "ocop-products-20250501080000000000", "_id": "7", "_score": 5.2,
       "sort": [5.2, 12, 7]},
      {"_index": "ocop-products-20250501080000000000", "_id": "19", "_score": 5.2,
       "sort": [5.2, 0, 19]}
    ]
  },
  "aggregations": {
    "group": {"doc_count": 5, "values": {"doc_count_error_upper_bound": 0,
      "sum_other_doc_count": 0, "buckets": [
        {"key": "1", "doc_count": 5}, {"key": "1.9", "doc_count": 3},
        {"key": "1.2", "doc_count": 2}]}},
    "stars": {"doc_count": 3, "values": {"doc_count_error_upper_bound": 0,
      "sum_other_doc_count": 0, "buckets": [
        {"key": "4", "doc_count": 2}, {"key": "5", "doc_count": 1}]}},
    "province": {"doc_count": 3, "values": {"doc_count_error_upper_bound": 0,
      "sum_other_doc_count": 0, "buckets": [{"key": "66", "doc_count": 3}]}},
    "price": {"doc_count": 4, "values": {"buckets": [
      {"key": "0-100000", "to": 100000.0, "doc_count": 3},
      {"key": "100000-200000", "from": 100000.0, "to": 200000.0, "doc_count": 1},
      {"key": "200000-500000", "from": 200000.0, "to": 500000.0, "doc_count": 0},
      {"key": "500000-1000000", "from": 500000.0, "to": 1000000.0, "doc_count": 0},
      {"key": "1000000-", "from": 1000000.0, "doc_count": 0}]}},
    "seller_kind": {"doc_count": 3, "values": {"doc_count_error_upper_bound": 0,
      "sum_other_doc_count": 0, "buckets": [
        {"key": "cooperative", "doc_count": 2}, {"key": "household", "doc_count": 1}]}},
    "in_stock": {"doc_count": 3, "values": {"doc_count": 2}},
    "marketplace": {"doc_count": 3, "values": {"doc_count_error_upper_bound": 0,
      "sum_other_doc_count": 0, "buckets": []}}
  },
  "suggest": {"spelling": [
    {"text": "ca", "offset": 0, "length": 2, "options": []},
    {"text": "phee", "offset": 3, "length": 4, "options": [
      {"text": "phe", "score": 0.6666666, "freq": 4}]}
  ]}
}
""")
RECORDED_QUERY = api.Query(
    text="ca phee",
    filters={api.GROUP: ("1.9",), api.PRICE: ("0-100000",), api.MARKETPLACE: ("lazada",)},
)


def test_a_recorded_response_becomes_results(es):
    results = es.results(RECORDED_QUERY, RECORDED)
    assert results.ids == [42, 7, 19]
    assert results.total == 3
    assert results.corrected_text == "ca phe"
    facets = results.facets
    assert list(facets) == list(api.PRODUCT_FACETS)
    # groups in code order, stars from 5 down, the rest by count
    assert facets[api.GROUP] == [
        api.FacetValue("1", 5),
        api.FacetValue("1.2", 2),
        api.FacetValue("1.9", 3, True),
    ]
    assert facets[api.STARS] == [api.FacetValue("5", 1), api.FacetValue("4", 2)]
    assert facets[api.SELLER_KIND] == [
        api.FacetValue("cooperative", 2),
        api.FacetValue("household", 1),
    ]
    # ranges without products are left out, the selected one is marked
    assert facets[api.PRICE] == [
        api.FacetValue("0-100000", 3, True),
        api.FacetValue("100000-200000", 1),
    ]
    assert facets[api.IN_STOCK] == [api.FacetValue("1", 2)]
    # a selected value with no products at all is still shown, with 0
    assert facets[api.MARKETPLACE] == [api.FacetValue("lazada", 0, True)]


def test_results_without_facets_or_hits(es):
    empty = {
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "suggest": RECORDED["suggest"],
    }
    results = es.results(api.Query(text="ca phee", facets=False), empty)
    assert results == api.Results(ids=[], total=0, facets={}, corrected_text=None)


def test_corrections_are_word_for_word_and_within_the_typo_tolerance(es):
    def entry(text, offset, option):
        return {
            "text": text,
            "offset": offset,
            "length": len(text),
            "options": [{"text": option, "score": 0.7, "freq": 3}],
        }

    assert es.corrected_text("mật ongg", {"spelling": [entry("ongg", 4, "ong")]}) == "mật ong"
    # "ongg" is 4 letters: one edit allowed, "ang" is two away
    assert es.corrected_text("mat ongg", {"spelling": [entry("ongg", 4, "ang")]}) is None
    assert es.corrected_text("ca phr", {"spelling": [entry("phr", 3, "phe")]}) == "ca phe"
    assert es.corrected_text("ca pr", {"spelling": [entry("pr", 3, "ph")]}) is None
    # words of 7 letters and more may have two typos
    assert es.corrected_text("nguoong", {"spelling": [entry("nguoong", 0, "nguong")]}) == ("nguong")
    assert es.corrected_text("ca phe", {"spelling": []}) is None


NOTHING = {
    "took": 1,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
}


def test_a_search_that_finds_nothing_is_retried_with_typo_tolerance():
    fake = FakeElasticsearch()
    fake.route(
        "POST",
        "/ocop-products/_search",
        lambda call: (200, RECORDED if "suggest" in call["body"] else NOTHING),
    )
    es = ElasticsearchBackend(client=fake.client(), index_prefix="ocop")

    results = es.search(RECORDED_QUERY)

    plain, retry = fake.calls
    assert plain["body"] == es.search_request(RECORDED_QUERY).to_dict()
    assert retry["body"] == es.search_request(RECORDED_QUERY, fuzzy=True).to_dict()
    assert plain["params"]["ignore_unavailable"] == ["true"]
    assert results.ids == [42, 7, 19] and results.corrected_text == "ca phe"


def test_a_search_that_finds_is_not_retried():
    found = {key: value for key, value in RECORDED.items() if key != "suggest"}
    fake = FakeElasticsearch()
    fake.route("POST", "/ocop-products/_search", lambda call: (200, found))
    es = ElasticsearchBackend(client=fake.client(), index_prefix="ocop")
    results = es.search(RECORDED_QUERY)
    assert len(fake.calls) == 1
    assert results.ids == [42, 7, 19] and results.corrected_text is None


def test_search_before_the_first_rebuild_finds_nothing_instead_of_failing():
    fake = FakeElasticsearch()
    fake.route(
        "POST",
        "/ocop-products/_search",
        lambda call: (
            200,
            {**NOTHING, "_shards": {"total": 0, "successful": 0, "skipped": 0, "failed": 0}},
        ),
    )
    es = ElasticsearchBackend(client=fake.client(), index_prefix="ocop")
    results = es.search(api.Query(text="ca phe", filters={api.STARS: ("5",)}))
    assert results.ids == [] and results.total == 0
    assert results.facets[api.STARS] == [api.FacetValue("5", 0, True)]


# --- type-ahead -----------------------------------------------------------------------------


def test_suggest_matches_word_prefixes_on_products_and_sellers(es):
    request = es.suggest_request("ca p", 8)
    assert request._index == ["ocop-products", "ocop-sellers"]
    request = request.to_dict()
    assert request["query"] == {
        "multi_match": {
            "query": "ca p",
            "type": "bool_prefix",
            "operator": "and",
            "fields": ["suggest", "suggest._2gram", "suggest._3gram"],
        }
    }
    assert request["size"] == 8
    assert request["_source"] == ["title", "url"]
    assert es.suggest_request("  ", 8) is None
    assert es.suggest_request("ca", 10_000).to_dict()["size"] == 50


def test_suggestions_merge_by_score_products_first_on_ties(es):
    raw = {
        "hits": {
            "total": {"value": 4, "relation": "eq"},
            "hits": [
                {
                    "_index": "ocop-sellers-20250501",
                    "_id": "3",
                    "_score": 9.0,
                    "_source": {"title": "HTX Cà phê Ea Tu", "url": "/vi/s/3/"},
                },
                {
                    "_index": "ocop-sellers-20250501",
                    "_id": "4",
                    "_score": 4.0,
                    "_source": {"title": "Cà phê Ba Vì", "url": "/vi/s/4/"},
                },
                {
                    "_index": "ocop-products-20250501",
                    "_id": "42",
                    "_score": 4.0,
                    "_source": {"title": "Cà phê Robusta", "url": "/vi/p/42/"},
                },
                {
                    "_index": "ocop-products-20250501",
                    "_id": "7",
                    "_score": 2.5,
                    "_source": {"title": "Cà phê chồn", "url": "/vi/p/7/"},
                },
            ],
        }
    }
    assert [(s.kind, s.id) for s in es.suggestions(raw)] == [
        (api.SELLER, 3),
        (api.PRODUCT, 42),
        (api.SELLER, 4),
        (api.PRODUCT, 7),
    ]
    assert es.suggestions(raw)[1] == api.Suggestion(api.PRODUCT, 42, "Cà phê Robusta", "/vi/p/42/")


def test_suggest_sends_one_request_for_both_kinds():
    fake = FakeElasticsearch()
    fake.route(
        "POST",
        "/test-products,test-sellers/_search",
        lambda call: (
            200,
            {
                "hits": {
                    "total": {"value": 1, "relation": "eq"},
                    "hits": [
                        {
                            "_index": "test-products-1",
                            "_id": "9",
                            "_score": 1.0,
                            "_source": {"title": "Mật ong bạc hà", "url": "/vi/p/9/"},
                        }
                    ],
                }
            },
        ),
    )
    es = backend_with(fake)
    assert es.suggest("mat o", limit=5) == [
        api.Suggestion(api.PRODUCT, 9, "Mật ong bạc hà", "/vi/p/9/")
    ]
    assert len(fake.calls) == 1
    assert es.suggest("", limit=5) == [] and len(fake.calls) == 1


# --- writes, rebuild and the alias swap -----------------------------------------------------


def alias_routes(fake, aliases):
    """Index and alias APIs over ``aliases`` (alias -> index): indexes created with aliases,
    moved by _aliases, removed with their index; wildcards as Elasticsearch reads them."""

    def get_alias(call):
        name = call["path"].rsplit("/", 1)[1]
        found = {}
        for alias, index in aliases.items():
            if fnmatch.fnmatchcase(alias, name):
                found.setdefault(index, {"aliases": {}})["aliases"][alias] = {}
        if found or "*" in name:
            return 200, found
        return 404, {"error": f"alias [{name}] missing", "status": 404}

    def update(call):
        for action in call["body"]["actions"]:
            ((verb, args),) = action.items()
            if verb == "add":
                aliases[args["alias"]] = args["index"]
            elif verb == "remove":
                assert aliases.pop(args["alias"]) == args["index"]
        return acknowledged(call)

    def create(call):
        for alias in (call["body"] or {}).get("aliases", {}):
            aliases[alias] = call["path"][1:]
        return acknowledged(call)

    def delete(call):
        for index in call["path"][1:].split(","):
            for alias in [a for a, i in aliases.items() if i == index]:
                del aliases[alias]
        return acknowledged(call)

    fake.route("GET", "/_alias/[^/]+", get_alias)
    fake.route("HEAD", "/_alias/[^/]+", lambda call: (get_alias(call)[0], {}))
    fake.route("POST", "/_aliases", update)
    fake.route("HEAD", "/[^_/][^/]*", lambda call: (404, {}))
    fake.route("PUT", "/test-(products|sellers)-[0-9a-z]+", create)
    fake.route("DELETE", "/[^_/][^/]*", delete)


def rebuild_fake(aliases):
    fake = FakeElasticsearch()
    alias_routes(fake, aliases)
    fake.route("PUT", "/[^/]+/_settings", acknowledged)
    fake.route("POST", "/[^/]+/_refresh", lambda c: (200, {"_shards": {"total": 2}}))
    fake.route("PUT", "/_bulk", bulk_ok)
    return fake


def test_rebuild_loads_new_indexes_then_swaps_both_aliases_at_once():
    aliases = {"test-products": "test-products-1", "test-sellers": "test-sellers-1"}
    fake = rebuild_fake(aliases)
    es = backend_with(fake, chunk_size=2)
    seen = []

    written = es.rebuild(
        [product(1), product(2), seller(3), product(4)],
        total=4,
        progress=lambda done, total: seen.append((done, total)),
    )

    assert written == 4
    assert seen[-1] == (4, 4)
    created = fake.named("PUT", r"/test-(products|sellers)-\d+")
    new_products, new_sellers = (c["path"][1:] for c in created)
    assert re.fullmatch(r"test-products-\d{20}", new_products)
    assert new_sellers == new_products.replace("products", "sellers")
    assert all(c["body"]["settings"]["refresh_interval"] == "-1" for c in created)
    assert [c["body"]["aliases"] for c in created] == [
        {"test-products-loading": {}},
        {"test-sellers-loading": {}},
    ]
    actions = [
        line
        for call in fake.named("PUT", "/_bulk")
        for line in call["body"]
        if "create" in line or "index" in line
    ]
    assert all("create" in line for line in actions)  # never overwrites a concurrent write
    assert {line["create"]["_index"] for line in actions} == {new_products, new_sellers}

    (swap,) = fake.named("POST", "/_aliases")
    assert swap["body"]["actions"] == [
        {"remove": {"index": "test-products-1", "alias": "test-products"}},
        {"add": {"index": new_products, "alias": "test-products"}},
        {"remove": {"index": new_products, "alias": "test-products-loading"}},
        {"remove": {"index": "test-sellers-1", "alias": "test-sellers"}},
        {"add": {"index": new_sellers, "alias": "test-sellers"}},
        {"remove": {"index": new_sellers, "alias": "test-sellers-loading"}},
    ]
    order = [(c["method"], c["path"]) for c in fake.calls]
    refresh = order.index(("POST", f"/{new_products},{new_sellers}/_refresh"))
    last_bulk = max(i for i, c in enumerate(order) if c == ("PUT", "/_bulk"))
    swapped = order.index(("POST", "/_aliases"))
    dropped = order.index(("DELETE", "/test-products-1,test-sellers-1"))
    assert last_bulk < refresh < swapped < dropped
    assert aliases == {"test-products": new_products, "test-sellers": new_sellers}


def test_first_rebuild_adds_aliases_and_replaces_an_index_squatting_on_the_name():
    aliases = {}
    fake = rebuild_fake(aliases)
    fake.routes.insert(0, ("HEAD", re.compile(r"/test-products\Z"), lambda c: (200, {})))
    es = backend_with(fake)
    es.rebuild([product(1)], total=1)
    (swap,) = fake.named("POST", "/_aliases")
    verbs = [next(iter(action)) for action in swap["body"]["actions"]]
    assert verbs == ["remove_index", "add", "remove", "add", "remove"]
    assert swap["body"]["actions"][0] == {"remove_index": {"index": "test-products"}}
    assert not fake.named("DELETE", "/test-products-1,.*")


def test_a_failed_rebuild_leaves_the_aliases_and_drops_the_new_indexes():
    aliases = {"test-products": "test-products-1", "test-sellers": "test-sellers-1"}
    fake = rebuild_fake(aliases)

    def bulk_fails(call):
        first = call["body"][0]["create"]
        return 200, {
            "took": 1,
            "errors": True,
            "items": [
                {
                    "create": {
                        "_index": first["_index"],
                        "_id": first["_id"],
                        "status": 400,
                        "error": {"type": "document_parsing_exception", "reason": "bad"},
                    }
                }
            ],
        }

    fake.routes.insert(0, ("PUT", re.compile(r"/_bulk\Z"), bulk_fails))
    es = backend_with(fake)
    with pytest.raises(BulkIndexError):
        es.rebuild([product(1)], total=1)
    assert not fake.named("POST", "/_aliases")
    (dropped,) = fake.named("DELETE", "/.*")
    assert re.fullmatch(r"/test-products-\d{20},test-sellers-\d{20}", dropped["path"])
    assert aliases == {"test-products": "test-products-1", "test-sellers": "test-sellers-1"}


def test_index_writes_through_the_alias_and_waits_for_the_refresh():
    aliases = {"test-products": "test-products-1", "test-sellers": "test-sellers-1"}
    fake = rebuild_fake(aliases)
    es = backend_with(fake, chunk_size=2)

    assert es.index(iter([product(1), seller(2), product(3)])) == 3

    bulks = fake.named("PUT", "/_bulk")
    assert len(bulks) == 2  # chunked, streamed
    assert all(call["params"]["refresh"] == ["wait_for"] for call in bulks)
    lines = [line for call in bulks for line in call["body"]]
    assert lines[0] == {"index": {"_index": "test-products", "_id": "1"}}
    assert lines[1]["title"] == "Cà phê Robusta Đắk Lắk"
    assert lines[2] == {"index": {"_index": "test-sellers", "_id": "2"}}
    es.index([product(5)])
    assert len(fake.named("HEAD", "/_alias/.*")) == 2  # checked once per backend


def test_writes_during_a_rebuild_reach_the_index_being_loaded_too():
    aliases = {
        "test-products": "test-products-1",
        "test-sellers": "test-sellers-1",
        "test-products-loading": "test-products-2",
        "test-sellers-loading": "test-sellers-2",
    }
    fake = rebuild_fake(aliases)
    es = backend_with(fake)

    assert es.index([product(1)]) == 1
    live, loading = fake.named("PUT", "/_bulk")
    assert live["body"][0] == {"index": {"_index": "test-products", "_id": "1"}}
    assert loading["body"][0] == {"index": {"_index": "test-products-loading", "_id": "1"}}
    assert live["body"][1] == loading["body"][1]
    # the index being loaded does not refresh: waiting for it would hang the task
    assert live["params"]["refresh"] == ["wait_for"] and "refresh" not in loading["params"]

    assert es.delete(api.PRODUCT, [7]) == 1  # counted once, for the live index
    live, loading = fake.named("PUT", "/_bulk")[2:]
    assert [line["delete"]["_index"] for line in live["body"] + loading["body"]] == [
        "test-products",
        "test-products-loading",
    ]
    assert "refresh" not in loading["params"]


def test_index_before_any_rebuild_creates_an_index_behind_the_alias():
    aliases = {}
    fake = rebuild_fake(aliases)
    es = backend_with(fake)
    es.index([product(1)])
    created = [c for c in fake.calls if c["method"] == "PUT" and c["path"].endswith("initial")]
    assert [c["path"] for c in created] == ["/test-products-initial", "/test-sellers-initial"]
    assert created[0]["body"]["aliases"] == {"test-products": {}}
    assert "analysis" in created[0]["body"]["settings"]
    assert aliases == {
        "test-products": "test-products-initial",
        "test-sellers": "test-sellers-initial",
    }


def test_delete_counts_what_was_removed_and_ignores_what_was_not_there():
    aliases = {"test-products": "test-products-1", "test-sellers": "test-sellers-1"}
    fake = rebuild_fake(aliases)

    def bulk_delete(call):
        items = []
        for line in call["body"]:
            meta = line["delete"]
            found = meta["_id"] != "2"
            items.append(
                {
                    "delete": {
                        "_index": "test-products-1",
                        "_id": meta["_id"],
                        "status": 200 if found else 404,
                        "result": "deleted" if found else "not_found",
                    }
                }
            )
        return 200, {"took": 1, "errors": False, "items": items}

    fake.routes.insert(0, ("PUT", re.compile(r"/_bulk\Z"), bulk_delete))
    es = backend_with(fake)
    assert es.delete(api.PRODUCT, [1, 2, 3]) == 2
    (call,) = fake.named("PUT", "/_bulk")
    assert call["body"] == [
        {"delete": {"_index": "test-products", "_id": str(i)}} for i in (1, 2, 3)
    ]


def test_indexed_ids_scrolls_through_the_alias():
    fake = FakeElasticsearch()
    pages = [
        [{"_index": "test-products-1", "_id": str(i), "_score": 1.0} for i in (1, 2)],
        [{"_index": "test-products-1", "_id": "5", "_score": 1.0}],
        [],
    ]

    def page(call):
        hits = pages.pop(0)
        return 200, {
            "_scroll_id": "s1",
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": {"value": 3, "relation": "eq"}, "hits": hits},
        }

    fake.route("POST", "/test-products/_search", page)
    fake.route("POST", "/_search/scroll", page)
    fake.route("DELETE", "/_search/scroll", lambda call: (200, {"succeeded": True}))
    es = backend_with(fake)
    assert es.indexed_ids(api.PRODUCT) == {1, 2, 5}
    assert fake.calls[0]["body"]["_source"] is False


def test_stale_documents_are_those_whose_source_changed():
    fake = rebuild_fake({"test-products": "test-products-1", "test-sellers": "test-sellers-1"})
    stored = {}

    def bulk_store(call):
        lines = call["body"]
        for action, source in zip(lines[::2], lines[1::2], strict=True):
            stored[action["index"]["_id"]] = source
        return bulk_ok(call)

    def mget(call):
        return 200, {
            "docs": [
                {"_index": "test-products-1", "_id": i, "found": True, "_source": stored[i]}
                if i in stored
                else {"_index": "test-products-1", "_id": i, "found": False}
                for i in call["body"]["ids"]
            ]
        }

    fake.routes.insert(0, ("PUT", re.compile(r"/_bulk\Z"), bulk_store))
    fake.route("POST", "/test-products/_mget", mget)
    es = backend_with(fake)
    es.index([product(1), product(2, price=120_000)])

    assert es.stale([product(1), product(2, price=99_000), product(3)]) == {(api.PRODUCT, 2)}
    assert es.stale([product(1), product(2, price=120_000)]) == set()


def test_one_client_per_url_with_timeouts_and_retries():
    first = ElasticsearchBackend("http://search.invalid:9200", index_prefix="a", timeout=5)
    second = ElasticsearchBackend("http://search.invalid:9200", index_prefix="b")
    assert first.client is second.client
    assert first.client._retry_on_timeout is True
    assert first.client._max_retries == 3
    assert first.client._request_timeout == 5
    with pytest.raises(ValueError):
        ElasticsearchBackend("")
