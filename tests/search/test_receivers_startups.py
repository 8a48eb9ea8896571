"""Startup changes reach the directory's index: ``startups.signals.startup_changed`` (sent
after commit by the startups' services), a startup deleted, its seller suspended, its
products certified; one task per transaction; and the nightly refresh that a new month needs."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from search import api, tasks
from search.documents import month_start
from search.services import startups_reindex
from startups.models import Follow, Startup
from startups.services.profiles import startup_follow, startup_hide
from startups.signals import startup_changed
from tests.catalog.factories import product_create
from tests.startups.factories import startup_create

Partner = get_model("partner", "Partner")
User = get_user_model()
pytestmark = pytest.mark.django_db


def found(text="", **kwargs) -> list[int]:
    return api.search(api.Query(text=text, kind=api.STARTUP, per_page=100, **kwargs)).ids


def changed(startup):
    startup_changed.send(sender=Startup, startup_id=startup.pk)


@pytest.fixture
def cafe(database_backend, reference_data):
    startup = startup_create(name="Cà phê Ea Tu", tagline="Rang mộc", story="Robusta.")
    startups_reindex([startup.pk])
    assert found("ca phe") == [startup.pk]
    return startup


def test_a_change_reaches_the_index_once_it_commits(cafe, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        Startup.objects.filter(pk=cafe.pk).update(name="Cà phê Buôn Ma Thuột")
        changed(cafe)
        assert found("buon ma thuot") == []
    assert found("buon ma thuot") == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert found("buon ma thuot") == [cafe.pk]


def test_a_hidden_startup_vanishes(cafe, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Startup.objects.filter(pk=cafe.pk).update(published=False)
        changed(cafe)
    assert found("ca phe") == [] and found() == []


def test_a_deleted_startup_vanishes(cafe, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Startup.objects.get(pk=cafe.pk).delete()
    assert found() == []


def test_a_suspended_seller_takes_its_startup_out(cafe, django_capture_on_commit_callbacks):
    seller = Partner.objects.get(pk=cafe.partner_id)
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Partner.Status.SUSPENDED
        seller.save()
    assert found() == []
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Partner.Status.APPROVED
        seller.save()
    assert found() == [cafe.pk]


def test_a_certified_product_gives_the_ocop_badge_and_its_lapse_takes_it(
    cafe, django_capture_on_commit_callbacks
):
    ocop = {api.HAS_OCOP: ("1",)}
    assert found(filters=ocop) == []
    with django_capture_on_commit_callbacks(execute=True):
        product = product_create(seller=cafe.partner, title="Cà phê hạt 500g", stars=4)
    assert found(filters=ocop) == [cafe.pk]
    with django_capture_on_commit_callbacks(execute=True):
        product.ocop_valid_until = datetime.date.today() - datetime.timedelta(days=1)
        product.ocop_valid_from = product.ocop_valid_until - datetime.timedelta(days=900)
        product.save()
    assert found(filters=ocop) == []


def test_one_task_per_transaction_however_many_signals(
    cafe, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(tasks.reindex_startups, "delay", lambda ids: calls.append(list(ids)))
    other = startup_create(name="Mật ong rừng")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            changed(cafe)
        changed(other)
    assert calls == [sorted([cafe.pk, other.pk])]


def test_a_broker_that_is_down_never_breaks_the_sender(
    cafe, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def down(ids):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.reindex_startups, "delay", down)
    with django_capture_on_commit_callbacks(execute=True):
        changed(cafe)  # no exception
    assert "broker down" in caplog.text


def test_the_nightly_refresh_starts_a_new_month_and_drops_what_is_not_public(cafe, reference_data):
    quiet = startup_create(name="Thổ cẩm Mường", tagline="Dệt tay", story="Dệt.")
    user = User.objects.create_user("nguoi-theo-doi", "f@example.com", "x")
    follow = Follow.objects.create(user=user, startup=cafe)
    startups_reindex([cafe.pk, quiet.pk])
    assert found(sort=api.FOLLOWED) == [cafe.pk, quiet.pk]  # 1 follow this month against 0

    # The month turns (the follow is from last month now) and the quiet one is hidden, all
    # without a signal: only the nightly job sees it.
    Follow.objects.filter(pk=follow.pk).update(created=month_start() - datetime.timedelta(days=1))
    Startup.objects.filter(pk=quiet.pk).update(published=False)
    other = startup_create(name="Du lịch Buôn Đôn", tagline="Nhà dài", story="Homestay.")
    Startup.objects.filter(pk=other.pk).update(created=cafe.created + datetime.timedelta(days=1))
    tasks.refresh_startups.delay()
    assert found(sort=api.FOLLOWED) == [other.pk, cafe.pk]  # 0 and 0: newest first
    assert quiet.pk not in found()


def test_the_nightly_refresh_is_scheduled():
    jobs = {job["task"]: job for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "search.tasks.refresh_startups" in jobs


def test_the_startups_services_reach_the_directory(
    cafe, reference_data, django_capture_on_commit_callbacks
):
    """Through the real services: a follow reorders "most followed this month", and the
    seller hiding its startup takes it out."""
    other = startup_create(name="Thổ cẩm Mường", tagline="Dệt tay", story="Dệt.")
    Startup.objects.filter(pk=other.pk).update(created=cafe.created - datetime.timedelta(days=1))
    startups_reindex([other.pk])
    assert found(sort=api.FOLLOWED) == [cafe.pk, other.pk]  # none yet: newest first
    fan = User.objects.create_user("nguoi-ham-mo", "fan@example.com", "x")
    with django_capture_on_commit_callbacks(execute=True):
        startup_follow(user=fan, startup=other)
    assert found(sort=api.FOLLOWED) == [other.pk, cafe.pk]

    owner = User.objects.create_user("chu-htx", "owner@example.com", "x")
    other.partner.users.add(owner)
    with django_capture_on_commit_callbacks(execute=True):
        startup_hide(startup=other, user=owner)
    assert found() == [cafe.pk]
