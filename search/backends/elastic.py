"""The Elasticsearch backend (``ELASTICSEARCH_URL``), through elasticsearch-dsl.

Layout: one index per kind, named ``<prefix>-products-<timestamp>`` and
``<prefix>-sellers-<timestamp>``, always reached through the aliases ``<prefix>-products`` and
``<prefix>-sellers``. A rebuild loads fresh indexes and swaps both aliases in one atomic
``_aliases`` call, so a search sees either the old or the new index, never an empty one (K2).
While it loads, the new indexes also carry ``<alias>-loading``: writes from Celery tasks go to
both (``index``/``delete`` look the alias up), and the load only creates documents (``op_type: create``), so a change saved during a
rebuild is neither lost with the old index nor overwritten by the load's older copy (K1).

Text: ``title`` is analysed with ``vi_folded`` (đ→d by an explicit mapping char filter, standard
tokenizer, lowercase, asciifolding), so "ca phe dak lak" meets "Cà phê Đắk Lắk"; its sub-field
``title.exact`` is only lower-cased, so an exact-accent match scores on top of the folded one and
ranks first. ``vi_folded`` ends with ``vi_iy``, the i/y rule of ``core.text.search_key``
("Lí Sơn" meets "Lý Sơn"). ``body`` holds ``search.documents.search_body``: the already folded
description with the former names of the province and the words written together ("caphe",
"quangnam"), the same text the database backends index (computed once, in Python, rather
than by a shingle filter here: the joined place names are not in any one field, and a new
field would break writes to an index made before it until the next rebuild).
Both are copied into ``spell`` for the "did you mean" term suggester, and ``suggest`` is a
``search_as_you_type`` field for type-ahead. Text is NFC-normalised in Python on both sides
(the standard tokenizer would keep decomposed marks glued to their letters).

Words of a query (letters and digits, as the database backends cut them) must each match (AND),
in the title or the body; the exact field and the phrase clauses only add score (exact accents
above folded, title above body, phrase above scattered words). Typos, as in the database
backends: only when the words as typed find nothing, the search runs again with ``fuzziness``
(FUZZINESS: one edit from 3 letters, two from 7) on the folded fields, plus a term suggester
(``suggest_mode: missing``) on ``spell``. ``Results.corrected_text`` is the query with each word
the suggester found missing replaced by its closest indexed word, in folded form ("mat ongg" →
"mat ong"), when that word is within the allowed edits and the retry found something. Always-on
fuzziness would blur Vietnamese's many near-identical syllables: "dak" (Đắk) would also find
"dac" (đặc), "thanh" would find "than".

Facets use the standard pattern: the selected filters go to ``post_filter`` (hits and total obey
all of them) and each facet's aggregation sits inside a ``filter`` aggregation holding every
OTHER facet's filter, so a facet counts what each of its alternatives would give.

Writes (``index``/``delete``) wait for the next refresh (``refresh="wait_for"``) so what a Celery
task wrote is searchable when it returns (K1); a rebuild loads with refreshes off and refreshes
once before the swap.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from itertools import islice

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.serializer import JsonSerializer
from elasticsearch_dsl import (
    A,
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    MetaField,
    Q,
    SearchAsYouType,
    Text,
    analyzer,
    char_filter,
    connections,
    token_filter,
)
from elasticsearch_dsl import Search as DslSearch

from search import api
from search.documents import ProductDocument, SellerDocument, search_body

logger = logging.getLogger(__name__)

PLURAL = {api.PRODUCT: "products", api.SELLER: "sellers"}
MAX_WORDS = 12  # longer queries are cut: each word is a clause
MAX_TEXT = 200
FACET_SIZE = 200  # buckets per terms aggregation (provinces, OCOP sub-groups, marketplaces)
MAX_WORD = 64
WORD = re.compile(r"[^\W_]+")  # letters and digits; anything else separates words
# Typo tolerance of the retry: none under 3 letters, one up to 6 (every Vietnamese syllable),
# two from 7 -- the database backends' ``allowed_edits``.
FUZZINESS = "AUTO:3,7"
INITIAL = "initial"  # suffix of the index created on first write when no rebuild ran yet
FACET_FIELDS = {
    api.GROUP: "group_codes",
    api.STARS: "stars",
    api.PROVINCE: "province_code",
    api.SELLER_KIND: "seller_kind",
    api.MARKETPLACE: "marketplaces",
}

# --- analysis -------------------------------------------------------------------------------

vi_d = char_filter("vi_d", "mapping", mappings=["đ => d", "Đ => D"])
# core.text.search_key on each folded word: a syllable of initial consonants (or "qu") and
# one final y ends in i ("ly" -> "li", "my" -> "mi", "quy" -> "qui"; "tay", "thuy" unchanged).
vi_iy = token_filter(
    "vi_iy", "pattern_replace", pattern="^(qu|[bcdghklmnprstvx]+)y$", replacement="$1i"
)
vi_folded = analyzer(
    "vi_folded",
    tokenizer="standard",
    char_filter=[vi_d],
    filter=["lowercase", "asciifolding", vi_iy],
)
vi_exact = analyzer("vi_exact", tokenizer="standard", filter=["lowercase"])


def _title_field():
    return Text(analyzer=vi_folded, fields={"exact": Text(analyzer=vi_exact)}, copy_to="spell")


class ProductIndexDoc(Document):
    """The mapping of ``<prefix>-products-*`` (one ``search.documents.ProductDocument`` each)."""

    id = Integer()
    title = _title_field()
    body = Text(analyzer=vi_folded, copy_to="spell")
    spell = Text(analyzer=vi_folded)
    suggest = SearchAsYouType(analyzer=vi_folded)
    url = Keyword(index=False)
    group_codes = Keyword()
    stars = Keyword()
    province_code = Keyword()
    price = Long()
    seller_id = Integer()
    seller_name = Keyword(index=False)
    seller_kind = Keyword()
    in_stock = Boolean()
    marketplaces = Keyword()
    popularity = Integer()
    created = Date()

    class Meta:
        dynamic = MetaField("strict")


class SellerIndexDoc(Document):
    """The mapping of ``<prefix>-sellers-*`` (one ``search.documents.SellerDocument`` each)."""

    id = Integer()
    title = _title_field()
    body = Text(analyzer=vi_folded, copy_to="spell")
    spell = Text(analyzer=vi_folded)
    suggest = SearchAsYouType(analyzer=vi_folded)
    url = Keyword(index=False)
    province_code = Keyword()
    seller_kind = Keyword()
    product_count = Integer()
    created = Date()

    class Meta:
        dynamic = MetaField("strict")


DOC_CLASSES = {api.PRODUCT: ProductIndexDoc, api.SELLER: SellerIndexDoc}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def query_words(text: str) -> list[str]:
    """The words of a query as typed (NFC): letters and digits only, at most MAX_WORDS of at
    most MAX_WORD characters, so "!!!" browses everything instead of finding nothing."""
    return [word[:MAX_WORD] for word in WORD.findall(nfc(text)[:MAX_TEXT])][:MAX_WORDS]


def allowed_edits(word: str) -> int:
    """The edits FUZZINESS allows for a word of this length."""
    return 0 if len(word) < 3 else 1 if len(word) < 7 else 2


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def facet_order(facet: str, counts: dict[str, int]) -> list[str]:
    """The order pages show values in, as the database backends give them: groups by code
    ("1.2" before "1.10"), stars from 5 down, price ranges as defined, others by count."""
    if facet == api.GROUP:
        return sorted(
            counts, key=lambda v: (tuple(int(p) if p.isdigit() else 10**6 for p in v.split(".")), v)
        )
    if facet == api.STARS:
        return sorted(counts, key=lambda v: (-int(v) if v.isdigit() else 0, v))
    if facet == api.PRICE:
        return [key for key in api.PRICE_RANGES if key in counts]
    return sorted(counts, key=lambda v: (-counts[v], v))


# --- the backend ----------------------------------------------------------------------------


class ElasticsearchBackend(api.Backend):
    name = "elasticsearch"

    def __init__(
        self,
        url: str | None = None,
        *,
        index_prefix: str = "ocop",
        client: Elasticsearch | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        refresh: str | bool = "wait_for",
        chunk_size: int = 500,
        swap_grace: float = 1.0,
    ):
        """``url`` as in ELASTICSEARCH_URL (credentials may sit in it); ``client`` replaces it
        (tests pass a client whose transport never touches the network). ``swap_grace``:
        seconds the old index lives after an alias swap, for searches already running on it."""
        if client is None and not url:
            raise ValueError("ElasticsearchBackend needs a url or a client.")
        self.prefix = index_prefix
        self.refresh = refresh
        self.chunk_size = chunk_size
        self.swap_grace = swap_grace
        self.using = self._register(url, client, timeout, retries)
        self._ready: set[str] = set()

    @staticmethod
    def _register(url, client, timeout, retries) -> str:
        """One client per URL per process, kept in elasticsearch-dsl's connection registry."""
        if client is not None:
            alias = f"search-client-{id(client)}"
            connections.add_connection(alias, client)
            return alias
        alias = f"search:{url}"
        try:
            connections.get_connection(alias)
        except KeyError:
            connections.create_connection(
                alias,
                hosts=[url],
                request_timeout=timeout,
                retry_on_timeout=True,
                max_retries=retries,
            )
        return alias

    @property
    def client(self) -> Elasticsearch:
        return connections.get_connection(self.using)

    def alias(self, kind: str) -> str:
        return f"{self.prefix}-{PLURAL[kind]}"

    def new_index_name(self, kind: str, stamp: str) -> str:
        return f"{self.alias(kind)}-{stamp}"

    def loading_alias(self, kind: str) -> str:
        return f"{self.alias(kind)}-loading"

    # --- index definitions ------------------------------------------------------------------

    def index_definition(self, kind: str, name: str, *, loading: bool = False) -> Index:
        """Settings, analysis and mapping of one concrete index. ``loading``: no refreshes
        while a rebuild fills it."""
        index = Index(name, using=self.using)
        index.settings(
            number_of_shards=1,  # one shard: exact term statistics and counts, ample for 10^5
            auto_expand_replicas="0-1",  # a replica as soon as the cluster has a second node
            max_result_window=api.MAX_PAGE * api.MAX_PER_PAGE,
            refresh_interval="-1" if loading else "1s",
        )
        index.mapping(DOC_CLASSES[kind]._doc_type.mapping)
        return index

    def ensure_indexes(self) -> None:
        """Before the first rebuild, writes need an index behind each alias (else ES would
        auto-create a concrete index under the alias name). The index name is fixed so two
        workers racing here create it once."""
        for kind in PLURAL:
            if kind in self._ready:
                continue
            alias = self.alias(kind)
            if not self.client.indices.exists_alias(name=alias):
                index = self.index_definition(kind, self.new_index_name(kind, INITIAL))
                index.aliases(**{alias: {}})
                try:
                    index.create()
                except Exception as exc:  # another worker created it first
                    if "resource_already_exists" not in str(exc):
                        raise
            self._ready.add(kind)

    # --- documents --------------------------------------------------------------------------

    @staticmethod
    def document_source(doc) -> dict:
        """The ``_source`` of one ``search.documents`` dataclass."""
        if isinstance(doc, ProductDocument):
            return ProductIndexDoc(
                id=doc.id,
                title=nfc(doc.title),
                suggest=nfc(doc.title),
                body=search_body(doc),
                url=doc.url,
                group_codes=list(doc.group_codes),
                stars=str(doc.stars) if doc.stars else None,
                province_code=doc.province_code or None,
                price=int(doc.price),
                seller_id=doc.seller_id,
                seller_name=doc.seller_name,
                seller_kind=doc.seller_kind or None,
                in_stock=bool(doc.in_stock),
                marketplaces=list(doc.marketplaces),
                popularity=int(doc.popularity or 0),
                created=doc.created,
            ).to_dict()
        if isinstance(doc, SellerDocument):
            return SellerIndexDoc(
                id=doc.id,
                title=nfc(doc.title),
                suggest=nfc(doc.title),
                body=search_body(doc),
                url=doc.url,
                province_code=doc.province_code or None,
                seller_kind=doc.seller_kind or None,
                product_count=int(doc.product_count or 0),
                created=doc.created,
            ).to_dict()
        raise TypeError(f"Not a search document: {doc!r}")

    def _actions(
        self, documents: Iterable, index_for: Callable[[str], str | None], op: str = "index"
    ):
        for doc in documents:
            index = index_for(doc.kind)
            if index:
                yield {
                    "_op_type": op,
                    "_index": index,
                    "_id": str(doc.id),
                    "_source": self.document_source(doc),
                }

    def loading_aliases(self) -> dict[str, str]:
        """kind -> the alias of the index a running rebuild is loading (usually none)."""
        found = self.client.options(ignore_status=404).indices.get_alias(
            name=f"{self.prefix}-*-loading"
        )  # a wildcard matching nothing: {} (or a 404)
        names = {
            name
            for entry in found.values()
            if isinstance(entry, dict)
            for name in entry.get("aliases", {})
        }
        return {
            kind: self.loading_alias(kind) for kind in PLURAL if self.loading_alias(kind) in names
        }

    def index(self, documents) -> int:
        """Writes through the aliases, waiting for the refresh; during a rebuild the same
        documents also go to the index being loaded (without waiting: it does not refresh)."""
        self.ensure_indexes()
        loading = self.loading_aliases()
        written = 0
        iterator = iter(documents)
        while chunk := list(islice(iterator, self.chunk_size)):
            helpers.bulk(
                self.client,
                self._actions(chunk, self.alias),
                chunk_size=self.chunk_size,
                max_retries=3,
                refresh=self.refresh,
            )
            if loading:
                helpers.bulk(
                    self.client,
                    self._actions(chunk, loading.get),
                    chunk_size=self.chunk_size,
                    max_retries=3,
                )
            written += len(chunk)
        return written

    def delete(self, kind: str, ids) -> int:
        """Returns how many were in the live index (a rebuild's index is cleaned too)."""
        self.ensure_indexes()
        ids = [str(int(i)) for i in ids]
        removed = 0
        targets = [(self.alias(kind), True)]
        loading = self.loading_aliases().get(kind)
        if loading:
            targets.append((loading, False))
        for index, live in targets:
            actions = ({"_op_type": "delete", "_index": index, "_id": i} for i in ids)
            for ok, item in helpers.streaming_bulk(
                self.client,
                actions,
                chunk_size=self.chunk_size,
                max_retries=3,
                ignore_status=(404,),
                **({"refresh": self.refresh} if live else {}),
            ):
                if live and ok and item["delete"].get("result") == "deleted":
                    removed += 1
        return removed

    def rebuild(self, documents, *, total: int, progress=None) -> int:
        """Load fresh indexes, refresh them, swap both aliases at once, drop the old indexes.
        ``progress(done, total)`` is called after each chunk. On failure the new indexes are
        deleted and the aliases still point at the old ones. Documents a concurrent write
        already put into the new index (through ``<alias>-loading``) are newer than the
        load's copy and are kept (409 on create)."""
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
        new = {kind: self.new_index_name(kind, stamp) for kind in PLURAL}
        client = self.client
        try:
            for kind, name in new.items():
                index = self.index_definition(kind, name, loading=True)
                index.aliases(**{self.loading_alias(kind): {}})
                index.create()
            written = 0
            for _ok, _item in helpers.streaming_bulk(
                client,
                self._actions(documents, new.get, op="create"),
                chunk_size=self.chunk_size,
                max_retries=3,
                ignore_status=(409,),
            ):
                written += 1
                if progress and written % self.chunk_size == 0:
                    progress(written, total)
            if progress:
                progress(written, total)
            names = ",".join(new.values())
            client.indices.put_settings(index=names, settings={"index": {"refresh_interval": "1s"}})
            client.indices.refresh(index=names)
            old = self.swap_aliases(new)
        except BaseException:
            self.drop_indexes(list(new.values()))
            raise
        self._ready.update(PLURAL)
        if old:
            if self.swap_grace:
                time.sleep(self.swap_grace)
            self.drop_indexes(old)
        return written

    def drop_indexes(self, names: list[str]) -> None:
        """Delete these indexes; a failure is logged, not raised (it would hide the error
        that led here, and a leftover index costs only disk)."""
        try:
            self.client.options(ignore_status=404).indices.delete(
                index=",".join(names), ignore_unavailable=True
            )
        except Exception:
            logger.exception("Could not delete the search indexes %s", names)

    def swap_actions(self, new: dict[str, str]) -> tuple[list[dict], list[str]]:
        """The ``_aliases`` actions that move each alias to its new index (which stops being
        the loading one), and the indexes they leave. A concrete index squatting on an alias
        name is removed in the same call."""
        client = self.client
        actions, old = [], []
        for kind, name in new.items():
            alias = self.alias(kind)
            try:
                current = list(client.indices.get_alias(name=alias))
            except NotFoundError:
                current = []
            for index in current:
                actions.append({"remove": {"index": index, "alias": alias}})
                old.append(index)
            if not current and client.indices.exists(index=alias):
                actions.append({"remove_index": {"index": alias}})
            actions.append({"add": {"index": name, "alias": alias}})
            actions.append({"remove": {"index": name, "alias": self.loading_alias(kind)}})
        return actions, old

    def swap_aliases(self, new: dict[str, str]) -> list[str]:
        actions, old = self.swap_actions(new)
        self.client.indices.update_aliases(actions=actions)
        return old

    def stale(self, documents) -> set[tuple[str, int]]:
        """(kind, id) of the indexed documents whose source differs from what they would
        write now (for ``search_index check``; missing ones are ``indexed_ids``' business)."""
        out = set()
        serializer = JsonSerializer()
        iterator = iter(documents)
        while chunk := list(islice(iterator, self.chunk_size)):
            expected: dict[str, dict[str, dict]] = {}
            for doc in chunk:
                source = json.loads(serializer.dumps(self.document_source(doc)))
                expected.setdefault(doc.kind, {})[str(doc.id)] = source
            for kind, sources in expected.items():
                try:
                    found = self.client.mget(index=self.alias(kind), ids=list(sources))["docs"]
                except NotFoundError:
                    continue
                out |= {
                    (kind, int(d["_id"]))
                    for d in found
                    if d.get("found") and d.get("_source") != sources[d["_id"]]
                }
        return out

    def indexed_ids(self, kind: str) -> set[int]:
        search = DslSearch(using=self.using, index=self.alias(kind)).source(False)
        try:
            return {int(hit.meta.id) for hit in search.params(size=2000).scan()}
        except NotFoundError:
            return set()

    # --- searching --------------------------------------------------------------------------

    @staticmethod
    def check_page(query: api.Query) -> None:
        if query.kind not in PLURAL:
            raise ValueError(f"Unknown kind {query.kind!r}: search {api.PRODUCT} or {api.SELLER}.")
        if not 1 <= query.page <= api.MAX_PAGE:
            raise ValueError(f"Page {query.page} is out of range (1 to {api.MAX_PAGE}).")
        if not 1 <= query.per_page <= api.MAX_PER_PAGE:
            raise ValueError(
                f"{query.per_page} results per page is out of range (1 to {api.MAX_PER_PAGE})."
            )

    facet_names = staticmethod(api.facet_names)

    @staticmethod
    def selected(query: api.Query) -> dict[str, list[str]]:
        return api.usable_filters(query)

    @staticmethod
    def facet_filter(facet: str, values: list[str]) -> Q:
        """OR within one facet."""
        if facet == api.PRICE:
            ranges = []
            for key in values:
                low, below = api.PRICE_RANGES[key]
                bounds = {k: v for k, v in (("gte", low), ("lt", below)) if v is not None}
                ranges.append(Q("range", price=bounds))
            return (
                ranges[0] if len(ranges) == 1 else Q("bool", should=ranges, minimum_should_match=1)
            )
        if facet == api.IN_STOCK:
            return Q("term", in_stock=True)
        field = FACET_FIELDS[facet]
        return Q("terms", **{field: values})

    @staticmethod
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

    @staticmethod
    def sort_keys(kind: str, sort: str, has_text: bool) -> list:
        newest = {"created": {"order": "desc", "missing": "_last"}}
        if kind == api.PRODUCT:
            stars = {"stars": {"order": "desc", "missing": "_last"}}
            keys = {
                api.PRICE_ASC: [{"price": "asc"}],
                api.PRICE_DESC: [{"price": "desc"}],
                api.NEWEST: [newest],
                api.STARS_DESC: [stars, {"popularity": "desc"}],
                api.POPULAR: [{"popularity": "desc"}],
            }.get(sort)
            if keys is None:  # relevance (and unknown sorts)
                keys = ["_score", {"popularity": "desc"}] if has_text else [stars, newest]
        else:
            keys = {api.NEWEST: [newest], api.POPULAR: [{"product_count": "desc"}]}.get(sort)
            if keys is None:
                keys = (
                    ["_score", {"product_count": "desc"}]
                    if has_text
                    else [{"product_count": "desc"}, newest]
                )
        if has_text and "_score" not in keys:
            keys = [*keys, "_score"]
        return [*keys, {"id": "asc"}]  # a total order, so pages never overlap

    def search_request(self, query: api.Query, *, fuzzy: bool = False) -> DslSearch:
        """The whole request for ``query`` (``.to_dict()`` is the body sent); ``fuzzy``: the
        retry with typo tolerance and the spelling suggester."""
        self.check_page(query)
        words = query_words(query.text)
        selected = self.selected(query)
        filters = {facet: self.facet_filter(facet, values) for facet, values in selected.items()}

        s = DslSearch(using=self.using, index=self.alias(query.kind))
        s = s.query(self.text_query(words, fuzzy=fuzzy) if words else Q("match_all"))
        s = s.sort(*self.sort_keys(query.kind, query.sort, bool(words)))
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
                    "min_word_length": 3,
                    "max_edits": 2,
                    "size": 1,
                },
            )
        if not query.facets:  # no counting: the filters can narrow the query itself
            for facet_filter in filters.values():
                s = s.filter(facet_filter)
            return s
        if filters:
            s = s.post_filter(Q("bool", filter=list(filters.values())))
        for facet in self.facet_names(query.kind):
            others = [f for name, f in filters.items() if name != facet]
            holder = s.aggs.bucket(
                facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
            )
            holder.bucket("values", self.facet_agg(facet))
        return s

    @staticmethod
    def facet_agg(facet: str) -> A:
        if facet == api.PRICE:
            ranges = []
            for key, (low, below) in api.PRICE_RANGES.items():
                bucket = {"key": key}
                if low is not None:
                    bucket["from"] = low
                if below is not None:
                    bucket["to"] = below
                ranges.append(bucket)
            return A("range", field="price", ranges=ranges)
        if facet == api.IN_STOCK:
            return A("filter", filter=Q("term", in_stock=True))
        return A("terms", field=FACET_FIELDS[facet], size=FACET_SIZE)

    def search(self, query: api.Query) -> api.Results:
        results = self._execute(query, fuzzy=False)
        if not results.total and query_words(query.text):
            retry = self._execute(query, fuzzy=True)
            if retry.total:
                return retry
        return results

    def _execute(self, query: api.Query, *, fuzzy: bool) -> api.Results:
        raw = self.search_request(query, fuzzy=fuzzy).execute().to_dict()
        if not raw.get("_shards", {}).get("total"):
            logger.warning(
                "Search index %s is missing: run manage.py search_index rebuild",
                self.alias(query.kind),
            )
        return self.results(query, raw)

    def results(self, query: api.Query, raw: dict) -> api.Results:
        """``api.Results`` from the JSON of a search response."""
        hits = raw.get("hits", {})
        total = hits.get("total", 0)
        total = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
        ids = [int(hit["_id"]) for hit in hits.get("hits", [])]
        facets = {}
        if query.facets:
            selected = self.selected(query)
            aggs = raw.get("aggregations", {})
            for facet in self.facet_names(query.kind):
                facets[facet] = self.facet_values(
                    facet, aggs.get(facet, {}).get("values", {}), selected.get(facet, [])
                )
        corrected = None
        if total and "suggest" in raw:
            corrected = self.corrected_text(" ".join(query_words(query.text)), raw["suggest"])
        return api.Results(ids=ids, total=total, facets=facets, corrected_text=corrected)

    @staticmethod
    def facet_values(facet: str, agg: dict, selected: list[str]) -> list[api.FacetValue]:
        if facet == api.IN_STOCK:
            counts = {"1": agg.get("doc_count", 0)}
        else:
            counts = {}
            for bucket in agg.get("buckets", []):
                key = (
                    bucket["key"]
                    if facet == api.PRICE
                    else bucket.get("key_as_string", bucket["key"])
                )
                counts[str(key)] = bucket["doc_count"]
        values = [
            api.FacetValue(value, counts[value], value in selected)
            for value in facet_order(facet, counts)
            if counts[value] or value in selected
        ]
        values += [api.FacetValue(value, 0, True) for value in selected if value not in counts]
        return values

    @staticmethod
    def corrected_text(text: str, suggest: dict) -> str | None:
        """Replace each word the term suggester found missing by its closest indexed word,
        if that is within the edits FUZZINESS allowed the search."""
        replacements = []
        for entry in suggest.get("spelling", []):
            options = entry.get("options") or []
            if not options:
                continue
            word, best = entry["text"], options[0]["text"]
            if _edit_distance(word, best) <= allowed_edits(word):
                replacements.append((entry["offset"], entry["length"], best))
        if not replacements:
            return None
        out = text
        for offset, length, best in sorted(replacements, reverse=True):
            out = out[:offset] + best + out[offset + length :]
        return out

    # --- type-ahead -------------------------------------------------------------------------

    def suggest_request(self, text: str, limit: int) -> DslSearch | None:
        words = query_words(text)
        if not words:
            return None
        limit = max(1, min(int(limit), 50))
        s = DslSearch(using=self.using, index=[self.alias(api.PRODUCT), self.alias(api.SELLER)])
        s = s.query(
            "multi_match",
            query=" ".join(words),
            type="bool_prefix",
            operator="and",
            fields=["suggest", "suggest._2gram", "suggest._3gram"],
        )
        s = s.source(["title", "url"]).params(ignore_unavailable=True)
        return s[:limit]

    def suggest(self, text: str, *, limit: int = 8) -> list[api.Suggestion]:
        request = self.suggest_request(text, limit)
        if request is None:
            return []
        return self.suggestions(request.execute().to_dict())

    def suggestions(self, raw: dict) -> list[api.Suggestion]:
        """Best first; on equal scores products before sellers."""
        product_index = self.alias(api.PRODUCT)
        found = []
        for position, hit in enumerate(raw.get("hits", {}).get("hits", [])):
            index = hit["_index"]
            kind = (
                api.PRODUCT
                if (index == product_index or index.startswith(product_index + "-"))
                else api.SELLER
            )
            source = hit.get("_source", {})
            found.append(
                (
                    -(hit.get("_score") or 0),
                    kind != api.PRODUCT,
                    position,
                    api.Suggestion(
                        kind=kind,
                        id=int(hit["_id"]),
                        label=source.get("title", ""),
                        url=source.get("url", ""),
                    ),
                )
            )
        return [item[-1] for item in sorted(found, key=lambda item: item[:3])]
