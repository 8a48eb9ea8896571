"""Search fixtures: the backends available here, and a way to pin ``search.api`` to one.

The contract suite runs over ``AVAILABLE``: the database's own backend always ("sqlite" or
"postgresql", from DATABASE_URL) and "elasticsearch" when ELASTICSEARCH_URL is set; without it
that parameter is skipped with the reason shown (``-ra`` prints it in the summary).
"""

import importlib.util
import os

import pytest
from django.conf import settings as django_settings

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


def database_backend_name() -> str:
    engine = django_settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite"


AVAILABLE = [database_backend_name(), "elasticsearch"]


def skip_reason(name: str) -> str | None:
    if name != "elasticsearch":
        return None
    if not ELASTICSEARCH_URL:
        return "ELASTICSEARCH_URL not set"
    if importlib.util.find_spec("search.backends.elastic") is None:
        return "search/backends/elastic.py does not exist yet"
    return None


@pytest.fixture
def use_backend(settings):
    """``use_backend(name)``: make ``search.api`` (and so the indexing) use that backend for
    this test; Elasticsearch gets its own index prefix so tests never touch real indexes."""
    from search.backends import backend_by_name

    def use(name: str):
        reason = skip_reason(name)
        if reason:
            print(f"\nSKIP {name} backend: {reason}")
            pytest.skip(reason)
        if name == "elasticsearch":
            settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
            # one per test process of a parallel run (gw0, gw1...): they share the server
            worker = os.environ.get("PYTEST_XDIST_WORKER")
            settings.ELASTICSEARCH_INDEX_PREFIX = f"ocop-test-{worker}" if worker else "ocop-test"
        else:
            settings.ELASTICSEARCH_URL = ""
        return backend_by_name(name)

    return use


@pytest.fixture
def database_backend(use_backend, db):
    """The database's own backend, whatever ELASTICSEARCH_URL says."""
    return use_backend(database_backend_name())
