"""The Elasticsearch backend (``ELASTICSEARCH_URL``), through elasticsearch-dsl: the client,
the life of the indexes, writes and rebuilds. What is stored is ``elastic_mapping``; the search
and type-ahead requests and the reading of their answers are ``elastic_queries``.

Layout: one index per kind, named ``<prefix>-products-<timestamp>``,
``<prefix>-sellers-<timestamp>`` and ``<prefix>-startups-<timestamp>``, always reached through
the aliases ``<prefix>-products``, ``<prefix>-sellers`` and ``<prefix>-startups``. A rebuild
loads fresh indexes and swaps every alias in one atomic ``_aliases`` call, so a search sees either the old or the new index, never an empty one.
While it loads, the new indexes also carry ``<alias>-loading``: writes from Celery tasks go to
both (``index``/``delete`` look the alias up), and the load only creates documents
(``op_type: create``), so a change saved during a rebuild is neither lost with the old index
nor overwritten by the load's older copy.

Writes (``index``/``delete``) wait for the next refresh (``refresh="wait_for"``) so what a Celery
task wrote is searchable when it returns, and a page shown after the save finds it; a rebuild
loads with refreshes off and refreshes once before the swap.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from collections.abc import Callable, Iterable
from itertools import islice

from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.serializer import JsonSerializer
from elasticsearch_dsl import Index, connections
from elasticsearch_dsl import Search as DslSearch

from search.backends import elastic_queries as queries
from search.backends.elastic_mapping import PLURAL, alias_name, document_source, index_definition
from search.query import typed_words
from search.types import Backend, Query, Results, Suggestion

logger = logging.getLogger(__name__)

INITIAL = "initial"  # suffix of the index created on first write when no rebuild ran yet


class ElasticsearchBackend(Backend):
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
        return alias_name(self.prefix, kind)

    def new_index_name(self, kind: str, stamp: str) -> str:
        return f"{self.alias(kind)}-{stamp}"

    def loading_alias(self, kind: str) -> str:
        return f"{self.alias(kind)}-loading"

    # --- index definitions ------------------------------------------------------------------

    def index_definition(self, kind: str, name: str, *, loading: bool = False) -> Index:
        """``elastic_mapping.index_definition`` on this backend's connection."""
        return index_definition(kind, name, using=self.using, loading=loading)

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

    # --- writing ----------------------------------------------------------------------------

    @staticmethod
    def _actions(documents: Iterable, index_for: Callable[[str], str | None], op: str = "index"):
        for doc in documents:
            index = index_for(doc.kind)
            if index:
                yield {
                    "_op_type": op,
                    "_index": index,
                    "_id": str(doc.id),
                    "_source": document_source(doc),
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
        """Load fresh indexes, refresh them, swap every alias at once, drop the old indexes.
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
                source = json.loads(serializer.dumps(document_source(doc)))
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

    def search_request(self, query: Query, *, fuzzy: bool = False) -> DslSearch:
        """``elastic_queries.search_request`` on this backend's connection and aliases."""
        return queries.search_request(query, using=self.using, prefix=self.prefix, fuzzy=fuzzy)

    def search(self, query: Query) -> Results:
        """The words as typed first; only when they find nothing, again with typo tolerance."""
        results = self._execute(query, fuzzy=False)
        if not results.total and typed_words(query.text):
            retry = self._execute(query, fuzzy=True)
            if retry.total:
                return retry
        return results

    def _execute(self, query: Query, *, fuzzy: bool) -> Results:
        raw = self.search_request(query, fuzzy=fuzzy).execute().to_dict()
        if not raw.get("_shards", {}).get("total"):
            logger.warning(
                "Search index %s is missing: run manage.py search_index rebuild",
                self.alias(query.kind),
            )
        return queries.results(query, raw)

    # --- type-ahead -------------------------------------------------------------------------

    def suggest_request(self, text: str, limit: int) -> DslSearch | None:
        """``elastic_queries.suggest_request`` on this backend's connection and aliases."""
        return queries.suggest_request(text, limit, using=self.using, prefix=self.prefix)

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        request = self.suggest_request(text, limit)
        if request is None:
            return []
        return queries.suggestions(request.execute().to_dict(), prefix=self.prefix)
