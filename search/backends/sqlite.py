"""SQLite: FTS5 over the folded title and body of ``search.SearchEntry``.

``search_entry_fts`` is an external-content FTS5 table (it stores only the index; the text
stays in ``search_searchentry``), kept in step by three triggers, with ``unicode61
remove_diacritics 2`` (the text is folded already, đ→d included) and prefix indexes for
type-ahead. ``search_entry_vocab`` (fts5vocab) lists its words for typo tolerance.

Migration 0002 creates them; so does the backend on first use (``IF NOT EXISTS``), which keeps
``pytest --nomigrations`` runs working. The schema is checked before each operation: one
lookup in ``sqlite_master``, since a test's rolled-back transaction can take a lazily created
table with it.
"""

from __future__ import annotations

from search.backends.database import DatabaseBackend
from search.backends.sql import TABLE, TextMatch
from search.query import edit_distance

FTS = "search_entry_fts"
VOCAB = "search_entry_vocab"
PREFIX_INDEX = "searchentry_title_prefix"  # type-ahead: names starting with the text (GLOB)
TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0

SCHEMA = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_folded, body_folded, "
    f"content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2 3')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, title_folded, body_folded) "
    "VALUES (new.id, new.title_folded, new.body_folded); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF title_folded, body_folded "
    f"ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); "
    f"INSERT INTO {FTS}(rowid, title_folded, body_folded) "
    "VALUES (new.id, new.title_folded, new.body_folded); END",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({FTS}, 'row')",
    f"CREATE INDEX IF NOT EXISTS {PREFIX_INDEX} ON {TABLE} (kind, title_folded)",
]


def schema_ensure(cursor) -> bool:
    """Create the FTS objects if any is missing (and index the rows already there): a
    migration that remakes the table drops its triggers. True if anything was created."""
    names = [FTS, VOCAB, f"{FTS}_ai", f"{FTS}_ad", f"{FTS}_au", PREFIX_INDEX]
    cursor.execute(
        f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({', '.join(['%s'] * len(names))})",
        names,
    )
    if cursor.fetchone()[0] == len(names):
        return False
    for statement in SCHEMA:
        cursor.execute(statement)
    cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return True


def _fts_query(words: list[str], *, title_only: bool, prefix: bool) -> str:
    """Every word (implicit AND), each quoted, the last one as a prefix if asked. Words hold
    only letters and digits (``search.query.query_words``), so quoting is all the escaping needed."""
    terms = [f'"{word}"' for word in words]
    if prefix:
        terms[-1] += "*"
    expression = " ".join(terms)
    return f"title_folded : ({expression})" if title_only else expression


class SQLiteBackend(DatabaseBackend):
    name = "sqlite"

    def ensure_schema(self, cursor) -> None:
        schema_ensure(cursor)

    def text_match(self, words, *, title_only=False, prefix=True) -> TextMatch:
        return TextMatch(
            join=f" JOIN {FTS} ON {FTS}.rowid = e.id",
            # CROSS JOIN keeps SQLite from scanning the entries and running MATCH once per
            # row: the full-text index is read first (about 300 ms -> 1 ms at 3,000 products).
            source=f"{FTS} CROSS JOIN {TABLE} e ON e.id = {FTS}.rowid",
            where=(f"{FTS} MATCH %s", [_fts_query(words, title_only=title_only, prefix=prefix)]),
            score=(f"bm25({FTS}, {TITLE_WEIGHT}, {BODY_WEIGHT})", []),
        )

    def starts_with(self, column, prefix):
        # GLOB is case-sensitive, so (unlike LIKE) it can use the index; the prefix holds only
        # letters, digits and spaces, none of GLOB's wildcards.
        return f"{column} GLOB %s", [f"{prefix}*"]

    def has_hits(self, cursor, word, *, prefix):
        if prefix:
            upper = word[:-1] + chr(ord(word[-1]) + 1)
            cursor.execute(
                f"SELECT 1 FROM {VOCAB} WHERE term >= %s AND term < %s AND doc > 0 LIMIT 1",
                [word, upper],
            )
        else:
            cursor.execute(f"SELECT 1 FROM {VOCAB} WHERE term = %s AND doc > 0", [word])
        return cursor.fetchone() is not None

    def nearest_words(self, cursor, word, edits):
        cursor.execute(
            f"SELECT term, doc FROM {VOCAB} WHERE doc > 0 AND length(term) BETWEEN %s AND %s",
            [len(word) - edits, len(word) + edits],
        )
        found = []
        for term, docs in cursor.fetchall():
            distance = edit_distance(word, term, edits)
            if distance <= edits:
                found.append((distance, -docs, term))
        return [term for _d, _n, term in sorted(found)]

    def after_rebuild(self, cursor) -> None:
        cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('optimize')")
