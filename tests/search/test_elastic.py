"""The Elasticsearch backend through a transport that answers like Elasticsearch 8 (no
network): a search retried with typo tolerance only when it finds nothing, one type-ahead
request for products and sellers, writes through the aliases, and rebuilds that load fresh
indexes (products, sellers, startups) and swap every alias at once."""

import fnmatch
import re

import pytest
from elasticsearch.helpers import BulkIndexError

from search import api
from search.backends.elastic import ElasticsearchBackend
from tests.search.elastic_fakes import (
    RECORDED,
    RECORDED_QUERY,
    FakeElasticsearch,
    acknowledged,
    bulk_ok,
    product,
    seller,
    startup,
)

ALIASES = {
    "test-products": "test-products-1",
    "test-sellers": "test-sellers-1",
    "test-startups": "test-startups-1",
}


def backend_with(fake, **kwargs):
    return ElasticsearchBackend(client=fake.client(), index_prefix="test", swap_grace=0, **kwargs)


# --- searching ------------------------------------------------------------------------------

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
    fake.route("PUT", "/test-(products|sellers|startups)-[0-9a-z]+", create)
    fake.route("DELETE", "/[^_/][^/]*", delete)


def rebuild_fake(aliases):
    fake = FakeElasticsearch()
    alias_routes(fake, aliases)
    fake.route("PUT", "/[^/]+/_settings", acknowledged)
    fake.route("POST", "/[^/]+/_refresh", lambda c: (200, {"_shards": {"total": 2}}))
    fake.route("PUT", "/_bulk", bulk_ok)
    return fake


def test_rebuild_loads_new_indexes_then_swaps_every_alias_at_once():
    aliases = dict(ALIASES)
    fake = rebuild_fake(aliases)
    es = backend_with(fake, chunk_size=2)
    seen = []

    written = es.rebuild(
        [product(1), product(2), seller(3), product(4), startup(5)],
        total=5,
        progress=lambda done, total: seen.append((done, total)),
    )

    assert written == 5
    assert seen[-1] == (5, 5)
    created = fake.named("PUT", r"/test-(products|sellers|startups)-\d+")
    new_products, new_sellers, new_startups = (c["path"][1:] for c in created)
    assert re.fullmatch(r"test-products-\d{20}", new_products)
    assert new_sellers == new_products.replace("products", "sellers")
    assert new_startups == new_products.replace("products", "startups")
    assert all(c["body"]["settings"]["refresh_interval"] == "-1" for c in created)
    assert [c["body"]["aliases"] for c in created] == [
        {"test-products-loading": {}},
        {"test-sellers-loading": {}},
        {"test-startups-loading": {}},
    ]
    actions = [
        line
        for call in fake.named("PUT", "/_bulk")
        for line in call["body"]
        if "create" in line or "index" in line
    ]
    assert all("create" in line for line in actions)  # never overwrites a concurrent write
    indexes = {line["create"]["_id"]: line["create"]["_index"] for line in actions}
    assert indexes == {
        "1": new_products,
        "2": new_products,
        "3": new_sellers,
        "4": new_products,
        "5": new_startups,
    }

    (swap,) = fake.named("POST", "/_aliases")
    assert swap["body"]["actions"] == [
        {"remove": {"index": "test-products-1", "alias": "test-products"}},
        {"add": {"index": new_products, "alias": "test-products"}},
        {"remove": {"index": new_products, "alias": "test-products-loading"}},
        {"remove": {"index": "test-sellers-1", "alias": "test-sellers"}},
        {"add": {"index": new_sellers, "alias": "test-sellers"}},
        {"remove": {"index": new_sellers, "alias": "test-sellers-loading"}},
        {"remove": {"index": "test-startups-1", "alias": "test-startups"}},
        {"add": {"index": new_startups, "alias": "test-startups"}},
        {"remove": {"index": new_startups, "alias": "test-startups-loading"}},
    ]
    order = [(c["method"], c["path"]) for c in fake.calls]
    refresh = order.index(("POST", f"/{new_products},{new_sellers},{new_startups}/_refresh"))
    last_bulk = max(i for i, c in enumerate(order) if c == ("PUT", "/_bulk"))
    swapped = order.index(("POST", "/_aliases"))
    dropped = order.index(("DELETE", "/test-products-1,test-sellers-1,test-startups-1"))
    assert last_bulk < refresh < swapped < dropped
    assert aliases == {
        "test-products": new_products,
        "test-sellers": new_sellers,
        "test-startups": new_startups,
    }


def test_first_rebuild_adds_aliases_and_replaces_an_index_squatting_on_the_name():
    aliases = {}
    fake = rebuild_fake(aliases)
    fake.routes.insert(0, ("HEAD", re.compile(r"/test-products\Z"), lambda c: (200, {})))
    es = backend_with(fake)
    es.rebuild([product(1)], total=1)
    (swap,) = fake.named("POST", "/_aliases")
    verbs = [next(iter(action)) for action in swap["body"]["actions"]]
    assert verbs == ["remove_index", "add", "remove", "add", "remove", "add", "remove"]
    assert swap["body"]["actions"][0] == {"remove_index": {"index": "test-products"}}
    assert not fake.named("DELETE", "/test-products-1,.*")


def test_a_failed_rebuild_leaves_the_aliases_and_drops_the_new_indexes():
    aliases = dict(ALIASES)
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
    assert re.fullmatch(
        r"/test-products-\d{20},test-sellers-\d{20},test-startups-\d{20}", dropped["path"]
    )
    assert aliases == ALIASES


def test_index_writes_through_the_alias_and_waits_for_the_refresh():
    aliases = dict(ALIASES)
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
    assert len(fake.named("HEAD", "/_alias/.*")) == 3  # each kind checked once per backend


def test_writes_during_a_rebuild_reach_the_index_being_loaded_too():
    aliases = {
        **ALIASES,
        "test-products-loading": "test-products-2",
        "test-sellers-loading": "test-sellers-2",
        "test-startups-loading": "test-startups-2",
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
    assert [c["path"] for c in created] == [
        "/test-products-initial",
        "/test-sellers-initial",
        "/test-startups-initial",
    ]
    assert created[0]["body"]["aliases"] == {"test-products": {}}
    assert "analysis" in created[0]["body"]["settings"]
    assert aliases == {
        "test-products": "test-products-initial",
        "test-sellers": "test-sellers-initial",
        "test-startups": "test-startups-initial",
    }


def test_delete_counts_what_was_removed_and_ignores_what_was_not_there():
    aliases = dict(ALIASES)
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
    fake = rebuild_fake(dict(ALIASES))
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
