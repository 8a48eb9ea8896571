"""On PostgreSQL, a full-text index of the sellers' entries and one of the startups'.

A search page also looks for sellers matching the words, and the startup directory for
startups: through the one GIN index of every entry, such a statement read every matching
product's entry first and then kept the few sellers ("ca phe" at 100,000 products: 10,294
entries for 363 sellers, 2.5 ms a statement, twice a page). A partial index per kind reads
only that kind's entries (0.3 ms). Products keep the whole index (most entries are theirs)."""

from django.db import migrations

ENTRY = "search_searchentry"
KINDS = ("seller", "startup")

POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS searchentry_vector_{kind} ON {ENTRY} USING gin (search_vector) "
    f"WHERE kind = '{kind}'"
    for kind in KINDS
]
POSTGRES_REVERSE = [f"DROP INDEX IF EXISTS searchentry_vector_{kind}" for kind in KINDS]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_startup_directory")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
