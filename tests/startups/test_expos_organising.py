"""Organising expos, the services and forms: an expo saved with its halls and sessions in one
go (times in Viet Nam's time, an address made once from the title), every refusal with its
message and nothing written (dates, sessions outside the expo, video links, the passport's
voucher and draw, a hall with booths, a unit outside the officer's tree), announcing and
taking back, booth decisions (reason, e-mail, closed expo, conflicts of interest), featuring,
and the page-cache token."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from oscar.test.factories import VoucherFactory

from core import pagecache
from startups.access import ConflictOfInterest, NotAllowed
from startups.forms.expo_union import BoothDecisionForm, ExpoForm, expo_formsets
from startups.models import Booth, Expo, ExpoSession, Officer, UnionUnit
from startups.selectors.expos import EXPO_LIST_KEY
from startups.services import expos as services
from startups.services.union import union_units_load
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    """The refusals are read in English, the language these tests assert."""
    with translation.override("en"):
        yield


User = get_user_model()
VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
DAY = datetime.timedelta(days=1)


def officer_at(unit, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    return Officer.objects.create(user=user, unit=unit)


@pytest.fixture
def units(reference_data):
    union_units_load()
    daklak = UnionUnit.objects.get(level="province", province__code="66")
    eatu = daklak.add_child(
        name="Đoàn xã Ea Tu", code="doan-xa-ea-tu", level="grassroots", province=daklak.province
    )
    return {
        "daklak": UnionUnit.objects.get(pk=daklak.pk),
        "eatu": eatu,
        "hanoi": UnionUnit.objects.get(level="province", province__code="01"),
    }


@pytest.fixture
def officer(units):
    return officer_at(units["daklak"], "canbo-daklak")


def vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=VN)


def expo_data(**fields):
    data = {
        "title": "Triển lãm khởi nghiệp Đắk Lắk 2026",
        "title_en": "Dak Lak Startup Expo 2026",
        "theme": "Cà phê và nông sản OCOP",
        "applications_close_at": vn(2026, 3, 1, 17, 0),
        "opens_at": vn(2026, 3, 10, 8, 0),
        "closes_at": vn(2026, 3, 12, 21, 0),
        "passport_goal": 0,
        "reward": "none",
        "draw_prizes": 0,
    }
    data.update(fields)
    return data


HALLS = [
    {"name": "Cà phê", "kind": "ocop", "ocop_group": "1.9", "position": 1},
    {"name": "Khởi nghiệp xanh", "name_en": "Green startups", "kind": "theme", "position": 0},
]


def session_row(**fields):
    row = {
        "kind": "talk",
        "title": "Tọa đàm: đưa cà phê lên sàn",
        "starts_at": vn(2026, 3, 10, 9, 0),
        "ends_at": vn(2026, 3, 10, 10, 30),
        "stream_url": YOUTUBE,
        "replay_url": "",
    }
    row.update(fields)
    return row


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


# --- saving -----------------------------------------------------------------------------


def test_an_expo_is_saved_with_its_halls_and_sessions_and_an_address_from_its_title(officer):
    expo = services.expo_save(
        officer=officer, data=expo_data(), halls=HALLS, sessions=[session_row()]
    )
    assert expo.slug == "trien-lam-khoi-nghiep-dak-lak-2026"
    assert expo.unit == officer.unit and expo.created_by == officer.user
    assert not expo.published and expo.phase == Expo.Phase.DRAFT
    assert [h.name for h in expo.halls.all()] == ["Khởi nghiệp xanh", "Cà phê"]
    assert expo.halls.get(name="Cà phê").ocop_group == "1.9"
    session = expo.sessions.get()
    assert session.stream_url == YOUTUBE
    # Stored in UTC: 08:00 in Ha Noi is 01:00 UTC.
    assert expo.opens_at == datetime.datetime(2026, 3, 10, 1, 0, tzinfo=datetime.UTC)
    again = services.expo_save(officer=officer, data=expo_data(), halls=HALLS[:1])
    assert again.slug == "trien-lam-khoi-nghiep-dak-lak-2026-2"
    # The address stays when the title changes.
    changed = services.expo_save(
        officer=officer, expo=expo, data=expo_data(title="Tên mới"), halls=None
    )
    assert changed.slug == expo.slug and changed.title == "Tên mới"


def test_rows_left_out_are_removed_and_stored_rows_are_changed_in_place(officer):
    expo = services.expo_save(
        officer=officer, data=expo_data(), halls=HALLS, sessions=[session_row()]
    )
    green = expo.halls.get(name="Khởi nghiệp xanh")
    session = expo.sessions.get()
    services.expo_save(
        officer=officer,
        expo=expo,
        data=expo_data(),
        halls=[{"id": green.pk, "name": "Xanh", "kind": "theme", "position": 0}],
        sessions=[session_row(id=session.pk, title="Đổi tên", hall=green)],
    )
    assert list(expo.halls.values_list("pk", "name")) == [(green.pk, "Xanh")]
    session.refresh_from_db()
    assert session.title == "Đổi tên" and session.hall_id == green.pk


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"opens_at": vn(2026, 3, 12, 21, 0)},
            "closes_at",
            "The expo must close after it opens.",
        ),
        (
            {"applications_close_at": vn(2026, 3, 10, 9, 0)},
            "applications_close_at",
            "Applications must close no later than the expo opens.",
        ),
        ({"title": "  "}, "title", "Give the expo a title."),
    ],
)
def test_wrong_dates_are_refused_with_their_message_and_nothing_is_written(
    officer, fields, field, message
):
    with translation.override("en"):
        errors = refusal(lambda: services.expo_save(officer=officer, data=expo_data(**fields)))
    assert errors[field] == [message]
    assert not Expo.objects.exists()


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"starts_at": vn(2026, 3, 9, 9, 0)},
            "starts_at",
            "A session must start while the expo is open.",
        ),
        (
            {"ends_at": vn(2026, 3, 13, 9, 0)},
            "ends_at",
            "A session must end by the time the expo closes.",
        ),
        ({"ends_at": vn(2026, 3, 10, 8, 0)}, "ends_at", "A session must end after it starts."),
        (
            {"stream_url": "http://www.youtube.com/watch?v=dQw4w9WgXcQ"},
            "stream_url",
            "The video link must start with https://.",
        ),
        (
            {"replay_url": "https://vimeo.com/123456"},
            "replay_url",
            "Videos can be shown from YouTube, Facebook or TikTok only.",
        ),
        (
            {"stream_url": "https://www.youtube.com/@kenh"},
            "stream_url",
            "This YouTube link does not point at one video.",
        ),
    ],
)
def test_a_session_outside_the_expo_or_with_a_wrong_video_link_is_refused(
    officer, row, field, message
):
    with translation.override("en"):
        errors = refusal(
            lambda: services.expo_save(
                officer=officer, data=expo_data(), halls=HALLS, sessions=[session_row(**row)]
            )
        )
    assert errors[f"sessions-0-{field}"] == [message]
    assert not Expo.objects.exists() and not ExpoSession.objects.exists()


def test_facebook_and_tiktok_streams_are_taken(officer):
    expo = services.expo_save(
        officer=officer,
        data=expo_data(),
        halls=HALLS,
        sessions=[
            session_row(stream_url="https://www.facebook.com/tinhdoandaklak/videos/1234567890"),
            session_row(replay_url="https://www.tiktok.com/@tinhdoan/video/7312345678901234567"),
        ],
    )
    assert expo.sessions.count() == 2


def test_new_dates_must_still_hold_the_stored_sessions(officer):
    expo = services.expo_save(
        officer=officer, data=expo_data(), halls=HALLS, sessions=[session_row()]
    )
    with translation.override("en"):
        errors = refusal(
            lambda: services.expo_save(
                officer=officer,
                expo=expo,
                data=expo_data(opens_at=vn(2026, 3, 11, 8, 0)),
            )
        )
    assert errors["starts_at"] == ["A session must start while the expo is open."]
    expo.refresh_from_db()
    assert expo.opens_at == vn(2026, 3, 10, 8, 0)


def test_a_hall_needs_its_group_or_province_by_its_kind(officer):
    with translation.override("en"):
        ocop = refusal(
            lambda: services.expo_save(
                officer=officer, data=expo_data(), halls=[{"name": "OCOP", "kind": "ocop"}]
            )
        )
        province = refusal(
            lambda: services.expo_save(
                officer=officer, data=expo_data(), halls=[{"name": "Tỉnh", "kind": "province"}]
            )
        )
    assert ocop["halls-0-ocop_group"] == ["Choose the OCOP product group of this hall."]
    assert province["halls-0-province"] == ["Choose the province or city of this hall."]


def test_a_hall_with_booths_cannot_be_removed(officer):
    expo = expo_create(unit=officer.unit, phase="applications")
    busy, empty = expo.halls.all()
    booth_create(expo=expo, hall=busy, status="applied")
    with translation.override("en"):
        errors = refusal(lambda: services.expo_save(officer=officer, expo=expo, data={}, halls=[]))
    assert errors["halls"] == [
        f"The hall {busy.name} has booths: move or refuse them before removing the hall."
    ]
    assert expo.halls.count() == 2
    services.expo_save(
        officer=officer,
        expo=expo,
        data={},
        halls=[{"id": busy.pk, "name": busy.name, "kind": "theme", "position": 0}],
    )
    assert list(expo.halls.all()) == [busy]


def test_only_startups_with_an_approved_booth_pitch_in_a_session(officer):
    expo = expo_create(unit=officer.unit, phase="applications")
    approved = booth_create(expo=expo).startup
    waiting = booth_create(expo=expo, status="applied").startup
    row = {
        "kind": "pitch",
        "title": "Gọi vốn",
        "starts_at": expo.opens_at + datetime.timedelta(hours=1),
        "ends_at": expo.opens_at + datetime.timedelta(hours=2),
    }
    with translation.override("en"):
        errors = refusal(
            lambda: services.expo_save(
                officer=officer, expo=expo, data={}, sessions=[{**row, "startups": [waiting]}]
            )
        )
    assert errors["sessions-0-startups"] == [
        "Only startups with an approved booth in this expo can pitch."
    ]
    services.expo_save(
        officer=officer, expo=expo, data={}, sessions=[{**row, "startups": [approved]}]
    )
    assert list(expo.sessions.get().startups.all()) == [approved]


# --- the passport -----------------------------------------------------------------------


def test_a_voucher_reward_needs_an_existing_voucher_code(officer):
    with translation.override("en"):
        missing = refusal(
            lambda: services.expo_save(
                officer=officer,
                data=expo_data(passport_goal=3, reward="voucher", reward_voucher_code="khong-co"),
            )
        )
    assert missing["reward_voucher_code"] == [
        "There is no voucher with the code KHONG-CO: create it in the dashboard's vouchers first."
    ]
    VoucherFactory(code="HOCHIEU2026")
    expo = services.expo_save(
        officer=officer,
        data=expo_data(passport_goal=3, reward="voucher", reward_voucher_code=" hochieu2026 "),
    )
    assert expo.reward_voucher_code == "HOCHIEU2026"


def test_a_draw_needs_prizes_and_a_reward_needs_a_goal(officer):
    with translation.override("en"):
        draw = refusal(
            lambda: services.expo_save(
                officer=officer, data=expo_data(passport_goal=3, reward="draw", draw_prizes=0)
            )
        )
        goal = refusal(
            lambda: services.expo_save(
                officer=officer, data=expo_data(passport_goal=0, reward="draw", draw_prizes=2)
            )
        )
    assert draw["draw_prizes"] == ["A draw needs at least one prize."]
    assert goal["passport_goal"] == ["Say how many booths a visitor visits to get the reward."]
    expo = services.expo_save(
        officer=officer,
        data=expo_data(passport_goal=3, reward="draw", draw_prizes=2, reward_voucher_code="X"),
    )
    assert expo.draw_prizes == 2 and expo.reward_voucher_code == ""


# --- the unit tree ----------------------------------------------------------------------


def test_the_organiser_is_the_officers_unit_or_one_below_it(officer, units):
    below = services.expo_save(officer=officer, data=expo_data(unit=units["eatu"]))
    assert below.unit == units["eatu"]
    with translation.override("en"):
        errors = refusal(
            lambda: services.expo_save(officer=officer, data=expo_data(unit=units["hanoi"]))
        )
    assert errors["unit"] == ["Choose your unit or a unit below it."]
    grassroots = officer_at(units["eatu"], "canbo-eatu")
    with translation.override("en"):
        errors = refusal(
            lambda: services.expo_save(officer=grassroots, data=expo_data(unit=units["daklak"]))
        )
    assert errors["unit"] == ["Choose your unit or a unit below it."]


def test_an_officer_of_another_province_changes_nothing(officer, units):
    expo = expo_create(unit=units["daklak"], phase="draft")
    booth = booth_create(expo=expo, status="applied")
    stranger = officer_at(units["hanoi"], "canbo-hanoi")
    below = officer_at(units["eatu"], "canbo-eatu")
    calls = [
        lambda o: services.expo_save(officer=o, expo=expo, data={"title": "Chiếm"}),
        lambda o: services.expo_publish(officer=o, expo=expo),
        lambda o: services.expo_unpublish(officer=o, expo=expo),
        lambda o: services.booth_decide(officer=o, booth=booth, approve=True),
        lambda o: services.booth_feature(officer=o, booth=booth, featured=False, position=3),
    ]
    for who in (stranger, below):  # a unit below does not run its parent's expo
        for call in calls:
            with pytest.raises(NotAllowed):
                call(who)
    expo.refresh_from_db()
    booth.refresh_from_db()
    assert expo.title != "Chiếm" and not expo.published
    assert booth.status == "applied" and booth.position == 0


# --- announcing -------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_announcing_needs_a_hall_and_moves_the_expo_through_its_phases(officer):
    now = timezone.now()
    bare = services.expo_save(
        officer=officer,
        data=expo_data(
            applications_close_at=now + DAY, opens_at=now + 2 * DAY, closes_at=now + 3 * DAY
        ),
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.expo_publish(officer=officer, expo=bare)
    assert caught.value.messages == ["Add at least one hall before announcing the expo."]
    expo = services.expo_save(officer=officer, expo=bare, data={}, halls=HALLS)
    assert expo.phase_at(now) == Expo.Phase.DRAFT
    expo = services.expo_publish(officer=officer, expo=expo)
    assert expo.published and expo.published_at
    assert expo.phase_at(now) == Expo.Phase.APPLICATIONS
    assert expo.phase_at(now + DAY + datetime.timedelta(hours=1)) == Expo.Phase.SCHEDULED
    assert expo.phase_at(now + 2 * DAY + datetime.timedelta(hours=1)) == Expo.Phase.LIVE
    assert expo.phase_at(now + 4 * DAY) == Expo.Phase.CLOSED
    expo = services.expo_unpublish(officer=officer, expo=expo)
    assert not expo.published


@pytest.mark.usefixtures("english")
def test_a_live_expo_with_booths_cannot_be_taken_back(officer):
    live = expo_create(unit=officer.unit, phase="live")
    booth_create(expo=live)
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.expo_unpublish(officer=officer, expo=live)
    assert caught.value.messages == [
        "This expo has opened with booths: it can no longer be taken back to a draft."
    ]
    live.refresh_from_db()
    assert live.published
    empty = expo_create(unit=officer.unit, phase="live")
    assert not services.expo_unpublish(officer=officer, expo=empty).published


def test_every_change_replaces_the_expo_and_list_tokens_after_commit(
    officer, django_capture_on_commit_callbacks
):
    expo = expo_create(unit=officer.unit, phase="applications")
    booth = booth_create(expo=expo, status="applied")
    changes = [
        lambda: services.expo_save(officer=officer, expo=expo, data={"theme": "Mới"}),
        lambda: services.booth_decide(officer=officer, booth=booth, approve=True),
        lambda: services.booth_feature(officer=officer, booth=booth, featured=True, position=2),
        lambda: services.expo_unpublish(officer=officer, expo=expo),
        lambda: services.expo_publish(officer=officer, expo=expo),
    ]
    for change in changes:
        before = pagecache.tokens([expo.token_key, EXPO_LIST_KEY])
        with django_capture_on_commit_callbacks(execute=True):
            change()
        after = pagecache.tokens([expo.token_key, EXPO_LIST_KEY])
        assert after[expo.token_key] != before[expo.token_key]


# --- booths -----------------------------------------------------------------------------


@pytest.fixture
def application(officer):
    expo = expo_create(unit=officer.unit, phase="applications", title="Hội chợ Ea Tu")
    startup = startup_create(name="Cà phê Ea Tu")
    owner = User.objects.create_user("chu-ea-tu", "chu@example.com", "x")
    startup.partner.users.add(owner)
    return booth_create(expo=expo, startup=startup, status="applied")


def test_approving_tells_the_exhibitor_in_both_languages(
    officer, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booth = services.booth_decide(officer=officer, booth=application, approve=True)
    assert booth.status == Booth.Status.APPROVED and booth.decided_by == officer.user
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chu@example.com"]
    assert "Hội chợ Ea Tu" in message.subject and "is approved" in message.subject
    assert "Tỉnh đoàn Đắk Lắk" in message.body and "---- English ----" in message.body
    # Deciding the same way again sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        services.booth_decide(officer=officer, booth=booth, approve=True)
    assert len(mail.outbox) == 1


def test_a_refusal_needs_its_reason_which_the_exhibitor_reads(
    officer, application, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        errors = refusal(
            lambda: services.booth_decide(officer=officer, booth=application, approve=False)
        )
    assert errors["reason"] == ["Give the reason for refusing: the exhibitor reads it."]
    application.refresh_from_db()
    assert application.status == "applied"
    with django_capture_on_commit_callbacks(execute=True):
        booth = services.booth_decide(
            officer=officer,
            booth=application,
            approve=False,
            reason="Sản phẩm chưa có giấy chứng nhận an toàn thực phẩm.",
        )
    assert booth.status == Booth.Status.REFUSED and not booth.featured
    assert "Sản phẩm chưa có giấy chứng nhận an toàn thực phẩm." in mail.outbox[0].body
    # A later approval is another decision, with its own e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        booth = services.booth_decide(officer=officer, booth=booth, approve=True)
    assert booth.refusal_reason == "" and len(mail.outbox) == 2


@pytest.mark.usefixtures("english")
def test_no_decision_once_the_expo_is_closed_or_the_application_withdrawn(officer):
    closed = expo_create(unit=officer.unit, phase="closed")
    late = booth_create(expo=closed, status="applied")
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.booth_decide(officer=officer, booth=late, approve=True)
    assert caught.value.messages == ["The expo is closed: its booths can no longer be decided."]
    withdrawn = booth_create(
        expo=expo_create(unit=officer.unit, phase="applications"), status="withdrawn"
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.booth_decide(officer=officer, booth=withdrawn, approve=True)
    assert caught.value.messages == ["The exhibitor withdrew this application."]
    assert Booth.objects.get(pk=late.pk).status == "applied"


def test_an_officer_who_runs_the_startups_shop_cannot_decide_its_booth(officer, application):
    application.startup.partner.users.add(officer.user)
    with pytest.raises(ConflictOfInterest):
        services.booth_decide(officer=officer, booth=application, approve=True)
    application.refresh_from_db()
    assert application.status == "applied"


@pytest.mark.usefixtures("english")
def test_only_approved_booths_are_featured(officer, application):
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            services.booth_feature(officer=officer, booth=application, featured=True)
    assert caught.value.messages == ["Only approved booths can be featured."]
    services.booth_decide(officer=officer, booth=application, approve=True)
    booth = services.booth_feature(officer=officer, booth=application, featured=True, position=4)
    assert booth.featured and booth.position == 4


# --- forms ------------------------------------------------------------------------------


def form_data(**fields):
    data = {
        "unit": "",
        "title": "Triển lãm OCOP",
        "applications_close_at": "2026-03-01T17:00",
        "opens_at": "2026-03-10T08:00",
        "closes_at": "2026-03-12T21:00",
        "passport_goal": "0",
        "reward": "none",
        "draw_prizes": "0",
    }
    data.update(fields)
    return data


def test_the_expo_form_reads_times_in_viet_nam_and_shows_them_so(officer, settings):
    settings.TIME_ZONE = "UTC"  # the request's zone does not matter
    with timezone.override("UTC"):
        form = ExpoForm(form_data(unit=str(officer.unit.pk)), officer=officer)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["opens_at"] == datetime.datetime(
            2026, 3, 10, 1, 0, tzinfo=datetime.UTC
        )
        expo = services.expo_save(officer=officer, data=form.service_data())
        shown = ExpoForm(instance=expo, officer=officer)
        html = str(shown["opens_at"])
    assert 'type="datetime-local"' in html and 'value="2026-03-10T08:00"' in html


def test_the_expo_form_says_what_is_wrong(officer, units):
    with translation.override("en"):
        form = ExpoForm(
            form_data(
                unit=str(units["hanoi"].pk),
                closes_at="2026-03-09T08:00",
                reward="voucher",
                passport_goal="2",
                reward_voucher_code="NOPE",
            ),
            officer=officer,
        )
        assert not form.is_valid()
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    assert "Select a valid choice" in errors["unit"][0]
    assert errors["closes_at"] == ["The expo must close after it opens."]
    assert errors["reward_voucher_code"] == [
        "There is no voucher with the code NOPE: create it in the dashboard's vouchers first."
    ]


def test_the_units_offered_are_the_officers_tree(officer, units):
    form = ExpoForm(officer=officer)
    offered = {choice for choice, _label in form.fields["unit"].choices}
    assert {str(units["daklak"].pk), str(units["eatu"].pk)} == {str(v) for v in offered}


def test_the_session_formset_checks_video_links_and_the_expos_dates(officer):
    expo = services.expo_save(officer=officer, data=expo_data(), halls=HALLS)
    data = {
        "halls-TOTAL_FORMS": "0",
        "halls-INITIAL_FORMS": "0",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-kind": "livestream",
        "sessions-0-title": "Livestream bán cà phê",
        "sessions-0-starts_at": "2026-03-09T20:00",
        "sessions-0-ends_at": "2026-03-09T21:00",
        "sessions-0-stream_url": "https://vimeo.com/1",
    }
    with translation.override("en"):
        sessions = expo_formsets(data, expo=expo)["sessions"]
        assert not sessions.is_valid()
        assert sessions.forms[0].errors["stream_url"] == [
            "Videos can be shown from YouTube, Facebook or TikTok only."
        ]
        data["sessions-0-stream_url"] = "youtu.be/dQw4w9WgXcQ"
        sessions = expo_formsets(data, expo=expo)["sessions"]
        assert not sessions.is_valid()
        assert sessions.forms[0].errors["stream_url"] == [
            "The video link must start with https://."
        ]
        data["sessions-0-stream_url"] = "https://youtu.be/dQw4w9WgXcQ"
        sessions = expo_formsets(data, expo=expo)["sessions"]
        assert sessions.is_valid(), sessions.errors
        assert not sessions.dates_check(opens_at=expo.opens_at, closes_at=expo.closes_at)
        assert sessions.forms[0].errors["starts_at"] == [
            "A session must start while the expo is open."
        ]


def test_the_booth_decision_form_needs_a_reason_to_refuse():
    with translation.override("en"):
        form = BoothDecisionForm({"decision": "refuse", "reason": "  "})
        assert not form.is_valid()
        assert form.errors["reason"] == ["Give the reason for refusing: the exhibitor reads it."]
        assert not BoothDecisionForm({}).is_valid()
    assert BoothDecisionForm({"decision": "approve"}).is_valid()
    form = BoothDecisionForm({"decision": "refuse", "reason": "Thiếu giấy tờ"})
    assert form.is_valid() and not form.approve
