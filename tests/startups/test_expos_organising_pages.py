"""The organisers' pages: the list of an officer's expos, the editor (expo, halls and sessions
on one page, announce and take back), booth applications (decide with a reason, feature and
order, leads followed up), questions to moderate. Tenancy: a non-officer gets 403, an officer
of another province 404 on every page and its posts change nothing, an officer of a unit
below sees only its own unit's expos, the central officer all. Queries do not grow with the
number of booths."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from startups.models import (
    Booth,
    BoothQuestion,
    Expo,
    FollowUp,
    FollowUpDelivery,
    Lead,
    Officer,
    UnionUnit,
)
from startups.services.union import CENTRAL_CODE, union_units_load
from tests.catalog.factories import product_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db
User = get_user_model()
DAY = datetime.timedelta(days=1)


def officer_user(unit, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    Officer.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def world(site_tree):
    union_units_load()
    daklak = UnionUnit.objects.get(level="province", province__code="66")
    eatu = daklak.add_child(
        name="Đoàn xã Ea Tu", code="doan-xa-ea-tu", level="grassroots", province=daklak.province
    )
    daklak.refresh_from_db()
    hanoi = UnionUnit.objects.get(level="province", province__code="01")
    expo = expo_create(unit=daklak, phase="applications", title="Triển lãm Đắk Lắk")
    grassroots_expo = expo_create(unit=eatu, phase="draft", title="Phiên chợ Ea Tu")
    hanoi_expo = expo_create(unit=hanoi, phase="live", title="Triển lãm Hà Nội")
    return {
        "daklak": daklak,
        "eatu": eatu,
        "hanoi": hanoi,
        "expo": expo,
        "grassroots_expo": grassroots_expo,
        "hanoi_expo": hanoi_expo,
        "officer": officer_user(daklak, "canbo-daklak"),
        "grassroots": officer_user(eatu, "canbo-eatu"),
        "stranger": officer_user(hanoi, "canbo-hanoi"),
        "central": officer_user(UnionUnit.objects.get(code=CENTRAL_CODE), "canbo-tw"),
        "visitor": User.objects.create_user("khach", "khach@example.com", "x"),
    }


def lead_at(booth, n):
    return Lead.objects.create(
        startup=booth.startup,
        booth=booth,
        source=Lead.Source.BOOTH,
        role=Lead.Role.BUYER,
        message="Tôi muốn mua sỉ.",
        name=f"Khách {n}",
        email=f"khach{n}@example.com",
        fingerprint=f"f{booth.pk}-{n}",
    )


def booth_with_lead(expo, n, *, status="approved", followed=False):
    startup = startup_create(name=f"Khởi nghiệp {n}")
    product = product_create(title=f"Sản phẩm {n}", seller=startup.partner)
    booth = booth_create(expo=expo, startup=startup, status=status, products=[product])
    lead = lead_at(booth, n)
    lead_at(booth, n + 100)
    if followed:
        followup = FollowUp.objects.create(booth=booth, subject="Cảm ơn", body="Xin chào")
        FollowUpDelivery.objects.create(followup=followup, lead=lead, sent_at=timezone.now())
        # Not sent (opted out): not a follow-up.
        other = booth.leads.exclude(pk=lead.pk).get()
        FollowUpDelivery.objects.create(followup=followup, lead=other, skipped="opted_out")
    BoothQuestion.objects.create(
        booth=booth,
        asker=User.objects.create_user(f"hoi-{n}"),
        text=f"Câu hỏi {n}",
        fingerprint="x",
    )
    return booth


def urls(expo, booth=None):
    pages = [
        reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}),
        reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}),
        reverse("startups:union-expo-questions", kwargs={"pk": expo.pk}),
    ]
    return pages


def decide_url(expo, booth):
    return reverse("startups:union-expo-booth", kwargs={"pk": expo.pk, "booth_pk": booth.pk})


def rows(prefix, items, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "100",
    }
    for n, item in enumerate(items):
        data.update({f"{prefix}-{n}-{key}": value for key, value in item.items()})
    return data


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def editor_post(unit, *, opens, halls=(), sessions=(), **fields):
    data = {
        "action": "save",
        "unit": str(unit.pk),
        "title": "Triển lãm khởi nghiệp xanh",
        "title_en": "Green startup expo",
        "applications_close_at": local(opens - 2 * DAY),
        "opens_at": local(opens),
        "closes_at": local(opens + 2 * DAY),
        "passport_goal": "0",
        "reward": "none",
        "draw_prizes": "0",
        **rows("halls", list(halls)),
        **rows("sessions", list(sessions)),
    }
    data.update(fields)
    return data


# --- who sees what ----------------------------------------------------------------------


def test_non_officers_are_refused(client, world):
    client.force_login(world["visitor"])
    expo = world["expo"]
    booth = booth_create(expo=expo, status="applied")
    for url in [reverse("startups:union-expo-list"), reverse("startups:union-expo-create")] + urls(
        expo
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(decide_url(expo, booth), {"decision": "approve"}).status_code == 403
    booth.refresh_from_db()
    assert booth.status == "applied"
    client.logout()
    assert client.get(reverse("startups:union-expo-list")).status_code == 302


def test_each_officer_lists_the_expos_of_its_tree(client, world):
    seen = {}
    for who in ("officer", "grassroots", "stranger", "central"):
        client.force_login(world[who])
        page = client.get(reverse("startups:union-expo-list"))
        assert page.status_code == 200
        seen[who] = {e.title for e in page.context["expos"]}
    assert seen["officer"] == {"Triển lãm Đắk Lắk", "Phiên chợ Ea Tu"}
    assert seen["grassroots"] == {"Phiên chợ Ea Tu"}
    assert seen["stranger"] == {"Triển lãm Hà Nội"}
    assert seen["central"] == {"Triển lãm Đắk Lắk", "Phiên chợ Ea Tu", "Triển lãm Hà Nội"}
    # A grassroots officer does not open its province's expo either.
    client.force_login(world["grassroots"])
    for url in urls(world["expo"]):
        assert client.get(url).status_code == 404, url
    # The central officer opens every one.
    client.force_login(world["central"])
    for url in urls(world["expo"]) + urls(world["hanoi_expo"]):
        assert client.get(url).status_code == 200, url


def test_the_list_shows_phase_booth_counts_and_links(client, world):
    expo = world["expo"]
    booth_with_lead(expo, 1)
    booth_with_lead(expo, 2, status="applied")
    client.force_login(world["officer"])
    with translation.override("en"):
        page = client.get(reverse("startups:union-expo-list"))
        report = reverse("startups:expo-report", kwargs={"pk": expo.pk})
        lobby = reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
    html = page.content.decode()
    row = next(e for e in page.context["expos"] if e.pk == expo.pk)
    assert (row.booths_approved, row.booths_applied, row.phase_now) == (1, 1, "applications")
    assert "1 approved, 1 waiting" in html and "Open for applications" in html
    for name in ("union-expo-edit", "union-expo-booths", "union-expo-questions"):
        assert reverse(f"startups:{name}", kwargs={"pk": expo.pk}) in html
    assert report in html
    assert lobby in html


def test_an_officer_of_another_province_gets_404_and_changes_nothing(client, world):
    expo = world["expo"]
    waiting = booth_with_lead(expo, 1, status="applied")
    approved = booth_with_lead(expo, 2)
    question = approved.questions.get()
    client.force_login(world["stranger"])
    for url in urls(expo):
        assert client.get(url).status_code == 404, url
    posts = [
        (
            reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}),
            editor_post(world["hanoi"], opens=expo.opens_at, title="Chiếm quyền"),
        ),
        (reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}), {"action": "unpublish"}),
        (decide_url(expo, waiting), {"decision": "approve"}),
        (decide_url(expo, approved), {"decision": "refuse", "reason": "Không"}),
        (
            reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}),
            {"booth": approved.pk, "featured": "on", "position": "9"},
        ),
        (
            reverse("startups:union-expo-questions", kwargs={"pk": expo.pk}),
            {"question": question.pk, "action": "hide"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    # Its own expo's pages do not reach the other expo's booths either.
    own = world["hanoi_expo"]
    assert client.post(decide_url(own, waiting), {"decision": "approve"}).status_code == 404
    expo.refresh_from_db()
    assert expo.title == "Triển lãm Đắk Lắk" and expo.published
    assert Booth.objects.get(pk=waiting.pk).status == "applied"
    approved.refresh_from_db()
    assert approved.status == "approved" and not approved.featured and approved.position == 0
    question.refresh_from_db()
    assert question.status == "held"
    assert mail.outbox == []


# --- the editor -------------------------------------------------------------------------


def test_an_officer_creates_an_expo_with_two_halls_and_a_session(client, world):
    client.force_login(world["officer"])
    assert client.get(reverse("startups:union-expo-create")).status_code == 200
    opens = (timezone.now() + 10 * DAY).replace(second=0, microsecond=0)
    data = editor_post(
        world["eatu"],
        opens=opens,
        halls=[
            {"name": "Cà phê", "kind": "ocop", "ocop_group": "1.9", "position": "0"},
            {"name": "Đắk Lắk", "kind": "province", "province": "", "position": "1"},
        ],
        sessions=[
            {
                "kind": "livestream",
                "title": "Livestream khai mạc",
                "starts_at": local(opens + datetime.timedelta(hours=1)),
                "ends_at": local(opens + datetime.timedelta(hours=2)),
                "stream_url": "https://www.youtube.com/live/dQw4w9WgXcQ",
            }
        ],
    )
    with translation.override("en"):
        refused = client.post(reverse("startups:union-expo-create"), data)
    assert refused.status_code == 400
    assert "Choose the province or city of this hall." in refused.content.decode()
    assert not Expo.objects.filter(title="Triển lãm khởi nghiệp xanh").exists()
    data["halls-1-province"] = str(world["daklak"].province_id)
    response = client.post(reverse("startups:union-expo-create"), data)
    expo = Expo.objects.get(title="Triển lãm khởi nghiệp xanh")
    assert response.status_code == 302
    assert response["Location"] == reverse("startups:union-expo-edit", kwargs={"pk": expo.pk})
    assert expo.unit == world["eatu"] and expo.opens_at == opens
    assert [h.name for h in expo.halls.all()] == ["Cà phê", "Đắk Lắk"]
    session = expo.sessions.get()
    assert session.stream_url == "https://www.youtube.com/live/dQw4w9WgXcQ"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and f'value="{local(opens)}"' in html
    assert "Livestream khai mạc" in html
    # The grassroots officer below sees it; the province's officer, above, does too.
    client.force_login(world["grassroots"])
    assert client.get(response["Location"]).status_code == 200


def test_the_editor_puts_the_services_refusals_on_their_rows(client, world):
    expo = world["expo"]
    busy, _empty = expo.halls.all()
    booth_create(expo=expo, hall=busy, status="applied")
    client.force_login(world["officer"])
    data = editor_post(world["daklak"], opens=expo.opens_at, title=expo.title)
    data.update(rows("halls", [], initial=0))
    with translation.override("en"):
        response = client.post(reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}), data)
    assert response.status_code == 400
    assert "has booths: move or refuse them before removing the hall." in response.content.decode()
    assert expo.halls.count() == 2
    data = editor_post(
        world["daklak"],
        opens=expo.opens_at,
        halls=[
            {"id": str(h.pk), "name": h.name, "kind": "theme", "position": str(h.position)}
            for h in expo.halls.all()
        ],
        sessions=[
            {
                "kind": "talk",
                "title": "Ngoài giờ",
                "starts_at": local(expo.opens_at - DAY),
                "ends_at": local(expo.opens_at - DAY + datetime.timedelta(hours=1)),
                "replay_url": "https://vimeo.com/12345",
            }
        ],
    )
    data["halls-INITIAL_FORMS"] = "2"
    with translation.override("en"):
        response = client.post(reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Videos can be shown from YouTube, Facebook or TikTok only." in html
    assert not expo.sessions.exists()


def test_announcing_and_taking_back_from_the_editor(client, world):
    draft = world["grassroots_expo"]
    client.force_login(world["grassroots"])
    url = reverse("startups:union-expo-edit", kwargs={"pk": draft.pk})
    assert 'data-testid="publish"' in client.get(url).content.decode()
    assert client.post(url, {"action": "publish"}).status_code == 302
    draft.refresh_from_db()
    assert draft.published
    assert client.post(url, {"action": "unpublish"}).status_code == 302
    draft.refresh_from_db()
    assert not draft.published
    live = expo_create(unit=world["eatu"], phase="live")
    booth_create(expo=live)
    url = reverse("startups:union-expo-edit", kwargs={"pk": live.pk})
    assert 'data-testid="unpublish"' not in client.get(url).content.decode()
    with translation.override("en"):
        english = reverse("startups:union-expo-edit", kwargs={"pk": live.pk})
        response = client.post(english, {"action": "unpublish"}, follow=True)
    assert "it can no longer be taken back to a draft" in response.content.decode()
    live.refresh_from_db()
    assert live.published


# --- booths -----------------------------------------------------------------------------


def test_the_booths_page_decides_and_features(client, world, django_capture_on_commit_callbacks):
    expo = world["expo"]
    waiting = booth_with_lead(expo, 1, status="applied")
    approved = booth_with_lead(expo, 2, followed=True)
    client.force_login(world["officer"])
    url = reverse("startups:union-expo-booths", kwargs={"pk": expo.pk})
    with translation.override("en"):
        page = client.get(reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    by_pk = {b.pk: b for b in page.context["booths"]}
    assert (by_pk[approved.pk].leads_count, by_pk[approved.pk].leads_followed) == (2, 1)
    assert (by_pk[waiting.pk].leads_count, by_pk[waiting.pk].leads_followed) == (2, 0)
    assert "2 leads, 1 followed up" in html and "Sản phẩm 1" in html
    assert page.context["booths"][0].pk == waiting.pk  # the waiting ones first
    with translation.override("en"):
        refused = client.post(decide_url(expo, waiting), {"decision": "refuse", "reason": ""})
    assert refused.status_code == 400
    assert "Give the reason for refusing: the exhibitor reads it." in refused.content.decode()
    waiting.startup.partner.users.add(User.objects.create_user("ban-1", "ban1@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(expo, waiting), {"decision": "refuse", "reason": "Thiếu giấy chứng nhận."}
        )
    assert response.status_code == 302 and response["Location"] == url
    waiting.refresh_from_db()
    assert waiting.status == "refused" and waiting.refusal_reason == "Thiếu giấy chứng nhận."
    assert [m.to for m in mail.outbox] == [["ban1@example.com"]]
    assert "Thiếu giấy chứng nhận." in mail.outbox[0].body
    response = client.post(url, {"booth": approved.pk, "featured": "on", "position": "3"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.featured and approved.position == 3
    refused_page = client.get(url + "?status=refused")
    assert [b.pk for b in refused_page.context["booths"]] == [waiting.pk]


def test_an_officer_who_runs_the_shop_sees_the_conflict_and_cannot_decide(client, world):
    expo = world["expo"]
    booth = booth_with_lead(expo, 1, status="applied")
    officer = world["officer"]
    booth.startup.partner.users.add(officer)
    client.force_login(officer)
    page = client.get(reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}))
    assert 'data-testid="conflict"' in page.content.decode()
    client.post(decide_url(expo, booth), {"decision": "approve"})
    booth.refresh_from_db()
    assert booth.status == "applied"


def test_decide_is_post_only(client, world):
    booth = booth_create(expo=world["expo"], status="applied")
    client.force_login(world["officer"])
    assert client.get(decide_url(world["expo"], booth)).status_code == 405


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_queries_do_not_grow_with_booths(client, world):
    expo = world["expo"]
    for n in range(2):
        booth_with_lead(expo, n, followed=n == 0, status="approved" if n else "applied")
    client.force_login(world["officer"])
    pages = [
        reverse("startups:union-expo-list"),
        reverse("startups:union-expo-booths", kwargs={"pk": expo.pk}),
        reverse("startups:union-expo-questions", kwargs={"pk": expo.pk}),
        reverse("startups:union-expo-edit", kwargs={"pk": expo.pk}),
    ]
    for url in pages:
        _queries(client, url)  # warm the per-process caches (site, session)
    two = [_queries(client, url) for url in pages]
    for n in range(2, 6):
        booth_with_lead(expo, n, followed=True, status="approved" if n % 2 else "applied")
    six = [_queries(client, url) for url in pages]
    assert six == two


def test_the_editor_queries_do_not_grow_with_sessions(client, world):
    expo = world["expo"]
    booths = [booth_with_lead(expo, n) for n in range(2)]
    hall = expo.halls.first()

    def add_sessions(count):
        for _ in range(count):
            session = expo.sessions.create(
                kind="pitch",
                title="Gọi vốn",
                hall=hall,
                starts_at=expo.opens_at,
                ends_at=expo.opens_at + datetime.timedelta(hours=1),
            )
            session.startups.set([b.startup for b in booths])

    add_sessions(2)
    client.force_login(world["officer"])
    url = reverse("startups:union-expo-edit", kwargs={"pk": expo.pk})
    _queries(client, url)
    two = _queries(client, url)
    add_sessions(4)
    assert _queries(client, url) == two


# --- questions --------------------------------------------------------------------------


def test_the_questions_page_hides_and_shows_again(client, world):
    expo = world["expo"]
    first = booth_with_lead(expo, 1).questions.get()
    second = booth_with_lead(expo, 2).questions.get()
    BoothQuestion.objects.filter(pk=second.pk).update(status="shown")
    client.force_login(world["officer"])
    url = reverse("startups:union-expo-questions", kwargs={"pk": expo.pk})
    page = client.get(url)
    assert [q.pk for q in page.context["questions"]] == [first.pk, second.pk]  # held first
    assert client.post(url, {"question": second.pk, "action": "hide"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "hidden" and second.hidden_by == world["officer"]
    client.post(url, {"question": second.pk, "action": "show"})
    client.post(url, {"question": first.pk, "action": "show"})
    assert set(BoothQuestion.objects.values_list("status", flat=True)) == {"shown"}
    other = booth_with_lead(world["hanoi_expo"], 3).questions.get()
    assert client.post(url, {"question": other.pk, "action": "hide"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "held"


def test_the_review_desk_links_the_expos(client, world):
    client.force_login(world["officer"])
    page = client.get(reverse("startups:queue"))
    assert reverse("startups:union-expo-list") in page.content.decode()
