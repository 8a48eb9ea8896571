"""Elasticsearch without a server, for the backend's tests: a transport that answers like
Elasticsearch 8 and records every request, its usual answers, and documents to send."""

import datetime
import json
import re
from urllib.parse import parse_qs

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from search import api
from search.documents import ProductDocument, SellerDocument, StartupDocument


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


def startup(pk, title="Cà phê Ea Tu", **kwargs):
    fields = dict(
        id=pk,
        title=title,
        title_folded="",
        body_folded="ca phe sach tu buon lang tay nguyen",
        url=f"/khoi-nghiep/ca-phe-ea-tu-{pk}/",
        province_code="66",
        sector="agriculture_food",
        stage="first_sales",
        seller_id=7,
        verified=True,
        youth_team=True,
        has_ocop=False,
        looking_for=["investment", "mentoring"],
        followers_month=4,
        interest=2,
        popularity=9,
        created=datetime.datetime(2025, 5, 1, 8, 0, tzinfo=datetime.UTC),
    )
    fields.update(kwargs)
    return StartupDocument(**fields)


# What Elasticsearch 8 answers to the search request of RECORDED_QUERY ("ca phee", group 1.9,
# price 0-100000, and a marketplace no product is on) on a small catalogue (sorted by _score,
# popularity, id; aggregations as requested).
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
