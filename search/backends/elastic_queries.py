"""The requests the Elasticsearch backend sends to search and to suggest, and the reading of
their answers into ``search.types.Results`` and ``Suggestion``s. Pure functions: a request is
built without a server (``.to_dict()`` is the body sent), an answer is read from its JSON.

Words of a query (letters and digits, as ``search.query`` reads them for every backend) must
each match (AND), in the title or the body; the exact field and the phrase clauses only add
score (exact accents above folded, title above body, phrase above scattered words). Typos, as
in the database backends: only when the words as typed find nothing, the search runs again
with ``fuzziness`` (FUZZINESS: ``search.query.allowed_edits`` in Elasticsearch's words) on the
folded fields, plus a term suggester (``suggest_mode: missing``) on ``spell``.
``Results.corrected_text`` is the query with each word the suggester found missing replaced by
its closest indexed word, in folded form ("mat ongg" → "mat ong"), when that word is within the
allowed edits and the retry found something. Always-on fuzziness would blur Vietnamese's many
near-identical syllables: "dak" (Đắk) would also find "dac" (đặc), "thanh" would find "than".

Facets use the standard pattern: the selected filters go to ``post_filter`` (hits and total obey
all of them) and each facet's aggregation sits inside a ``filter`` aggregation holding every
OTHER facet's filter, so a facet counts what each of its alternatives would give.
"""

from __future__ import annotations

from elasticsearch_dsl import A, Q
from elasticsearch_dsl import Search as DslSearch

from search.backends.elastic_mapping import alias_name
from search.query import (
    ONE_EDIT_FROM,
    TWO_EDITS_FROM,
    allowed_edits,
    check_page,
    edit_distance,
    facet_values,
    typed_words,
    usable_filters,
)
from search.types import (
    BOOLEAN_FACETS,
    FOLLOWED,
    GROUP,
    HAS_OCOP,
    IN_STOCK,
    INTEREST,
    LOOKING_FOR,
    MARKETPLACE,
    NEWEST,
    POPULAR,
    PRICE,
    PRICE_ASC,
    PRICE_DESC,
    PRICE_RANGES,
    PRODUCT,
    PROVINCE,
    SECTOR,
    SELLER,
    SELLER_KIND,
    SELLERS,
    STAGE,
    STARS,
    STARS_DESC,
    STARTUP,
    VERIFIED,
    YOUTH_TEAM,
    FacetValue,
    Query,
    Results,
    Suggestion,
    counted_facets,
)

# Typo tolerance of the retry: none under 3 letters, one up to 6, two from 7.
FUZZINESS = f"AUTO:{ONE_EDIT_FROM},{TWO_EDITS_FROM}"
FACET_SIZE = 200  # buckets per terms aggregation (provinces, OCOP sub-groups, marketplaces)
FACET_FIELDS = {
    GROUP: "group_codes",
    STARS: "stars",
    PROVINCE: "province_code",
    SELLER_KIND: "seller_kind",
    MARKETPLACE: "marketplaces",
    SECTOR: "sector",
    STAGE: "stage",
    LOOKING_FOR: "looking_for",
    IN_STOCK: "in_stock",
    VERIFIED: "verified",
    YOUTH_TEAM: "youth_team",
    HAS_OCOP: "has_ocop",
    SELLERS: "seller_id",  # a restriction, not a facet (search.types.KIND_RESTRICTIONS)
}
SUGGEST_FIELDS = ["suggest", "suggest._2gram", "suggest._3gram"]


# --- searching ------------------------------------------------------------------------------


def facet_filter(facet: str, values: list[str]) -> Q:
    """OR within one facet."""
    if facet == PRICE:
        ranges = []
        for key in values:
            low, below = PRICE_RANGES[key]
            bounds = {k: v for k, v in (("gte", low), ("lt", below)) if v is not None}
            ranges.append(Q("range", price=bounds))
        return ranges[0] if len(ranges) == 1 else Q("bool", should=ranges, minimum_should_match=1)
    if facet in BOOLEAN_FACETS:
        return Q("term", **{FACET_FIELDS[facet]: True})
    if facet == SELLERS:
        return Q("terms", **{FACET_FIELDS[facet]: [int(v) for v in values]})
    return Q("terms", **{FACET_FIELDS[facet]: values})


def text_query(words: list[str], *, fuzzy: bool = False) -> Q:
    """Every word must match the folded title or body (``fuzzy``: with typos); the
    exact-accent title and phrases of the whole text only add to the score."""
    text = " ".join(words)
    typos = {"fuzziness": FUZZINESS} if fuzzy else {}
    must = [
        Q("multi_match", query=word, fields=["title^3", "body"], operator="and", **typos)
        for word in words
    ]
    should = [Q("match", **{"title.exact": {"query": text, "boost": 5}})]
    if len(words) > 1:
        should += [
            Q("match_phrase", title={"query": text, "slop": 1, "boost": 3}),
            Q("match_phrase", body={"query": text, "slop": 1}),
        ]
    return Q("bool", must=must, should=should)


def sort_keys(kind: str, sort: str, has_text: bool) -> list:
    """The sort of a page; every sort ends with the id, so pages never overlap."""
    newest = {"created": {"order": "desc", "missing": "_last"}}
    if kind == PRODUCT:
        stars = {"stars": {"order": "desc", "missing": "_last"}}
        keys = {
            PRICE_ASC: [{"price": "asc"}],
            PRICE_DESC: [{"price": "desc"}],
            NEWEST: [newest],
            STARS_DESC: [stars, {"popularity": "desc"}],
            POPULAR: [{"popularity": "desc"}],
        }.get(sort)
        if keys is None:  # relevance (and unknown sorts)
            keys = ["_score", {"popularity": "desc"}] if has_text else [stars, newest]
    elif kind == STARTUP:
        keys = {
            NEWEST: [newest],
            FOLLOWED: [{"followers_month": "desc"}],
            INTEREST: [{"interest": "desc"}],
        }.get(sort)
        if keys is None:
            keys = ["_score", {"popularity": "desc"}] if has_text else [newest]
    else:
        keys = {NEWEST: [newest], POPULAR: [{"product_count": "desc"}]}.get(sort)
        if keys is None:
            keys = (
                ["_score", {"product_count": "desc"}]
                if has_text
                else [{"product_count": "desc"}, newest]
            )
    if has_text and "_score" not in keys:
        keys = [*keys, "_score"]
    if kind == STARTUP and newest not in keys:  # the database backends' last tie-break
        keys = [*keys, newest]
    return [*keys, {"id": "asc"}]


def facet_agg(facet: str) -> A:
    """The aggregation counting one facet's values."""
    if facet == PRICE:
        ranges = []
        for key, (low, below) in PRICE_RANGES.items():
            bucket = {"key": key}
            if low is not None:
                bucket["from"] = low
            if below is not None:
                bucket["to"] = below
            ranges.append(bucket)
        return A("range", field="price", ranges=ranges)
    if facet in BOOLEAN_FACETS:
        return A("filter", filter=Q("term", **{FACET_FIELDS[facet]: True}))
    return A("terms", field=FACET_FIELDS[facet], size=FACET_SIZE)


def search_request(query: Query, *, using: str, prefix: str, fuzzy: bool = False) -> DslSearch:
    """The whole request for ``query`` to the alias of its kind under ``prefix``, on the
    connection ``using``; ``fuzzy``: the retry with typo tolerance and the spelling suggester.
    Raises ValueError for a kind or page that is not searched."""
    check_page(query)
    words = typed_words(query.text)
    filters = {
        facet: facet_filter(facet, values) for facet, values in usable_filters(query).items()
    }

    s = DslSearch(using=using, index=alias_name(prefix, query.kind))
    s = s.query(text_query(words, fuzzy=fuzzy) if words else Q("match_all"))
    s = s.sort(*sort_keys(query.kind, query.sort, bool(words)))
    s = s.source(False).extra(track_total_hits=True)
    s = s.params(ignore_unavailable=True)  # before the first rebuild: no hits, not an error
    s = s[query.offset : query.offset + query.per_page]
    if words and fuzzy:
        s = s.suggest(
            "spelling",
            " ".join(words),
            term={
                "field": "spell",
                "suggest_mode": "missing",
                "min_word_length": ONE_EDIT_FROM,
                "max_edits": 2,
                "size": 1,
            },
        )
    if not query.facets:  # no counting: the filters can narrow the query itself
        for one in filters.values():
            s = s.filter(one)
        return s
    if filters:
        s = s.post_filter(Q("bool", filter=list(filters.values())))
    for facet in counted_facets(query):
        others = [f for name, f in filters.items() if name != facet]
        holder = s.aggs.bucket(
            facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
        )
        holder.bucket("values", facet_agg(facet))
    return s


def bucket_counts(facet: str, agg: dict) -> dict[str, int]:
    """value -> count from one facet's aggregation in an answer."""
    if facet in BOOLEAN_FACETS:
        return {"1": agg.get("doc_count", 0)}
    counts = {}
    for bucket in agg.get("buckets", []):
        key = bucket["key"] if facet == PRICE else bucket.get("key_as_string", bucket["key"])
        counts[str(key)] = bucket["doc_count"]
    return counts


def corrected_text(text: str, suggest: dict) -> str | None:
    """Replace each word the term suggester found missing by its closest indexed word, if
    that is within the edits FUZZINESS allowed the search."""
    replacements = []
    for entry in suggest.get("spelling", []):
        options = entry.get("options") or []
        if not options:
            continue
        word, best = entry["text"], options[0]["text"]
        if edit_distance(word, best) <= allowed_edits(word):
            replacements.append((entry["offset"], entry["length"], best))
    if not replacements:
        return None
    out = text
    for offset, length, best in sorted(replacements, reverse=True):
        out = out[:offset] + best + out[offset + length :]
    return out


def results(query: Query, raw: dict) -> Results:
    """``Results`` from the JSON of the answer to ``search_request(query)``."""
    hits = raw.get("hits", {})
    total = hits.get("total", 0)
    total = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
    ids = [int(hit["_id"]) for hit in hits.get("hits", [])]
    facets: dict[str, list[FacetValue]] = {}
    if query.facets:
        selected = usable_filters(query)
        aggs = raw.get("aggregations", {})
        for facet in counted_facets(query):
            counts = bucket_counts(facet, aggs.get(facet, {}).get("values", {}))
            facets[facet] = facet_values(facet, counts, selected.get(facet, []))
    corrected = None
    if total and "suggest" in raw:
        corrected = corrected_text(" ".join(typed_words(query.text)), raw["suggest"])
    return Results(ids=ids, total=total, facets=facets, corrected_text=corrected)


# --- type-ahead -----------------------------------------------------------------------------


def suggest_request(text: str, limit: int, *, using: str, prefix: str) -> DslSearch | None:
    """One request over both kinds' aliases: names with every typed word, the last as a
    prefix. None when the text has no words."""
    words = typed_words(text)
    if not words:
        return None
    limit = max(1, min(int(limit), 50))
    s = DslSearch(using=using, index=[alias_name(prefix, PRODUCT), alias_name(prefix, SELLER)])
    s = s.query(
        "multi_match",
        query=" ".join(words),
        type="bool_prefix",
        operator="and",
        fields=SUGGEST_FIELDS,
    )
    s = s.source(["title", "url"]).params(ignore_unavailable=True)
    return s[:limit]


def suggestions(raw: dict, *, prefix: str) -> list[Suggestion]:
    """The answer to ``suggest_request``, best first; on equal scores products before
    sellers."""
    product_index = alias_name(prefix, PRODUCT)
    found = []
    for position, hit in enumerate(raw.get("hits", {}).get("hits", [])):
        index = hit["_index"]
        is_product = index == product_index or index.startswith(product_index + "-")
        source = hit.get("_source", {})
        found.append(
            (
                -(hit.get("_score") or 0),
                not is_product,
                position,
                Suggestion(
                    kind=PRODUCT if is_product else SELLER,
                    id=int(hit["_id"]),
                    label=source.get("title", ""),
                    url=source.get("url", ""),
                ),
            )
        )
    return [item[-1] for item in sorted(found, key=lambda item: item[:3])]
