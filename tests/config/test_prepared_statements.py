"""On PostgreSQL a query a connection runs again is a server-side prepared statement (neither
parsed nor planned again); ``DATABASE_PREPARED_STATEMENTS=false`` turns that off for poolers
that cannot keep them."""

import json

import pytest
from django.db import connection
from oscar.core.loading import get_model

from search import api
from tests.config.test_settings import PROD_ENV, run_manage

Partner = get_model("partner", "Partner")


def options_with(**env) -> dict:
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = run_manage(
        "shell",
        "-c",
        script,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            **env,
        },
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_query_run_again_is_prepared_on_the_server():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL setting")
    for code in ("htx-mot", "htx-hai", "htx-ba"):  # the same statement, other values
        assert not Partner.objects.filter(code=code).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "partner_partner"' in sql and "$1" in sql for sql in prepared), prepared


@pytest.mark.django_db
def test_search_counts_are_planned_for_their_values_every_time(seller):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are a PostgreSQL setting")
    for text in ("ca phe", "mat ong", "gao", "che"):  # the same statements, other values
        api.search(api.Query(text=text, kind=api.PRODUCT))
        api.search(api.Query(kind=api.PRODUCT, filters={"stars": ("4", "5")}))
    for _ in range(2):
        assert Partner.objects.filter(pk=seller.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    searches = [sql for sql in prepared if "search_searchentry" in sql]
    assert not [sql for sql in searches if "COUNT(" in sql], searches  # the facets and totals
    assert any(sql.startswith("SELECT e.object_id") for sql in searches), searches  # a page
    assert any('FROM "partner_partner"' in sql for sql in prepared), prepared  # still on
    assert connection.connection.prepare_threshold == 1  # given back after each search
    assert connection.connection.prepared_max == 500  # every page type's statements kept


def test_prepared_statements_are_on_by_default_and_off_by_environment():
    assert options_with() == {"server_side_binding": True, "prepare_threshold": 1}
    production = {**PROD_ENV, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    assert options_with(**production) == {"server_side_binding": True, "prepare_threshold": 1}
    assert options_with(DATABASE_PREPARED_STATEMENTS="false") == {}
    sqlite = options_with(DATABASE_URL="sqlite:////tmp/prepared-check.sqlite3")
    assert "prepare_threshold" not in sqlite and "server_side_binding" not in sqlite
