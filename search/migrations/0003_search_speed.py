"""Indexes for searching 10^5 products quickly (each only on its engine).

SQLite: type-ahead by name prefix (``GLOB 'ca p*'``). PostgreSQL: the same with
``text_pattern_ops`` (any collation), trigram GIN over the ``|``-delimited group and marketplace
codes (``LIKE '%|1.9|%'`` filters find their rows by index when they are few), a covering index
of the facet and sort columns (facet counts without words read only it, with cheap filters),
and the vocabulary by prefix (typo tolerance)."""

from django.db import migrations

ENTRY = "search_searchentry"

SQLITE = [f"CREATE INDEX IF NOT EXISTS searchentry_title_prefix ON {ENTRY} (kind, title_folded)"]
SQLITE_REVERSE = ["DROP INDEX IF EXISTS searchentry_title_prefix"]
POSTGRES = [
    f"CREATE INDEX searchentry_title_prefix ON {ENTRY} (kind, title_folded text_pattern_ops)",
    f"CREATE INDEX searchentry_groups ON {ENTRY} USING gin (group_codes gin_trgm_ops)",
    f"CREATE INDEX searchentry_markets ON {ENTRY} USING gin (marketplaces gin_trgm_ops)",
    f"CREATE INDEX searchentry_facets ON {ENTRY} (kind, object_id) INCLUDE (group_codes, stars, "
    "province_code, price, seller_kind, in_stock, marketplaces, popularity, created)",
    "CREATE INDEX searchterm_prefix ON search_searchterm (term text_pattern_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS searchterm_prefix",
    "DROP INDEX IF EXISTS searchentry_facets",
    "DROP INDEX IF EXISTS searchentry_markets",
    "DROP INDEX IF EXISTS searchentry_groups",
    "DROP INDEX IF EXISTS searchentry_title_prefix",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)
    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE, "postgresql": POSTGRES}),
                             _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE})),
    ]
