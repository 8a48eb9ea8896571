from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


class Command(BaseCommand):
    help = (
        "Migrate if anything is unapplied, then load the demo data: what bin/run needs, "
        "in one process so that a second start takes seconds."
    )

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            self.stdout.write(
                f"Creating the database: {len(plan)} migrations (first run: about a minute)..."
            )
            call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo")
        call_command("cms_editors", verbosity=0)  # each province's section, editors, workflow
        self._search_index_fill()

    def _search_index_fill(self):
        """A database made before search existed (or loaded with signals off) has products
        but an empty index: fill it once, so listing pages are not empty."""
        from catalog.selectors import public_products
        from search.api import PRODUCT, backend
        from search.services import index_rebuild

        if public_products().exists() and not backend().indexed_ids(PRODUCT):
            self.stdout.write("Building the search index...")
            index_rebuild()
