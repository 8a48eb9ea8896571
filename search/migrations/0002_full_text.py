"""The engine's full-text objects beside ``search_searchentry``: FTS5 on SQLite; on PostgreSQL
the generated ``search_vector`` with a GIN index and pg_trgm for typo tolerance. Each part runs
only on its engine. (The SQLite backend also creates its part lazily, the same statements with
``IF NOT EXISTS``, for test runs without migrations.)"""

from django.db import migrations

ENTRY = "search_searchentry"
FTS = "search_entry_fts"

SQLITE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(title_folded, body_folded, "
    f"content='{ENTRY}', content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
    "prefix='1 2 3')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}(rowid, title_folded, body_folded) "
    "VALUES (new.id, new.title_folded, new.body_folded); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE OF title_folded, body_folded "
    f"ON {ENTRY} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, title_folded, body_folded) "
    "VALUES ('delete', old.id, old.title_folded, old.body_folded); "
    f"INSERT INTO {FTS}(rowid, title_folded, body_folded) "
    "VALUES (new.id, new.title_folded, new.body_folded); END",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_vocab USING fts5vocab({FTS}, 'row')",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TABLE IF EXISTS search_entry_vocab",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"ALTER TABLE {ENTRY} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, coalesce(title_folded, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(body_folded, '')), 'B')) STORED",
    f"CREATE INDEX searchentry_vector ON {ENTRY} USING gin (search_vector)",
    "CREATE INDEX searchterm_trigram ON search_searchterm USING gist (term gist_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS searchterm_trigram",
    "DROP INDEX IF EXISTS searchentry_vector",
    f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE})),
    ]
