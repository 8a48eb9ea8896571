"""PostgreSQL: full text over the folded title (weight A) and body (weight B) of
``search.SearchEntry``, with trigram typo tolerance.

``search_vector`` is a stored generated column (``to_tsvector('simple', ...)``: the text is
folded already, so no stemming or unaccent is needed and "ca phe" meets "cà phê"), with a GIN
index; ``search_searchterm`` holds the index's words with a trigram GiST index, so the nearest
word to a typo is found by ``<->`` distance. Both come from migration 0002 (with the
``pg_trgm`` extension).

Migration 0003 adds what makes it fast at 10^5 products: trigram GIN indexes over the
``|``-delimited group and marketplace codes (the same ``LIKE '%|1.9|%'`` filters as SQLite, by
index when they select few rows), a ``text_pattern_ops`` index for type-ahead prefixes
and one for the vocabulary, and a covering index of the facet and sort columns, so that
counting facets without words reads that index only (a rebuild ends with VACUUM to allow it).
The facets without a filter are counted in one ``GROUPING SETS`` pass.

A category page filters by one OCOP group, and a ``LIKE '%|1.5|%'`` cannot use a B-tree: its
page and its facet counts read every product's entry in the covering index (95,000 at 100,000
products, to keep 11,000), so they grew with the catalogue. Each OCOP group therefore has a
partial covering index of its own rows in the listing order (``group_indexes_ensure``): the
100th page reads 2,400 entries, the counts only the group's.
"""

from __future__ import annotations

import re

from django.db import connections

from search.backends.database import DatabaseBackend
from search.backends.sql import TABLE, TextMatch, total_count
from search.models import SearchTerm
from search.query import edit_distance

TERMS = SearchTerm._meta.db_table
# The score, as SQLite's bm25 weighs it: the title 10 times the body, each rank divided by
# 1 + log(length) (normalization 1). One ts_rank over both weights would not do: it saturates
# at 1.0 as soon as every word is in the title, so a product whose title is exactly the query
# tied with one whose long title and description repeat the words, and lost on popularity.
TITLE_WEIGHTS = "'{0, 0, 0, 1.0}'::float4[]"  # D, C, B (body), A (title)
BODY_WEIGHTS = "'{0, 0, 1.0, 0}'::float4[]"
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
GROUP_INDEX_PREFIX = "searchentry_grp_"
GROUP_COUNTS_LOCK = 7_170_017  # the advisory lock of the writers of GroupCount rows
OCOP_CODE = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$")  # "1", "1.5": written into SQL


def tsquery(words: list[str], *, title_only: bool = False, prefix: bool = True) -> str:
    """Every word (AND), the last one as a prefix if asked. Words hold only letters and digits
    (``search.query.query_words``), so they need no quoting."""
    weight = "A" if title_only else ""
    terms = [f"{word}:{weight}" if weight else word for word in words[:-1]]
    last = f"{words[-1]}:{'*' if prefix else ''}{weight}"
    terms.append(last.rstrip(":"))
    return " & ".join(terms)


class PostgresBackend(DatabaseBackend):
    name = "postgresql"

    def count_fetch(self, cursor, frag) -> list[tuple]:
        """A counting statement is planned for its own values every time, never sent as a
        prepared statement (``DATABASE_PREPARED_STATEMENTS``): how many entries the words
        and filters match decides its best plan, and the generic plan PostgreSQL settled on
        for a prepared facet count took 41 ms where planning it afresh took 28 ms."""
        raw = connections[self.using].connection
        threshold = getattr(raw, "prepare_threshold", None)
        if threshold is None:
            return self.fetch(cursor, frag)
        raw.prepare_threshold = None
        try:
            return self.fetch(cursor, frag)
        finally:
            raw.prepare_threshold = threshold

    def text_match(self, words, *, title_only=False, prefix=True) -> TextMatch:
        query = tsquery(words, title_only=title_only, prefix=prefix)
        return TextMatch(
            join="",
            where=("e.search_vector @@ to_tsquery('simple', %s)", [query]),
            score=(
                f"-({TITLE_WEIGHT} * ts_rank({TITLE_WEIGHTS}, e.search_vector, "
                f"to_tsquery('simple', %s), 1) + {BODY_WEIGHT} * ts_rank({BODY_WEIGHTS}, "
                f"e.search_vector, to_tsquery('simple', %s), 1))",
                [query, query],
            ),
        )

    def counts_sql(self, source, where, columns):
        """One pass: GROUPING SETS, one set per column and () for the total."""
        if not columns:
            return total_count(source, where)
        names = [f"f_{position}" for position, _ in columns]
        full = (1 << len(names)) - 1
        # GROUPING(f_a, f_b, ...) has a 1 bit for each column not grouped, f_a the highest.
        whens = " ".join(
            f"WHEN {full ^ (1 << (len(names) - 1 - i))} THEN {position}"
            for i, (position, _) in enumerate(columns)
        )
        inner = ", ".join(
            f"CAST({column} AS TEXT) AS {name}"
            for (_, column), name in zip(columns, names, strict=True)
        )
        sets = ", ".join(f"({name})" for name in names)
        return (
            f"SELECT CASE GROUPING({', '.join(names)}) {whens} ELSE -1 END, "
            f"COALESCE({', '.join(names)}), COUNT(*) "
            f"FROM (SELECT {inner} FROM {source} WHERE {where[0]}) s "
            f"GROUP BY GROUPING SETS ({sets}, ())",
            where[1],
        )

    def starts_with(self, column, prefix):
        # The text_pattern_ops index of migration 0003 serves LIKE 'prefix%' in any collation.
        return f"{column} LIKE %s", [f"{prefix}%"]

    def has_hits(self, cursor, word, *, prefix):
        """By the vocabulary (an index lookup; a full-text EXISTS that finds nothing would scan
        the whole table)."""
        if prefix:
            cursor.execute(f"SELECT 1 FROM {TERMS} WHERE term LIKE %s LIMIT 1", [f"{word}%"])
        else:
            cursor.execute(f"SELECT 1 FROM {TERMS} WHERE term = %s", [word])
        return cursor.fetchone() is not None

    def nearest_words(self, cursor, word, edits):
        cursor.execute(
            f"SELECT term FROM {TERMS} WHERE length(term) BETWEEN %s AND %s "
            "ORDER BY term <-> %s LIMIT 40",
            [len(word) - edits, len(word) + edits, word],
        )
        found = []
        for rank, (term,) in enumerate(cursor.fetchall()):
            distance = edit_distance(word, term, edits)
            if distance <= edits:
                found.append((distance, rank, term))
        return [term for _d, _r, term in sorted(found)]

    def after_write(self, cursor, kind, ids):
        cursor.execute(
            f"INSERT INTO {TERMS} (term) SELECT DISTINCT w FROM {TABLE} e "
            "CROSS JOIN LATERAL unnest(tsvector_to_array(e.search_vector)) AS w "
            "WHERE e.kind = %s AND e.object_id = ANY(%s) AND length(w) <= 64 "
            "ON CONFLICT DO NOTHING",
            [kind, list(ids)],
        )

    def lock_group_counts(self, cursor):
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [GROUP_COUNTS_LOCK])

    def group_indexes_ensure(self, codes) -> tuple[list[str], list[str]]:
        """A partial covering index per OCOP group code, in the order of a listing without
        words (stars, newest, id) with the facet columns: made for codes that have none,
        dropped for codes no category has any more. Returns (made, dropped)."""
        wanted = {
            GROUP_INDEX_PREFIX + code.replace(".", "_"): code
            for code in codes
            if OCOP_CODE.match(code or "")
        }
        connection = connections[self.using]
        concurrently = "" if connection.in_atomic_block else " CONCURRENTLY"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname LIKE %s",
                [TABLE, GROUP_INDEX_PREFIX + "%"],
            )
            existing = {row[0] for row in cursor.fetchall()}
            made = sorted(set(wanted) - existing)
            dropped = sorted(existing - set(wanted))
            for name in made:
                cursor.execute(
                    f"CREATE INDEX{concurrently} IF NOT EXISTS {name} ON {TABLE} "
                    "(stars DESC, created DESC, object_id) INCLUDE (province_code, price, "
                    "seller_kind, in_stock, marketplaces, popularity, seller_id) "
                    f"WHERE kind = 'product' AND group_codes LIKE '%|{wanted[name]}|%'"
                )
            for name in dropped:
                cursor.execute(f"DROP INDEX{concurrently} IF EXISTS {name}")
        return made, dropped

    def after_rebuild(self, cursor):
        cursor.execute(f"DELETE FROM {TERMS}")
        cursor.execute(
            f"INSERT INTO {TERMS} (term) SELECT word FROM "
            f"ts_stat('SELECT search_vector FROM {TABLE}') WHERE length(word) <= 64"
        )
        cursor.execute(f"ANALYZE {TABLE}")
        cursor.execute(f"ANALYZE {TERMS}")

    def rebuild(self, documents, *, total, progress=None):
        written = super().rebuild(documents, total=total, progress=progress)
        if not connections[self.using].in_atomic_block:
            # Mark the new rows all-visible, so counting facets reads only the covering index.
            with connections[self.using].cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        return written
