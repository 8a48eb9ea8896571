"""The visit beacon and the passport draw: what is counted, once, and what is left out
(startups.views.expo_stats.BeaconView, startups.services.expo_visits)."""

import hashlib
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from startups.models import DrawEntry, Expo, ExpoEvent, PassportStamp
from startups.services.expo_visits import (
    VISITOR_COOKIE,
    DrawRefused,
    draw_enter,
    draw_order,
    draw_run,
)
from startups.services.union import union_units_load
from tests.startups.expo_world import BOT, beacon, browser, officer_of
from tests.startups.factories import booth_create, expo_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(reference_data):
    union_units_load()
    expo = expo_create(
        phase="live", passport_goal=2, reward=Expo.Reward.VOUCHER, reward_voucher_code="HOCHIEU10"
    )
    halls = list(expo.halls.all())
    booths = [booth_create(expo=expo, hall=halls[0]), booth_create(expo=expo, hall=halls[1])]
    return expo, halls, booths


def test_a_booth_visit_is_counted_sets_the_cookie_and_answers_the_passport(live):
    expo, halls, booths = live
    client = browser()
    response, event_id = beacon(client, expo, booth=booths[0])
    assert response.status_code == 200
    assert response.json() == {"stamps": 1, "goal": 2, "unlocked": False}
    cookie = response.cookies[VISITOR_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 3e7
    event = ExpoEvent.objects.get()
    assert str(event.event_id) == event_id
    assert (event.kind, event.booth_id, event.hall_id) == ("booth", booths[0].pk, halls[0].pk)
    assert event.visitor == cookie.value
    assert "no-store" in response["Cache-Control"]
    response, _ = beacon(client, expo, booth=booths[1])
    assert response.json() == {"stamps": 2, "goal": 2, "unlocked": True}
    assert VISITOR_COOKIE not in response.cookies  # kept, not replaced
    assert ExpoEvent.objects.filter(visitor=cookie.value).count() == 2


def test_a_retried_event_is_counted_once(live):
    expo, _halls, booths = live
    client = browser()
    event_id = str(uuid.uuid4())
    for _ in range(3):
        response, _ = beacon(client, expo, booth=booths[0], event_id=event_id)
        assert response.status_code == 200
    assert ExpoEvent.objects.count() == 1
    assert PassportStamp.objects.count() == 1


def test_the_passport_stamps_a_booth_once(live):
    expo, _halls, booths = live
    client = browser()
    for _ in range(3):
        response, _ = beacon(client, expo, booth=booths[0])
    assert ExpoEvent.objects.filter(kind="booth").count() == 3  # three visits
    assert PassportStamp.objects.count() == 1  # one stamp
    assert response.json()["stamps"] == 1


def test_a_known_bot_is_left_out(live):
    expo, _halls, booths = live
    response, _ = beacon(browser(BOT), expo, booth=booths[0])
    assert response.status_code == 204
    assert not ExpoEvent.objects.exists() and not PassportStamp.objects.exists()
    response, _ = beacon(browser(""), expo, booth=booths[0])  # no user agent at all
    assert response.status_code == 204
    assert not ExpoEvent.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"event_id": "not-a-uuid"},
        {"event_id": ""},
        {"expo": "abc"},
        {"expo": "-1"},
        {"kind": "order"},
        {"kind": "booth", "booth": ""},
        {"kind": "hall", "hall": ""},
        {"booth": "99999999999999"},
    ],
)
def test_bad_input_is_400_and_writes_nothing(live, change):
    expo, _halls, booths = live
    data = {"event_id": str(uuid.uuid4()), "expo": expo.pk, "kind": "booth", "booth": booths[0].pk}
    data.update(change)
    response = browser().post(
        reverse("startups:expo-beacon"), data, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 400
    assert not ExpoEvent.objects.exists() and not PassportStamp.objects.exists()


def test_unknown_expo_booth_or_hall_is_404_and_writes_nothing(live, reference_data):
    expo, halls, booths = live
    other = expo_create(phase="live")
    other_booth = booth_create(expo=other)
    refused = booth_create(expo=expo, status="refused")
    draft = expo_create(phase="draft")
    client = browser()
    assert beacon(client, expo, booth=other_booth)[0].status_code == 404
    assert beacon(client, expo, booth=refused)[0].status_code == 404
    assert beacon(client, expo, "hall", hall=other.halls.first())[0].status_code == 404
    assert beacon(client, draft, "lobby")[0].status_code == 404
    response = client.post(
        reverse("startups:expo-beacon"),
        {"event_id": str(uuid.uuid4()), "expo": 987654, "kind": "lobby"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 404
    assert not ExpoEvent.objects.exists()


def test_another_origin_is_403(live):
    expo, _halls, booths = live
    client = browser()
    assert (
        beacon(client, expo, booth=booths[0], origin="https://evil.example")[0].status_code == 403
    )
    assert beacon(client, expo, booth=booths[0], origin=None)[0].status_code == 403  # no header
    response, _ = beacon(
        client, expo, booth=booths[0], origin=None, HTTP_REFERER="http://evil.example/trien-lam/"
    )
    assert response.status_code == 403
    assert not ExpoEvent.objects.exists()
    # Without an Origin header, our own page as the Referer is enough.
    response, _ = beacon(
        client, expo, booth=booths[0], origin=None, HTTP_REFERER="http://testserver/trien-lam/x/"
    )
    assert response.status_code == 200


def test_only_post(live):
    assert browser().get(reverse("startups:expo-beacon")).status_code == 405


def test_visits_outside_the_expo_dates_are_not_counted(reference_data):
    union_units_load()
    closed = expo_create(phase="closed")  # online, read-only
    booth = booth_create(expo=closed)
    response, _ = beacon(browser(), closed, booth=booth)
    assert response.status_code == 204
    assert not ExpoEvent.objects.exists() and not PassportStamp.objects.exists()


def test_lobby_hall_and_session_events(live):
    from startups.models import ExpoSession

    expo, halls, _booths = live
    session = ExpoSession.objects.create(
        expo=expo,
        hall=halls[1],
        kind="talk",
        title="Tọa đàm",
        starts_at=expo.opens_at,
        ends_at=expo.closes_at,
    )
    client = browser()
    assert beacon(client, expo, "lobby")[0].status_code == 200
    assert beacon(client, expo, "hall", hall=halls[0])[0].status_code == 200
    assert beacon(client, expo, "session", session=session)[0].status_code == 200
    rows = set(ExpoEvent.objects.values_list("kind", "hall_id", "booth_id"))
    assert rows == {
        ("lobby", None, None),
        ("hall", halls[0].pk, None),
        ("session", halls[1].pk, None),
    }


def test_the_beacon_include_renders_the_contract(live):
    from django.template.loader import render_to_string

    expo, halls, booths = live
    html = render_to_string(
        "startups/expos/includes/beacon.html",
        {"expo": expo, "kind": "booth", "booth": booths[0], "hall": halls[0]},
    )
    assert 'data-expo-beacon="/expo/beacon/"' in html
    assert f'data-expo="{expo.pk}"' in html and f'data-booth="{booths[0].pk}"' in html
    assert 'data-session=""' in html and "js/expo-beacon.js" in html


# --- the draw ----------------------------------------------------------------------------


@pytest.fixture
def draw_expo(reference_data):
    union_units_load()
    expo = expo_create(phase="live", passport_goal=1, reward=Expo.Reward.DRAW, draw_prizes=2)
    return expo, booth_create(expo=expo)


def test_draw_entry_needs_a_complete_passport_and_is_made_once(draw_expo):
    expo, booth = draw_expo
    client = browser()
    beacon(client, expo, booth=booth)
    visitor = ExpoEvent.objects.get().visitor
    with pytest.raises(DrawRefused):
        draw_enter(expo=expo, visitor="0" * 32, user=None, name="An", email="an@example.com")
    entry = draw_enter(expo=expo, visitor=visitor, user=None, name="An", email="an@example.com")
    again = draw_enter(expo=expo, visitor=visitor, user=None, name="An", email="an@example.com")
    assert entry.pk == again.pk and len(entry.ticket) == 8
    assert DrawEntry.objects.count() == 1


def test_the_draw_is_reproducible_from_its_seed_and_runs_once(draw_expo, client):
    expo, booth = draw_expo
    for n in range(5):
        PassportStamp.objects.create(expo=expo, visitor=f"{n:032x}", booth=booth)
        draw_enter(
            expo=expo, visitor=f"{n:032x}", user=None, name=f"Khách {n}", email=f"k{n}@example.com"
        )
    officer = officer_of("66", "canbo-daklak")
    with pytest.raises(DrawRefused):  # still live
        draw_run(user=officer, expo=expo, seed="2025-06-01 xs 12345")
    Expo.objects.filter(pk=expo.pk).update(
        applications_close_at=timezone.now() - timezone.timedelta(days=6),
        opens_at=timezone.now() - timezone.timedelta(days=5),
        closes_at=timezone.now() - timezone.timedelta(hours=1),
    )
    expo.refresh_from_db()
    client.force_login(officer)
    url = reverse("startups:expo-draw", kwargs={"pk": expo.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"seed": ""}).status_code == 400
    response = client.post(url, {"seed": "2025-06-01 xs 12345"})
    assert response.status_code == 302
    expo.refresh_from_db()
    tickets = list(DrawEntry.objects.values_list("ticket", flat=True))
    # Anyone can repeat it: sha256(seed + ":" + ticket), smallest first.
    expected = sorted(
        tickets, key=lambda t: hashlib.sha256(f"2025-06-01 xs 12345:{t}".encode()).hexdigest()
    )[:2]
    assert expo.draw_winners == expected == draw_order("2025-06-01 xs 12345", tickets)[:2]
    assert expo.draw_seed == "2025-06-01 xs 12345" and expo.draw_run_at is not None
    page = client.get(url).content.decode()
    assert expected[0] in page and "2025-06-01 xs 12345" in page
    # Running it again is refused and changes nothing.
    response = client.post(url, {"seed": "another seed"})
    assert response.status_code == 400
    with pytest.raises(DrawRefused):
        draw_run(user=officer, expo=expo, seed="another seed")
    expo.refresh_from_db()
    assert expo.draw_winners == expected and expo.draw_seed == "2025-06-01 xs 12345"
    # After the draw, no more entries.
    PassportStamp.objects.create(expo=expo, visitor="f" * 32, booth=booth)
    with pytest.raises(DrawRefused):
        draw_enter(expo=expo, visitor="f" * 32, user=None, name="Muộn", email="m@example.com")


def test_the_draw_page_is_the_covering_officers_only(draw_expo, client):
    expo, _booth = draw_expo
    url = reverse("startups:expo-draw", kwargs={"pk": expo.pk})
    client.force_login(officer_of("01", "canbo-ha-noi"))
    assert client.get(url).status_code == 404
    assert client.post(url, {"seed": "x"}).status_code == 404
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("khach", "k@example.com", "x"))
    assert client.get(url).status_code == 403
    expo.refresh_from_db()
    assert expo.draw_run_at is None


# --- the beacon's plan: read from the cache, and current after every change ----------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_with_the_plan_cached_a_booth_visit_costs_three_statements_and_one_transaction(
    live, page_cache
):
    expo, _halls, booths = live
    client = browser()
    assert beacon(client, expo, booth=booths[0])[0].status_code == 200  # reads the plan
    # The event, its stamp and the stamp count in one transaction (a savepoint inside the
    # test's own); no SELECT of the expo, its booth or hall.
    with CaptureQueriesContext(connection) as captured:
        response, _ = beacon(client, expo, booth=booths[1])
    assert response.json() == {"stamps": 2, "goal": 2, "unlocked": True}
    sql = [q["sql"] for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert len(sql) == 3, sql
    assert sql[0].startswith('INSERT INTO "startups_expoevent"')
    assert sql[1].startswith('INSERT INTO "startups_passportstamp"')
    assert sql[2].startswith("SELECT COUNT(*)")


def test_the_cached_plan_follows_the_organisers_decisions(
    live, page_cache, django_capture_on_commit_callbacks
):
    from startups.models import Booth, Officer
    from startups.services.expos import booth_decide

    expo, halls, booths = live
    client = browser()
    applied = booth_create(expo=expo, hall=halls[1], status=Booth.Status.APPLIED)
    assert beacon(client, expo, booth=booths[0])[0].status_code == 200  # the plan is cached
    assert beacon(client, expo, booth=applied)[0].status_code == 404
    officer = Officer.objects.get(user=officer_of("66", "can-bo-dak-lak"))
    with django_capture_on_commit_callbacks(execute=True):
        booth_decide(officer=officer, booth=applied, approve=True)
    response, _ = beacon(client, expo, booth=applied)
    assert response.status_code == 200 and response.json()["stamps"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        booth_decide(officer=officer, booth=booths[0], approve=False, reason="Sai ngành hàng")
    assert beacon(client, expo, booth=booths[0])[0].status_code == 404
    assert ExpoEvent.objects.filter(booth=booths[0]).count() == 1  # the one before, kept


def test_the_cached_plan_follows_the_expo_being_taken_offline(
    reference_data, page_cache, django_capture_on_commit_callbacks
):
    from startups.models import Officer
    from startups.services.expos import expo_unpublish

    union_units_load()
    expo = expo_create(phase="live")  # no booth yet: it can still go back to a draft
    client = browser()
    assert beacon(client, expo, "lobby")[0].status_code == 200
    officer = Officer.objects.get(user=officer_of("66", "can-bo-dak-lak"))
    with django_capture_on_commit_callbacks(execute=True):
        expo_unpublish(officer=officer, expo=expo)
    assert beacon(client, expo, "lobby")[0].status_code == 404
    assert ExpoEvent.objects.filter(kind="lobby").count() == 1
