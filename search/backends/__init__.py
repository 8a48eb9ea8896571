"""Which backend serves ``search.api``: Elasticsearch when ``ELASTICSEARCH_URL`` is set, else
the database's own full text (SQLite FTS5 or PostgreSQL), chosen by the connection's vendor.

Backends hold no data of their own beyond a client, so one instance per configuration is kept
(the Elasticsearch client pools its connections)."""

from __future__ import annotations

from django.conf import settings
from django.db import connections

from search.api import Backend

NAMES = ("sqlite", "postgresql", "elasticsearch")
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
        from search.backends.elastic import ElasticsearchBackend

        instance = ElasticsearchBackend(url=url, index_prefix=prefix)
    else:
        vendor = connections[using].vendor
        if vendor != name:
            raise ValueError(f"The {name} search backend cannot run on a {vendor} database.")
        if name == "sqlite":
            from search.backends.sqlite import SQLiteBackend as cls
        else:
            from search.backends.postgres import PostgresBackend as cls
        instance = cls(using=using)
    _instances[key] = instance
    return instance


def get_backend() -> Backend:
    """The configured backend."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        return backend_by_name("elasticsearch")
    return backend_by_name(connections["default"].vendor)
