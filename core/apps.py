from django.apps import AppConfig

# Prepared statements a PostgreSQL connection keeps (psycopg's default is 100). A worker that
# serves every page type runs more distinct statements than that, and past the limit each new
# one deallocates the oldest: a round trip and a fresh parse and plan, worse than none.
PREPARED_MAX = 500


def _keep_prepared_statements(sender, connection, **kwargs) -> None:
    raw = connection.connection
    if connection.vendor == "postgresql" and getattr(raw, "prepare_threshold", None) is not None:
        raw.prepared_max = PREPARED_MAX


class CoreConfig(AppConfig):
    """No models: management commands (``uploads_check``) and template tags (``site_links``);
    the database connections' prepared statements (``PREPARED_MAX``)."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.backends.signals import connection_created

        connection_created.connect(_keep_prepared_statements, dispatch_uid="core-prepared-max")
