"""Which backend serves ``search.api``: Elasticsearch when ``ELASTICSEARCH_URL`` is set, else
the database's own full text (SQLite FTS5 or PostgreSQL), chosen by the connection's vendor.

Backends hold no data of their own beyond a client, so one instance per configuration is kept
(the Elasticsearch client pools its connections). Every backend takes its types from
``search.types`` and its query rules from ``search.query``, never from ``search.api``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from search.backends.postgres import PostgresBackend
from search.backends.sqlite import SQLiteBackend
from search.types import Backend

NAMES = ("sqlite", "postgresql", "elasticsearch")
DATABASE_BACKENDS = {"sqlite": SQLiteBackend, "postgresql": PostgresBackend}
_instances: dict[tuple, Backend] = {}


def backend_by_name(name: str, *, using: str = "default") -> Backend:
    """A backend by its name (tests run one contract suite over each). Raises ValueError for
    an unknown name or one that cannot run here (Elasticsearch without ``ELASTICSEARCH_URL``,
    a database backend on another database engine)."""
    if name not in NAMES:
        raise ValueError(f"Unknown search backend {name!r}; one of {', '.join(NAMES)}.")
    url = getattr(settings, "ELASTICSEARCH_URL", "") if name == "elasticsearch" else ""
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "ocop")
    key = (name, using, url, prefix if url else "")
    if key in _instances:
        return _instances[key]
    if name == "elasticsearch":
        if not url:
            raise ValueError("The Elasticsearch backend needs ELASTICSEARCH_URL.")
        # Imported only when configured: the Elasticsearch client libraries take about half a
        # second to import, which every process (web, Celery, manage.py) would pay for a
        # backend most installations never use.
        from search.backends.elastic import ElasticsearchBackend

        instance = ElasticsearchBackend(url=url, index_prefix=prefix)
    else:
        vendor = connections[using].vendor
        if vendor != name:
            raise ValueError(f"The {name} search backend cannot run on a {vendor} database.")
        instance = DATABASE_BACKENDS[name](using=using)
    _instances[key] = instance
    return instance


def get_backend() -> Backend:
    """The configured backend."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return backend_by_name("elasticsearch")
    return backend_by_name(connections["default"].vendor)
