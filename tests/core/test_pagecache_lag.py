"""The lag of cookieless hits (``PAGE_CACHE_LAG_MS``): a visitor with no session, messages or
basket, answered by the early hit from this process's copy of a page, may get it up to the lag
behind a change another process made; a change this process made, and every other visitor,
see it at once.

Another process's change is made here with ``pagecache._seen`` silenced: the change is
committed, its tokens replaced and logged in the shared cache, but this process does not learn
the new change number from it, as a web worker does not when a Celery worker or the other
web worker made the change."""

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from core import pagecache
from tests.core.test_page_cache import NBSP, CacheReads, get

pytestmark = pytest.mark.django_db
OLD, NEW = f"185.000{NBSP}₫", f"199.000{NBSP}₫"


@pytest.fixture
def lag(page_cache, settings, monkeypatch):
    settings.PAGE_CACHE_LAG_MS = 100
    monkeypatch.setattr(pagecache, "_SEQ_SEEN", (None, 0.0))
    clock = {"now": 1_000.0}
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock["now"])
    return clock


def price_change(coffee, committed, price=199000):
    record = coffee.stockrecords.get()
    with committed():
        record.price = price
        record.save()


def test_within_the_lag_a_cookieless_hit_asks_the_cache_nothing(lag, coffee, monkeypatch):
    url = coffee.get_absolute_url()
    get(Client(), url)  # rendered, stored, the change number read
    reads = CacheReads(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", reads)
    lag["now"] += 0.05
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "hit" and OLD in html
    assert reads.keys == []
    lag["now"] += 0.06  # past the lag: the number is read again
    response, _ = get(Client(), url)
    assert response["X-Page-Cache"] == "hit"
    assert reads.keys == [pagecache.SEQ_KEY]


def test_a_change_made_by_this_process_shows_at_once_within_the_lag(lag, coffee, committed):
    url = coffee.get_absolute_url()
    get(Client(), url)
    get(Client(), url)
    price_change(coffee, committed)  # no time passes
    response, html = get(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert NEW in html and OLD not in html


def test_another_process_change_reaches_cookieless_visitors_within_the_lag(
    lag, coffee, committed, monkeypatch
):
    url = coffee.get_absolute_url()
    get(Client(), url)
    with monkeypatch.context() as elsewhere:
        elsewhere.setattr(pagecache, "_seen", lambda seq: None)
        price_change(coffee, committed)

    _, html = get(Client(), url)
    assert OLD in html  # within the lag: the page this process kept

    with_session = Client()
    with_session.cookies[django_settings.SESSION_COOKIE_NAME] = "no-such-session"
    _, html = get(with_session, url)
    assert NEW in html and OLD not in html  # a visitor with any session asks the cache

    member = Client()
    member.force_login(get_user_model().objects.create_user("nguoi-mua-lag"))
    _, html = get(member, url)
    assert NEW in html and OLD not in html

    lag["now"] += 0.1
    _, html = get(Client(), url)
    assert NEW in html and OLD not in html


def test_no_lag_asks_the_cache_on_every_hit(page_cache, settings, coffee, monkeypatch):
    settings.PAGE_CACHE_LAG_MS = 0
    url = coffee.get_absolute_url()
    get(Client(), url)
    reads = CacheReads(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", reads)
    for _ in range(3):
        get(Client(), url)
    assert reads.keys == [pagecache.SEQ_KEY] * 3
