"""What the SQLite and PostgreSQL backends share: the ``SearchEntry`` rows, filters, facets,
sorts, paging, typo correction and suggestions, written once as SQL (``search.backends.sql``)
with a few engine hooks.

A search runs two statements: the page of ids and the facet counts with the total (see
``_facets``), or a count without facets. Words match whole words ("tra" is tea, not every word
starting with "tra"). Only when a text finds nothing does it cost more: a last word that is no
indexed word but starts some ("mat on") is taken as a prefix; then each word that has no hits
is replaced by one of its nearest indexed words (``search.query.allowed_edits``) and the search
runs again over the combinations, fewest edits first, until one finds something
(``_corrections``), with ``Results.corrected_text`` telling the page. Type-ahead (``suggest``)
always takes the last word as a prefix.

Ranking of a text query (``sql.order_by``): a title that is the query (folded) first, then an
exact-accent match of the whole query in the title ("cà phê" typed as such), then the folded
query as a phrase at a word start in the title, then the engine's score with the title
weighted ten times the body (SQLite's bm25 and PostgreSQL's ts_rank alike), then popularity.
Engines supply the match (``text_match``) and the score.
"""

from __future__ import annotations

import abc
import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice, product
from math import prod

from django.db import connections, transaction

from search.backends.sql import (
    FACET_COLUMNS,
    TABLE,
    Frag,
    Plan,
    TextMatch,
    facet_condition,
    like_escape,
    order_by,
    read_counts,
    total_count,
    union,
    value_counts,
)
from search.documents import (
    ProductDocument,
    SellerDocument,
    StartupDocument,
    indexed_title,
    search_body,
)
from search.models import GroupCount, SearchEntry
from search.query import (
    Word,
    allowed_edits,
    check_page,
    edit_distance,
    facet_values,
    nfc,
    query_words,
    usable_filters,
)
from search.types import (
    GROUP,
    GROUP_PAGE_FACETS,
    PRODUCT,
    SELLER,
    Backend,
    Query,
    Results,
    Suggestion,
    counted_facets,
)

WRITE_BATCH = 1000
MAX_CANDIDATES = 4  # corrections considered per misspelt word
MAX_COMBINATIONS = 64  # corrected versions of a query ordered
MAX_TRIES = 8  # corrected versions searched at most, when none finds anything
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)  # "created" unknown: oldest
ENTRY_FIELDS = [f.name for f in SearchEntry._meta.concrete_fields if f.name != "id"]
UPDATE_FIELDS = [name for name in ENTRY_FIELDS if name not in ("kind", "object_id")]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class DatabaseBackend(Backend):
    """The shared part; ``SQLiteBackend`` and ``PostgresBackend`` supply the engine hooks."""

    name = "database"

    def __init__(self, using: str = "default"):
        self.using = using

    # engine hooks ---------------------------------------------------------------------------

    def ensure_schema(self, cursor) -> None:
        """Make sure the engine's full-text objects exist (SQLite creates them lazily)."""

    @abc.abstractmethod
    def text_match(
        self, words: list[str], *, title_only: bool = False, prefix: bool = True
    ) -> TextMatch:
        """Every word must match; with ``prefix`` the last one as the start of a word."""

    def counts_sql(self, source: str, where: Frag, columns: list[tuple[int, str]]) -> Frag:
        """A statement giving (position, value as text, count) for each (position, column) over
        the rows of ``source`` matching ``where``, plus (-1, NULL, count) for the total. This
        portable form scans once per column; engines with GROUPING SETS scan once."""
        parts = [value_counts(source, where, position, column) for position, column in columns]
        parts.append(total_count(source, where))
        return union(parts)

    @abc.abstractmethod
    def starts_with(self, column: str, prefix: str) -> Frag:
        """``column`` starts with ``prefix`` (letters, digits and spaces only), by an index."""

    @abc.abstractmethod
    def has_hits(self, cursor, word: str, *, prefix: bool) -> bool:
        """Whether ``word`` (or, with ``prefix``, a word starting with it) is in the index."""

    def nearest_words(self, cursor, word: str, edits: int) -> list[str]:
        """Indexed words within ``edits`` of ``word``, nearest (then most used) first."""

    def after_write(self, cursor, kind: str, ids: list[int]) -> None:
        """Called in the writing transaction after rows of ``kind`` were written."""

    def after_rebuild(self, cursor) -> None:
        """Called in the rebuild transaction once every row is written."""

    def lock_group_counts(self, cursor) -> None:
        """Hold the writers of ``GroupCount`` rows one at a time until their commit, so each
        reads what the previous one committed (SQLite writes one at a time anyway)."""

    def group_indexes_ensure(self, codes) -> tuple[list[str], list[str]]:
        """Indexes of the listings of each OCOP group, where the engine needs them
        (PostgreSQL). Returns the names (made, dropped)."""
        return [], []

    # plumbing -------------------------------------------------------------------------------

    @contextmanager
    def cursor(self):
        with connections[self.using].cursor() as cursor:
            self.ensure_schema(cursor)
            yield cursor

    @staticmethod
    def fetch(cursor, frag: Frag) -> list[tuple]:
        sql, params = frag
        cursor.execute(sql, params)
        return cursor.fetchall()

    def count_fetch(self, cursor, frag: Frag) -> list[tuple]:
        """``fetch`` for a statement that counts (facets, totals)."""
        return self.fetch(cursor, frag)

    # searching ------------------------------------------------------------------------------

    def search(self, query: Query) -> Results:
        check_page(query)
        words = query_words(query.text)
        selected = usable_filters(query)
        with self.cursor() as cursor:
            results = self._run(cursor, query, words, selected)
            if words and not results.total:
                last = words[-1].folded
                if not self.has_hits(cursor, last, prefix=False) and self.has_hits(
                    cursor, last, prefix=True
                ):
                    results = self._run(cursor, query, words, selected, prefix=True)
            if words and not results.total:
                for corrected in self._corrections(cursor, words)[:MAX_TRIES]:
                    retry = self._run(cursor, query, corrected, selected, prefix=True)
                    if retry.total:
                        retry.corrected_text = " ".join(
                            w.typed if w in words else w.folded for w in corrected
                        )
                        results = retry
                        break
        return results

    def _plan(self, kind: str, words: list[Word], selected: dict, prefix: bool) -> Plan:
        text = self.text_match([w.folded for w in words], prefix=prefix) if words else None
        plan = Plan(kind=kind, words=words, text=text)
        plan.conditions = {
            facet: facet_condition(facet, values) for facet, values in selected.items()
        }
        return plan

    def _run(
        self, cursor, query: Query, words: list[Word], selected: dict, prefix: bool = False
    ) -> Results:
        plan = self._plan(query.kind, words, selected, prefix)
        where, where_params = plan.where()
        order, order_params = order_by(plan, query.sort)
        rows = self.fetch(
            cursor,
            (
                f"SELECT e.object_id FROM {plan.source} WHERE {where} ORDER BY {order} "
                f"LIMIT %s OFFSET %s",
                where_params + order_params + [query.per_page, query.offset],
            ),
        )
        ids = [row[0] for row in rows]
        facets = {}
        kept = self._kept_counts(query, words, selected) if query.facets else None
        if kept is not None:
            facets, total = kept
        elif query.facets:
            facets, total = self._facets(cursor, plan, selected, counted_facets(query))
        elif (len(ids) < query.per_page and (ids or not query.offset)) or not query.count:
            total = query.offset + len(ids)  # this page is the last one, or told not to count
        else:
            total = self.count_fetch(
                cursor, (f"SELECT COUNT(*) FROM {plan.source} WHERE {where}", where_params)
            )[0][0]
        return Results(ids=ids, total=total, facets=facets)

    def _facets(self, cursor, plan: Plan, selected: dict, names) -> tuple[dict, int]:
        """Counts of every facet's values, each with every *other* facet's filter applied,
        and the total, in one statement: the facets without a filter share one pass over the
        rows that pass every filter; each filtered facet gets its own pass over the rows that
        pass the other filters (usually few, found by the filters' indexes)."""
        free = [(i, FACET_COLUMNS[f]) for i, f in enumerate(names) if f not in plan.conditions]
        parts = [self.counts_sql(plan.source, plan.where(), free)]
        for i, facet in enumerate(names):
            if facet in plan.conditions:
                others = plan.where(without=facet)
                parts.append(value_counts(plan.source, others, i, FACET_COLUMNS[facet]))
        counts, total = read_counts(names, self.count_fetch(cursor, union(parts)))
        facets = {
            facet: facet_values(facet, counts[facet], selected.get(facet, [])) for facet in names
        }
        return facets, total

    # a category page's counts, kept per group ------------------------------------------------
    # ``GroupCount`` rows: a product write counts its rows in each group they were or are in,
    # before and after it writes them (the same statement as a page's counts, narrowed to those
    # rows), and adds the difference to the group's row; the writers hold a lock to their
    # commit. A row is made (or made true again) by counting the whole group
    # (``group_counts_ensure``: after a rebuild, when a category's code changes, ``manage.py
    # search_index groups``).

    def _kept_counts(self, query: Query, words, selected) -> tuple[dict, int] | None:
        """A category page's facets and total from its group's row, when the query is one."""
        if (
            words
            or query.kind != PRODUCT
            or list(selected) != [GROUP]
            or len(selected[GROUP]) != 1
            or counted_facets(query) != GROUP_PAGE_FACETS
        ):
            return None
        row = GroupCount.objects.using(self.using).filter(code=selected[GROUP][0]).first()
        if row is None:
            return None
        facets = {
            facet: facet_values(facet, row.counts.get(facet, {}), []) for facet in GROUP_PAGE_FACETS
        }
        return facets, row.total

    def _group_counts(self, cursor, code: str, ids=None) -> tuple[dict, int]:
        """A group's counts (``GROUP_PAGE_FACETS``) and total, of the rows ``ids`` only if
        given."""
        plan = self._plan(PRODUCT, [], {GROUP: [code]}, False)
        if ids is not None:
            marks = ", ".join(["%s"] * len(ids))
            plan.conditions["rows"] = (f"e.object_id IN ({marks})", [int(i) for i in ids])
        columns = [(i, FACET_COLUMNS[f]) for i, f in enumerate(GROUP_PAGE_FACETS)]
        rows = self.count_fetch(cursor, self.counts_sql(plan.source, plan.where(), columns))
        return read_counts(GROUP_PAGE_FACETS, rows)

    def _kept_codes(self) -> set[str]:
        return set(GroupCount.objects.using(self.using).values_list("code", flat=True))

    def _codes_of(self, cursor, ids) -> set[str]:
        """The group codes the index's rows of these products are in now."""
        marks = ", ".join(["%s"] * len(ids))
        rows = self.fetch(
            cursor,
            (
                f"SELECT group_codes FROM {TABLE} WHERE kind = %s AND object_id IN ({marks})",
                [PRODUCT, *ids],
            ),
        )
        return {code for (codes,) in rows for code in (codes or "").strip("|").split("|") if code}

    def _counts_before(self, cursor, ids: list[int], new_codes: set[str]) -> dict:
        """Before products' rows are written or deleted: what they count in each kept group
        they are or will be in."""
        if not ids:
            return {}
        kept = self._kept_codes()
        codes = (self._codes_of(cursor, ids) | new_codes) & kept
        return {code: self._group_counts(cursor, code, ids) for code in sorted(codes)}

    def _counts_after(self, cursor, ids: list[int], before: dict) -> None:
        """After the write: each group's row gains what the rows count now and loses what
        they counted before."""
        rows = GroupCount.objects.using(self.using)
        for code, (old, old_total) in before.items():
            new, new_total = self._group_counts(cursor, code, ids)
            if new == old and new_total == old_total:
                continue
            row = rows.select_for_update().filter(code=code).first()
            if row is None:
                continue
            counts = {}
            for facet in GROUP_PAGE_FACETS:
                merged = Counter(row.counts.get(facet, {}))
                merged.update(new[facet])
                merged.subtract(old[facet])
                counts[facet] = {value: n for value, n in merged.items() if n > 0}
            row.counts, row.total = counts, row.total + new_total - old_total
            row.save(update_fields=["counts", "total"])

    def group_counts_ensure(self, codes) -> tuple[int, int]:
        """Every code's row counted afresh from the whole group, rows of codes no category has
        any more removed. Returns (counted, removed)."""
        codes = sorted(set(codes))
        rows = GroupCount.objects.using(self.using)
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            self.lock_group_counts(cursor)
            for code in codes:
                counts, total = self._group_counts(cursor, code)
                rows.update_or_create(
                    code=code,
                    defaults={"total": total, "counts": {f: dict(c) for f, c in counts.items()}},
                )
            removed = rows.exclude(code__in=codes).delete()[0]
        return len(codes), removed

    def _corrections(self, cursor, words: list[Word]) -> list[list[Word]]:
        """Versions of ``words`` with each word that has no hits replaced by one of its
        nearest indexed words (up to MAX_CANDIDATES each), best first: fewest edits in all,
        then the engine's order (most used first). The search tries them in turn and keeps
        the first that finds something, so of two equally close corrections the one that
        goes with the other words wins ("ca phr" is "ca phe", not "ca pho" when no title has
        "ca pho"). Empty when no word could be replaced."""
        options: list[list[tuple[int, int, Word]]] = []
        for i, word in enumerate(words):
            if self.has_hits(cursor, word.folded, prefix=False):
                options.append([(0, 0, word)])
                continue
            # The last word may be the start of a word: kept as typed (searched as a prefix)
            # as well as corrected.
            found = (
                [(0, 0, word)]
                if i == len(words) - 1 and self.has_hits(cursor, word.folded, prefix=True)
                else []
            )
            edits = allowed_edits(word.folded)
            nearest = self.nearest_words(cursor, word.folded, edits) if edits else []
            for rank, candidate in enumerate(nearest[:MAX_CANDIDATES]):
                if self.has_hits(cursor, candidate, prefix=False):
                    found.append(
                        (
                            edit_distance(word.folded, candidate),
                            rank + 1,
                            Word(candidate, candidate),
                        )
                    )
            options.append(found or [(0, 0, word)])
        # Keep the combinations few: later words lose their alternatives first.
        for option in reversed(options):
            if prod(len(o) for o in options) <= MAX_COMBINATIONS:
                break
            del option[1:]
        combinations = sorted(
            product(*options),
            key=lambda combo: (
                sum(distance for distance, _r, _w in combo),
                sum(rank for _d, rank, _w in combo),
            ),
        )
        versions = [[w for _d, _r, w in combo] for combo in combinations]
        return [version for version in versions if version != words]  # that one was searched

    # type-ahead -----------------------------------------------------------------------------

    def suggest(self, text: str, *, limit: int = 8) -> list[Suggestion]:
        """Products, then sellers (who keep a quarter of the places), whose name has the typed
        words, the last one as a prefix. Names that start with the text come first, then names
        that only contain the words; within each, an exact-accent match (when accents were
        typed) and then popularity decide."""
        words = query_words(text)
        if not words:
            return []
        limit = max(1, min(int(limit), 50))
        with self.cursor() as cursor:
            sellers = self._suggest_kind(cursor, SELLER, words, max(1, limit // 4))
            products = self._suggest_kind(cursor, PRODUCT, words, limit - len(sellers))
        return [
            Suggestion(kind=kind, id=object_id, label=title, url=url)
            for kind, rows in ((PRODUCT, products), (SELLER, sellers))
            for object_id, title, url in rows
        ]

    def _suggest_kind(self, cursor, kind: str, words: list[Word], count: int) -> list[tuple]:
        if count <= 0:
            return []
        phrase = " ".join(w.folded for w in words)
        typed = " ".join(w.typed for w in words).casefold()
        starts = self.starts_with("e.title_folded", phrase)

        def order(pattern: str) -> Frag:
            keys = [("e.popularity DESC", []), ("e.object_id ASC", [])]
            if typed != phrase:  # accents typed: the names written so first
                keys.insert(
                    0, ("CASE WHEN e.title_lower LIKE %s ESCAPE '\\' THEN 0 ELSE 1 END", [pattern])
                )
            return ", ".join(k for k, _ in keys), [p for _, ps in keys for p in ps]

        by, by_params = order(f"{like_escape(typed)}%")
        rows = self.fetch(
            cursor,
            (
                f"SELECT e.object_id, e.title, e.url FROM {TABLE} e WHERE e.kind = %s "
                f"AND {starts[0]} ORDER BY {by} LIMIT %s",
                [kind, *starts[1], *by_params, count],
            ),
        )
        if len(rows) < count:
            match = self.text_match([w.folded for w in words], title_only=True)
            by, by_params = order(f"%{like_escape(typed)}%")
            rows += self.fetch(
                cursor,
                (
                    f"SELECT e.object_id, e.title, e.url FROM {match.from_clause()} "
                    f"WHERE e.kind = %s AND {match.where[0]} AND NOT ({starts[0]}) "
                    f"ORDER BY {by} LIMIT %s",
                    [kind, *match.where[1], *starts[1], *by_params, count - len(rows)],
                ),
            )
        return rows

    # writing --------------------------------------------------------------------------------

    @staticmethod
    def entry(doc) -> SearchEntry:
        """The row of one ``search.documents`` dataclass."""
        title = nfc(doc.title)
        common = dict(
            kind=doc.kind,
            object_id=int(doc.id),
            title=title[:255],
            title_lower=title.casefold()[:255],
            title_folded=indexed_title(doc)[:255],
            body_folded=search_body(doc),
            url=(doc.url or "")[:500],
            province_code=doc.province_code or "",
            created=doc.created or EPOCH,
        )
        if isinstance(doc, ProductDocument):
            codes = sorted({c for c in doc.group_codes if c})
            markets = sorted({m for m in doc.marketplaces if m})
            return SearchEntry(
                **common,
                seller_kind=doc.seller_kind or "",
                group_codes=f"|{'|'.join(codes)}|" if codes else "",
                stars=int(doc.stars or 0),
                price=int(doc.price or 0),
                seller_id=doc.seller_id,
                in_stock=bool(doc.in_stock),
                marketplaces=f"|{'|'.join(markets)}|" if markets else "",
                popularity=int(doc.popularity or 0),
            )
        if isinstance(doc, SellerDocument):
            return SearchEntry(
                **common,
                seller_kind=doc.seller_kind or "",
                seller_id=int(doc.id),
                popularity=int(doc.product_count or 0),
            )
        if isinstance(doc, StartupDocument):
            wanted = sorted({v for v in doc.looking_for if v})
            return SearchEntry(
                **common,
                seller_id=doc.seller_id,
                sector=doc.sector or "",
                stage=doc.stage or "",
                looking_for=f"|{'|'.join(wanted)}|" if wanted else "",
                verified=bool(doc.verified),
                youth_team=bool(doc.youth_team),
                has_ocop=bool(doc.has_ocop),
                followers_month=int(doc.followers_month or 0),
                interest=int(doc.interest or 0),
                popularity=int(doc.popularity or 0),
            )
        raise TypeError(f"Not a search document: {doc!r}")

    def index(self, documents) -> int:
        written = 0
        manager = SearchEntry.objects.using(self.using)
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            self.lock_group_counts(cursor)  # before any row: see _counts_before
            for chunk in chunked(documents, WRITE_BATCH):
                entries = {(e.kind, e.object_id): e for e in map(self.entry, chunk)}
                products = [e for (kind, _), e in entries.items() if kind == PRODUCT]
                ids = [e.object_id for e in products]
                new_codes = {
                    code for e in products for code in e.group_codes.strip("|").split("|") if code
                }
                before = self._counts_before(cursor, ids, new_codes)
                manager.bulk_create(
                    entries.values(),
                    update_conflicts=True,
                    unique_fields=["kind", "object_id"],
                    update_fields=UPDATE_FIELDS,
                )
                self._counts_after(cursor, ids, before)
                written += len(entries)
                for kind in {kind for kind, _ in entries}:
                    self.after_write(cursor, kind, [i for k, i in entries if k == kind])
        return written

    def delete(self, kind: str, ids) -> int:
        removed = 0
        manager = SearchEntry.objects.using(self.using)
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            if kind == PRODUCT:
                self.lock_group_counts(cursor)
            for chunk in chunked(sorted({int(i) for i in ids}), WRITE_BATCH):
                before = self._counts_before(cursor, chunk, set()) if kind == PRODUCT else {}
                removed += manager.filter(kind=kind, object_id__in=chunk).delete()[0]
                self._counts_after(cursor, chunk, before)
        return removed

    def rebuild(self, documents, *, total: int, progress=None) -> int:
        """Everything in one transaction: searches keep reading the old rows until it
        commits, then see the new ones, so they never meet an empty or half-filled index.
        Concurrent single updates wait for it and then apply on top (they upsert)."""
        written = 0
        manager = SearchEntry.objects.using(self.using)
        with transaction.atomic(using=self.using), self.cursor() as cursor:
            self.lock_group_counts(cursor)  # the kept counts are made true below
            cursor.execute(f"DELETE FROM {TABLE}")
            if progress:
                progress(0, total)
            for chunk in chunked(documents, WRITE_BATCH):
                manager.bulk_create([self.entry(doc) for doc in chunk])
                written += len(chunk)
                if progress:
                    progress(written, total)
            self.after_rebuild(cursor)
            for row in GroupCount.objects.using(self.using):
                counts, row.total = self._group_counts(cursor, row.code)
                row.counts = {f: dict(c) for f, c in counts.items()}
                row.save(update_fields=["counts", "total"])
        return written

    def indexed_ids(self, kind: str) -> set[int]:
        return set(
            SearchEntry.objects.using(self.using)
            .filter(kind=kind)
            .values_list("object_id", flat=True)
        )

    def stale(self, documents) -> set[tuple[str, int]]:
        """(kind, id) of the documents whose row differs from what they would write (rows
        that are missing are not stale: ``indexed_ids`` finds those)."""
        out = set()
        for chunk in chunked(documents, WRITE_BATCH):
            expected = {}
            for doc in chunk:
                entry = self.entry(doc)
                expected[(entry.kind, entry.object_id)] = {
                    name: getattr(entry, name) for name in UPDATE_FIELDS
                }
            for kind in {kind for kind, _ in expected}:
                rows = (
                    SearchEntry.objects.using(self.using)
                    .filter(kind=kind, object_id__in=[i for k, i in expected if k == kind])
                    .values("object_id", *UPDATE_FIELDS)
                )
                for row in rows:
                    object_id = row.pop("object_id")
                    if row != expected[(kind, object_id)]:
                        out.add((kind, object_id))
        return out
