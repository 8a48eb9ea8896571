"""Which backend serves ``search.api`` (``search.backends``): the database's own unless
Elasticsearch is configured, and only one that can run here."""

import pytest
from django.db import connection

from search.backends import backend_by_name, get_backend
from tests.search.conftest import database_backend_name


def test_the_database_backend_serves_without_elasticsearch(settings):
    settings.ELASTICSEARCH_URL = ""
    assert get_backend().name == database_backend_name() == connection.vendor
    with pytest.raises(ValueError):
        backend_by_name("whoosh")
    with pytest.raises(ValueError):
        backend_by_name("elasticsearch")  # no URL
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    with pytest.raises(ValueError):
        backend_by_name(other)


def test_one_backend_per_configuration(settings):
    settings.ELASTICSEARCH_URL = ""
    assert get_backend() is get_backend() is backend_by_name(connection.vendor)
