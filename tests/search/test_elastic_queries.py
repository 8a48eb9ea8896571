"""The requests the Elasticsearch backend builds to search and to suggest (bodies as sent,
without a server), and the reading of recorded answers into ``api.Results`` and suggestions."""

import json
import unicodedata

import pytest

from search import api
from search.backends import elastic_queries as queries
from search.backends.elastic_mapping import index_definition
from tests.search.elastic_fakes import RECORDED, RECORDED_QUERY

UNSENT = "elastic-query-tests"  # a connection name: requests are built, never sent


def built(query, **kwargs):
    return queries.search_request(query, using=UNSENT, prefix="ocop", **kwargs)


def body(**query):
    return built(api.Query(**query)).to_dict()


# --- text -----------------------------------------------------------------------------------


def test_every_word_must_match_the_folded_title_or_body():
    query = body(text="ca phe  dak-lak!")["query"]["bool"]
    assert [clause["multi_match"]["query"] for clause in query["must"]] == [
        "ca",
        "phe",
        "dak",
        "lak",
    ]
    for clause in query["must"]:
        assert clause["multi_match"]["fields"] == ["title^3", "body"]
        assert "fuzziness" not in clause["multi_match"]  # words as typed first


def test_the_retry_tolerates_typos_and_asks_for_spelling_suggestions():
    request = built(api.Query(text="mat ongg"), fuzzy=True).to_dict()
    for clause in request["query"]["bool"]["must"]:
        assert clause["multi_match"]["fuzziness"] == queries.FUZZINESS == "AUTO:3,7"
    suggest = request["suggest"]["spelling"]
    assert suggest["text"] == "mat ongg"
    assert suggest["term"]["field"] == "spell"
    assert suggest["term"]["suggest_mode"] == "missing"
    assert "suggest" not in body(text="mat ongg")


def test_exact_accents_and_phrases_in_the_title_score_higher():
    should = body(text="Cà phê")["query"]["bool"]["should"]
    assert {"match": {"title.exact": {"query": "Cà phê", "boost": 5}}} in should
    phrases = {
        next(iter(c["match_phrase"])): c["match_phrase"][next(iter(c["match_phrase"]))]
        for c in should
        if "match_phrase" in c
    }
    assert phrases["title"]["boost"] > phrases["body"].get("boost", 1)
    # title boosts: exact 5 > folded 3 > body 1
    assert body(text="phê")["query"]["bool"]["must"][0]["multi_match"]["fields"][0] == ("title^3")


def test_decomposed_and_composed_text_send_the_same_request():
    composed = body(text="Cà phê Đắk Lắk")
    decomposed = body(text=unicodedata.normalize("NFD", "Cà phê Đắk Lắk"))
    assert composed == decomposed


def test_no_usable_text_browses_everything():
    for text in ("", "   ", "!!! ???"):
        request = body(text=text)
        assert request["query"] == {"match_all": {}}
        assert "suggest" not in request


def test_long_text_is_cut_to_a_bounded_number_of_clauses():
    must = body(text="ca " * 500)["query"]["bool"]["must"]
    assert 1 <= len(must) <= 12


# --- filters and facets ---------------------------------------------------------------------


def test_filters_or_within_a_facet_and_across_facets():
    request = body(
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


def test_each_facet_counts_with_every_other_facets_filter():
    request = body(filters={api.GROUP: ("1.9",), api.STARS: ("4", "5")})
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


def test_without_filters_facets_count_everything():
    aggs = body()["aggs"]
    assert all(agg["filter"] == {"match_all": {}} for agg in aggs.values())
    assert "post_filter" not in body()


def test_price_ranges_become_a_range_aggregation_and_or_filters():
    request = body(filters={api.PRICE: ("0-100000", "1000000-", "no-such-range")})
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


def test_unknown_facets_and_values_are_ignored():
    request = body(
        filters={
            "colour": ("red",),
            api.PRICE: ("cheap",),
            api.IN_STOCK: ("0",),
            api.GROUP: ("", "1", "1"),
        },
    )
    assert request["post_filter"] == {"bool": {"filter": [{"terms": {"group_codes": ["1"]}}]}}


def test_without_facets_the_filters_go_into_the_query():
    request = body(text="mat ong", filters={api.STARS: ("5",)}, facets=False)
    assert "aggs" not in request and "post_filter" not in request
    assert request["query"]["bool"]["filter"] == [{"terms": {"stars": ["5"]}}]
    assert [c["multi_match"]["query"] for c in request["query"]["bool"]["must"]] == [
        "mat",
        "ong",
    ]  # the text query kept


def test_sellers_have_only_province_and_kind_facets():
    request = body(
        kind=api.SELLER, text="htx", filters={api.PROVINCE: ("66",), api.PRICE: ("0-100000",)}
    )
    assert set(request["aggs"]) == {api.PROVINCE, api.SELLER_KIND}
    assert request["post_filter"] == {"bool": {"filter": [{"terms": {"province_code": ["66"]}}]}}
    assert built(api.Query(kind=api.SELLER))._index == ["ocop-sellers"]


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
def test_each_sort(sort, with_text, without_text):
    assert body(text="mat ong", sort=sort)["sort"] == with_text
    assert body(sort=sort)["sort"] == without_text


def test_every_api_sort_is_covered_and_unknown_sorts_fall_back_to_relevance():
    assert body(sort="bogus")["sort"] == body(sort=api.RELEVANCE)["sort"]
    for sort in api.SORTS:
        assert body(kind=api.SELLER, sort=sort)["sort"][-1] == TIE  # never a product field
        assert "price" not in json.dumps(body(kind=api.SELLER, sort=sort)["sort"])


def test_paging_uses_from_and_size():
    request = body(page=3, per_page=24)
    assert (request["from"], request["size"]) == (48, 24)
    assert request["track_total_hits"] is True and request["_source"] is False
    deepest = body(page=api.MAX_PAGE, per_page=api.MAX_PER_PAGE)
    assert (
        deepest["from"] + deepest["size"]
        <= (
            index_definition(api.PRODUCT, "p", using=UNSENT).to_dict()["settings"][
                "max_result_window"
            ]
        )
    )


@pytest.mark.parametrize(
    ("page", "per_page"),
    [(api.MAX_PAGE + 1, 24), (0, 24), (-3, 24), (1, 0), (1, api.MAX_PER_PAGE + 1)],
)
def test_pages_out_of_range_are_refused(page, per_page):
    with pytest.raises(ValueError, match="out of range"):
        built(api.Query(page=page, per_page=per_page))


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="Unknown kind"):
        built(api.Query(kind="expo"))


# --- a recorded response --------------------------------------------------------------------


def test_a_recorded_response_becomes_results():
    results = queries.results(RECORDED_QUERY, RECORDED)
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


def test_results_without_facets_or_hits():
    empty = {
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "suggest": RECORDED["suggest"],
    }
    results = queries.results(api.Query(text="ca phee", facets=False), empty)
    assert results == api.Results(ids=[], total=0, facets={}, corrected_text=None)


def test_corrections_are_word_for_word_and_within_the_typo_tolerance():
    def entry(text, offset, option):
        return {
            "text": text,
            "offset": offset,
            "length": len(text),
            "options": [{"text": option, "score": 0.7, "freq": 3}],
        }

    assert queries.corrected_text("mật ongg", {"spelling": [entry("ongg", 4, "ong")]}) == "mật ong"
    # "ongg" is 4 letters: one edit allowed, "ang" is two away
    assert queries.corrected_text("mat ongg", {"spelling": [entry("ongg", 4, "ang")]}) is None
    assert queries.corrected_text("ca phr", {"spelling": [entry("phr", 3, "phe")]}) == "ca phe"
    assert queries.corrected_text("ca pr", {"spelling": [entry("pr", 3, "ph")]}) is None
    # words of 7 letters and more may have two typos
    assert queries.corrected_text("nguoong", {"spelling": [entry("nguoong", 0, "nguong")]}) == (
        "nguong"
    )
    assert queries.corrected_text("ca phe", {"spelling": []}) is None


# --- type-ahead -----------------------------------------------------------------------------


def test_suggest_matches_word_prefixes_on_products_and_sellers():
    request = queries.suggest_request("ca p", 8, using=UNSENT, prefix="ocop")
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
    assert queries.suggest_request("  ", 8, using=UNSENT, prefix="ocop") is None
    assert (
        queries.suggest_request("ca", 10_000, using=UNSENT, prefix="ocop").to_dict()["size"] == 50
    )


def test_suggestions_merge_by_score_products_first_on_ties():
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
    assert [(s.kind, s.id) for s in queries.suggestions(raw, prefix="ocop")] == [
        (api.SELLER, 3),
        (api.PRODUCT, 42),
        (api.SELLER, 4),
        (api.PRODUCT, 7),
    ]
    assert queries.suggestions(raw, prefix="ocop")[1] == api.Suggestion(
        api.PRODUCT, 42, "Cà phê Robusta", "/vi/p/42/"
    )


# --- startups -------------------------------------------------------------------------------


def test_startups_are_searched_in_their_own_index_with_their_facets():
    request = built(api.Query(kind=api.STARTUP, text="ca phe"))
    assert request._index == ["ocop-startups"]
    request = request.to_dict()
    assert set(request["aggs"]) == set(api.STARTUP_FACETS)
    assert [c["multi_match"]["query"] for c in request["query"]["bool"]["must"]] == ["ca", "phe"]
    aggs = request["aggs"]
    assert aggs[api.SECTOR]["aggs"]["values"]["terms"]["field"] == "sector"
    assert aggs[api.LOOKING_FOR]["aggs"]["values"]["terms"]["field"] == "looking_for"
    for facet in (api.VERIFIED, api.YOUTH_TEAM, api.HAS_OCOP):
        assert aggs[facet]["aggs"]["values"] == {"filter": {"term": {facet: True}}}


def test_startup_filters_or_within_and_across_and_each_facet_counts_with_the_others():
    request = body(
        kind=api.STARTUP,
        filters={
            api.LOOKING_FOR: ("loan", "grant"),
            api.VERIFIED: ("1",),
            api.YOUTH_TEAM: ("no",),  # only "1" is a filter
            api.PRICE: ("0-100000",),  # a product facet
        },
    )
    looking = {"terms": {"looking_for": ["loan", "grant"]}}
    verified = {"term": {"verified": True}}
    assert request["post_filter"] == {"bool": {"filter": [looking, verified]}}
    aggs = request["aggs"]
    assert aggs[api.LOOKING_FOR]["filter"] == {"bool": {"filter": [verified]}}
    assert aggs[api.VERIFIED]["filter"] == {"bool": {"filter": [looking]}}
    assert aggs[api.SECTOR]["filter"] == {"bool": {"filter": [looking, verified]}}


def test_the_typo_retry_works_for_startups_too():
    request = built(api.Query(kind=api.STARTUP, text="ca phr"), fuzzy=True).to_dict()
    assert all(
        c["multi_match"]["fuzziness"] == queries.FUZZINESS for c in request["query"]["bool"]["must"]
    )
    assert request["suggest"]["spelling"]["term"]["field"] == "spell"


@pytest.mark.parametrize(
    ("sort", "with_text", "without_text"),
    [
        (api.RELEVANCE, ["_score", {"popularity": "desc"}, NEWEST, TIE], [NEWEST, TIE]),
        (api.NEWEST, [NEWEST, "_score", TIE], [NEWEST, TIE]),
        (
            api.FOLLOWED,
            [{"followers_month": "desc"}, "_score", NEWEST, TIE],
            [{"followers_month": "desc"}, NEWEST, TIE],
        ),
        (
            api.INTEREST,
            [{"interest": "desc"}, "_score", NEWEST, TIE],
            [{"interest": "desc"}, NEWEST, TIE],
        ),
        (api.PRICE_ASC, ["_score", {"popularity": "desc"}, NEWEST, TIE], [NEWEST, TIE]),
    ],
)
def test_each_startup_sort(sort, with_text, without_text):
    assert body(kind=api.STARTUP, text="ca phe", sort=sort)["sort"] == with_text
    assert body(kind=api.STARTUP, sort=sort)["sort"] == without_text


def test_a_recorded_startup_answer_becomes_results():
    raw = {
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                {"_index": "ocop-startups-1", "_id": "8", "_score": 3.0},
                {"_index": "ocop-startups-1", "_id": "3", "_score": 2.0},
            ],
        },
        "aggregations": {
            api.PROVINCE: {"doc_count": 2, "values": {"buckets": [{"key": "66", "doc_count": 2}]}},
            api.SECTOR: {
                "doc_count": 2,
                "values": {
                    "buckets": [
                        {"key": "tourism", "doc_count": 1},
                        {"key": "agriculture_food", "doc_count": 1},
                    ]
                },
            },
            api.STAGE: {"doc_count": 2, "values": {"buckets": []}},
            api.LOOKING_FOR: {
                "doc_count": 2,
                "values": {"buckets": [{"key": "loan", "doc_count": 2}]},
            },
            api.VERIFIED: {"doc_count": 2, "values": {"doc_count": 1}},
            api.YOUTH_TEAM: {"doc_count": 2, "values": {"doc_count": 0}},
            api.HAS_OCOP: {"doc_count": 2, "values": {"doc_count": 2}},
        },
    }
    query = api.Query(kind=api.STARTUP, filters={api.LOOKING_FOR: ("loan",)})
    results = queries.results(query, raw)
    assert (results.ids, results.total) == ([8, 3], 2)
    assert list(results.facets) == list(api.STARTUP_FACETS)
    assert results.facets[api.SECTOR] == [
        api.FacetValue("agriculture_food", 1),
        api.FacetValue("tourism", 1),
    ]
    assert results.facets[api.LOOKING_FOR] == [api.FacetValue("loan", 2, True)]
    assert results.facets[api.VERIFIED] == [api.FacetValue("1", 1)]
    assert results.facets[api.YOUTH_TEAM] == []
    assert results.facets[api.HAS_OCOP] == [api.FacetValue("1", 2)]


def test_type_ahead_does_not_offer_startups():
    request = queries.suggest_request("ca p", 8, using=UNSENT, prefix="ocop")
    assert "ocop-startups" not in request._index
