"""The load balancer's probe: 200 while the database, cache and broker answer, 503 naming the
part that does not, and never a cached or redirected answer."""

import pytest
from django.core.cache import cache
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_all_parts_up_answers_200_with_each_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "skipped",  # tasks run in-process in the tests: no broker to ask
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_cache_down_answers_503_and_names_it(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and body["cache"] == "down" and body["database"] == "ok"
    assert "unreachable" not in response.content.decode()  # no error text for the world


@override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_broker_unreachable_answers_503(client):
    from celery import current_app

    original = current_app.conf.broker_url
    current_app.conf.broker_url = "redis://127.0.0.1:1/0"  # a port nothing listens on
    try:
        response = client.get("/healthz")
    finally:
        current_app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200
