"""A crowd at the beacon on PostgreSQL: many posts at the same moment, in threads with their
own database connections, some of them retries of the same event, give exact counts: one row
per event id, one passport stamp per visitor and booth, and the report agrees."""

import os
import threading
import uuid

import pytest
from django.db import connections

from startups.models import ExpoEvent, PassportStamp
from startups.selectors.expo_stats import expo_figures
from startups.services.union import union_units_load
from tests.startups.expo_world import beacon, browser
from tests.startups.factories import booth_create, expo_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
        reason="needs PostgreSQL and real concurrent connections (bin/test starts one)",
    ),
]

VISITORS = 6
BOOTHS = 3
TRIES = 3  # each event sent three times (the script retries with the same id)


def test_concurrent_beacons_with_duplicates_count_exactly(reference_data):
    union_units_load()
    expo = expo_create(phase="live", passport_goal=BOOTHS)
    booths = [booth_create(expo=expo) for _ in range(BOOTHS)]
    clients = [browser() for _ in range(VISITORS)]
    for client in clients:  # each browser gets its visitor cookie first (one lobby visit)
        assert beacon(client, expo, "lobby")[0].status_code == 200
    jobs = [
        (client, booth, str(uuid.uuid4()))
        for client in clients
        for booth in booths
        for _visit in range(2)  # two visits of each booth
    ]
    sends = [job for job in jobs for _ in range(TRIES)]
    barrier = threading.Barrier(12)
    statuses, lock = [], threading.Lock()

    def worker(part):
        try:
            barrier.wait()
            for client, booth, event_id in part:
                response, _ = beacon(client, expo, booth=booth, event_id=event_id)
                with lock:
                    statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(sends[i::12],)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses.count(200) == len(sends)
    assert ExpoEvent.objects.filter(kind="booth").count() == len(jobs)
    assert ExpoEvent.objects.filter(kind="lobby").count() == VISITORS
    assert PassportStamp.objects.count() == VISITORS * BOOTHS
    figures = expo_figures(expo)
    assert figures.totals["visitors"] == VISITORS
    assert figures.totals["booth_visits"] == VISITORS * BOOTHS * 2
    assert [row["visitors"] for row in figures.booths] == [VISITORS] * BOOTHS
