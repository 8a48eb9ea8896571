"""Follower counts under concurrent follows and unfollows, on PostgreSQL with real threads
(each its own connection and transaction): the count always equals the Follow rows."""

import threading

import pytest
from django.db import connection, connections

from startups.models import Follow, Startup
from startups.services import profiles
from startups.services.union import union_units_load
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(jobs):
    """Run each job in its own thread, all released at once; the errors they raised."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=60)
            job()
        except Exception as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def startup(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks and unique index waits (bin/test starts one)")
    union_units_load()
    return startup_create()


def users(django_user_model, n, prefix):
    return [
        django_user_model.objects.create_user(f"{prefix}{i}", f"{prefix}{i}@example.com", "x")
        for i in range(n)
    ]


def test_twenty_people_following_at_once_are_twenty(startup, django_user_model):
    people = users(django_user_model, 20, "mua")
    errors = run_together(
        [lambda user=user: profiles.startup_follow(user=user, startup=startup) for user in people]
    )
    assert errors == []
    startup.refresh_from_db()
    assert startup.follower_count == Follow.objects.filter(startup=startup).count() == 20


def test_one_person_clicking_follow_eight_times_at_once_counts_once(startup, django_user_model):
    (user,) = users(django_user_model, 1, "nhanh")
    results = []
    errors = run_together(
        [lambda: results.append(profiles.startup_follow(user=user, startup=startup))] * 8
    )
    assert errors == [] and results.count(True) == 1 and results.count(False) == 7
    startup.refresh_from_db()
    assert startup.follower_count == 1 == Follow.objects.count()


def test_follows_and_unfollows_at_once_keep_the_count_right(startup, django_user_model):
    leaving = users(django_user_model, 10, "di")
    for user in leaving:
        profiles.startup_follow(user=user, startup=startup)
    coming = users(django_user_model, 10, "den")
    jobs = [
        lambda user=user: profiles.startup_unfollow(user=user, startup=startup) for user in leaving
    ]
    jobs += [
        lambda user=user: profiles.startup_follow(user=user, startup=startup) for user in coming
    ]
    # and the same people unfollowing twice at once: only one of each takes one off
    jobs += [
        lambda user=user: profiles.startup_unfollow(user=user, startup=startup)
        for user in leaving[:5]
    ]
    errors = run_together(jobs)
    assert errors == []
    startup.refresh_from_db()
    assert startup.follower_count == Follow.objects.filter(startup=startup).count() == 10
    assert Startup.objects.get(pk=startup.pk).follower_count == 10
