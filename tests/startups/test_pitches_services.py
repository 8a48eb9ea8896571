"""Pitch services: the working copy and its rows, review by the startup's unit tree (scope,
conflict, stale decisions), versions kept while edits wait for review, updates to followers,
questions held for new askers; and the e-mails each step sends, once."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.pdfgen import canvas

from core import pagecache
from startups import antispam
from startups.access import ConflictOfInterest, NotAllowed
from startups.emails.pitches import pitch_submitted_send, pitch_update_send
from startups.models import (
    Follow,
    Officer,
    Pitch,
    PitchComment,
    PitchVersion,
    Question,
    TeamMember,
    UnionUnit,
)
from startups.models.pitches import Section
from startups.services import pitches as services
from startups.services.union import union_units_load
from startups.signals import startup_changed
from tests.catalog.factories import seller_user_create
from tests.startups.factories import pitch_create, startup_create

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Xưởng rang cà phê Ea Tu",
    "problem": "Cà phê nhân bán rẻ.",
    "solution": "Rang tại xã.",
    "ask_kind": "investment",
    "ask_amount": 500_000_000,
}
USES = [
    {"label": "Máy rang", "amount": 300_000_000},
    {"label": "Vùng nguyên liệu", "amount": 200_000_000},
]


def make_officer(django_user_model, unit, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "mat-khau-2026-x")
    return Officer.objects.create(user=user, unit=unit)


@pytest.fixture
def world(reference_data, django_user_model):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    eatu = daklak.add_child(
        name="Đoàn xã Ea Tu", code="doan-xa-ea-tu", level="grassroots", province=daklak.province
    )
    daklak = UnionUnit.objects.get(pk=daklak.pk)
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    startup = startup_create(unit=eatu, name="Cà phê Ea Tu")
    other = startup_create(unit=hanoi, name="Mật ong Ba Vì")
    return {
        "startup": startup,
        "seller": seller_user_create(partner=startup.partner, username="ban-a"),
        "other": other,
        "other_seller": seller_user_create(partner=other.partner, username="ban-b"),
        "officer": make_officer(django_user_model, daklak, "cb-daklak"),
        "officer_eatu": make_officer(django_user_model, eatu, "cb-eatu"),
        "officer_hanoi": make_officer(django_user_model, hanoi, "cb-hanoi"),
        "officer_central": make_officer(django_user_model, daklak.get_parent(), "cb-tw"),
    }


def pdf_upload(name="deck.pdf") -> SimpleUploadedFile:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 720, "Cà phê Ea Tu")
    pdf.showPage()
    pdf.save()
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def save(world, pitch=None, fields=None, fund_uses=USES, **kwargs):
    return services.pitch_save(
        user=world["seller"],
        startup=world["startup"],
        pitch=pitch,
        fields={**FIELDS, **(fields or {})},
        fund_uses=fund_uses,
        **kwargs,
    )


def submitted(world, pitch=None, **kwargs):
    pitch = save(world, pitch, **kwargs)
    return services.pitch_submit(user=world["seller"], pitch=pitch)


# --- the working copy -----------------------------------------------------------------------


def test_save_writes_the_pitch_and_its_rows_with_a_slug_of_its_own(world):
    first = save(
        world,
        traction=[{"label": "Khách hàng", "value": 120, "unit": "", "as_of": "2025-01-31"}],
        milestones=[{"when": "2025-09-01", "text": "Mở điểm bán", "done": False}],
    )
    second = save(world)
    assert first.slug == "xuong-rang-ca-phe-ea-tu" and second.slug == "xuong-rang-ca-phe-ea-tu-2"
    assert [(u.label, u.amount) for u in first.fund_uses.all()] == [
        ("Máy rang", 300_000_000),
        ("Vùng nguyên liệu", 200_000_000),
    ]
    assert first.traction.get().value == 120 and first.milestones.get().text == "Mở điểm bán"
    assert first.state == Pitch.State.DRAFT
    # rows are replaced as a whole on the next save
    save(world, first, fund_uses=[{"label": "Tất cả", "amount": 500_000_000}])
    assert list(first.fund_uses.values_list("label", flat=True)) == ["Tất cả"]
    assert not first.traction.exists()


@pytest.mark.parametrize(
    ("ask", "uses", "code"),
    [
        (500_000_000, [{"label": "Máy rang", "amount": 300_000_000}], "sum"),
        (500_000_000, [*USES, {"label": "Thêm", "amount": 1}], "sum"),
        (500_000_000, [], "no_uses"),
        (None, USES, "no_ask"),
    ],
)
def test_uses_of_funds_must_add_up_exactly_and_nothing_is_written(world, ask, uses, code):
    with pytest.raises(ValidationError) as refused:
        save(world, fields={"ask_amount": ask}, fund_uses=uses)
    assert "fund_uses" in refused.value.message_dict
    assert Pitch.objects.count() == 0
    with pytest.raises(ValidationError) as direct:
        services.fund_uses_check(ask, [u["amount"] for u in uses])
    assert direct.value.code == code


def test_the_sum_message_names_both_amounts_as_vietnamese_write_them(world):
    with pytest.raises(ValidationError) as refused:
        services.fund_uses_check(500_000_000, [300_000_000])
    text = refused.value.messages[0]
    assert "300.000.000\u00a0₫" in text and "500.000.000\u00a0₫" in text


def test_a_video_of_another_host_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        save(world, fields={"video_url": "https://vimeo.com/12345"})
    assert "video_url" in refused.value.message_dict
    assert Pitch.objects.count() == 0


def test_the_deck_preview_is_the_first_page_and_a_broken_pdf_writes_nothing(world):
    pitch = save(world, deck=pdf_upload())
    assert pitch.deck.name.endswith(".pdf") and pitch.deck_preview.name.endswith(".png")
    with pitch.deck_preview.open("rb") as stored, Image.open(stored) as preview:
        assert preview.format == "PNG" and max(preview.size) <= 1200
    broken = SimpleUploadedFile("deck.pdf", b"%PDF-1.4\nnot really", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        save(world, pitch, fields={"title": "Đổi tên"}, deck=broken)
    assert "deck" in refused.value.message_dict
    pitch.refresh_from_db()
    assert pitch.title == FIELDS["title"] and pitch.deck.name.endswith(".pdf")


def test_only_the_startups_own_users_write_its_pitches(world):
    with pytest.raises(NotAllowed):
        services.pitch_save(
            user=world["other_seller"], startup=world["startup"], fields=FIELDS, fund_uses=USES
        )
    pitch = save(world)
    with pytest.raises(NotAllowed):
        services.pitch_save(
            user=world["other_seller"],
            startup=world["other"],
            pitch=pitch,
            fields=FIELDS,
            fund_uses=USES,
        )
    with pytest.raises(NotAllowed):
        services.pitch_submit(user=world["other_seller"], pitch=pitch)


# --- review -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"problem": ""}, [Section.PROBLEM]),
        ({"problem": "  ", "solution": ""}, [Section.PROBLEM, Section.SOLUTION]),
        ({"ask_kind": "", "ask_amount": None}, [Section.ASK]),
        ({"ask_kind": "loan", "ask_amount": None}, [Section.ASK]),
    ],
)
def test_submit_needs_the_required_sections(world, fields, missing):
    with pytest.raises(ValidationError) as refused:
        submitted(world, fields=fields, fund_uses=[] if "ask_amount" in fields else USES)
    text = refused.value.messages[0]
    assert all(str(section.label) in text for section in missing)  # in the user's language
    assert Pitch.objects.get().state == Pitch.State.DRAFT


def test_mentoring_needs_no_amount(world):
    pitch = submitted(world, fields={"ask_kind": "mentoring", "ask_amount": None}, fund_uses=[])
    assert pitch.state == Pitch.State.IN_REVIEW


def test_review_state_machine_keeps_every_version_and_the_public_one_while_edits_wait(world):
    pitch = submitted(world)
    assert pitch.state == Pitch.State.IN_REVIEW and pitch.submitted_at
    officer = world["officer"]

    with pytest.raises(ValidationError):  # a send-back needs a comment on some section
        services.pitch_send_back(officer=officer, pitch=pitch, comments={"problem": "  "})
    review = services.pitch_send_back(
        officer=officer,
        pitch=pitch,
        comments={"market": "Cho số liệu thị trường.", "risks": "Nêu rủi ro thời tiết."},
        note="Gần được rồi.",
    )
    pitch.refresh_from_db()
    assert pitch.state == Pitch.State.SENT_BACK
    assert dict(review.comments.values_list("section", "text")) == {
        "market": "Cho số liệu thị trường.",
        "risks": "Nêu rủi ro thời tiết.",
    }
    with pytest.raises(ValidationError):  # not in review: no decision
        services.pitch_approve(officer=officer, pitch=pitch)

    pitch = submitted(world, pitch, fields={"market": "2.000 quán cà phê trong tỉnh."})
    first = services.pitch_approve(officer=officer, pitch=pitch)
    pitch.refresh_from_db()
    assert (first.number, pitch.state, pitch.published_version) == (1, "approved", first)
    assert first.approved_by == officer.user and first.approved_unit == officer.unit
    assert first.content["market"] == "2.000 quán cà phê trong tỉnh."
    assert first.content["fund_uses"] == [
        {"label": "Máy rang", "amount": 300_000_000},
        {"label": "Vùng nguyên liệu", "amount": 200_000_000},
    ]

    with pytest.raises(ValidationError):  # nothing changed since the approval
        services.pitch_submit(user=world["seller"], pitch=pitch)
    pitch = save(world, pitch, fields={"title": "Xưởng rang 2.0", "market": "Cả nước."})
    assert pitch.state == Pitch.State.DRAFT and pitch.published_version_id == first.pk
    assert PitchVersion.objects.get(pk=first.pk).content["title"] == FIELDS["title"]
    pitch = services.pitch_submit(user=world["seller"], pitch=pitch)
    assert pitch.published_version_id == first.pk  # public while in review
    second = services.pitch_approve(officer=world["officer_eatu"], pitch=pitch)
    pitch.refresh_from_db()
    assert second.number == 2 and pitch.published_version == second
    assert list(pitch.versions.values_list("number", "content__title")) == [
        (2, "Xưởng rang 2.0"),
        (1, FIELDS["title"]),
    ]


def test_editing_while_in_review_takes_it_out_of_review(world):
    pitch = submitted(world)
    pitch = save(world, pitch, fields={"problem": "Đổi vấn đề."})
    assert pitch.state == Pitch.State.DRAFT
    with pytest.raises(ValidationError):
        services.pitch_approve(officer=world["officer"], pitch=pitch)


def test_a_decision_on_a_submission_the_officer_did_not_see_is_refused(world):
    pitch = submitted(world)
    seen = services.submission_stamp(pitch)
    pitch = save(world, pitch, fields={"solution": "Khác hẳn."})
    pitch = services.pitch_submit(user=world["seller"], pitch=pitch)
    with pytest.raises(ValidationError) as refused:
        services.pitch_approve(officer=world["officer"], pitch=pitch, seen=seen)
    assert refused.value.code == "stale"
    assert not PitchVersion.objects.exists()
    services.pitch_approve(
        officer=world["officer"], pitch=pitch, seen=services.submission_stamp(pitch)
    )


@pytest.mark.parametrize("who", ["officer", "officer_eatu", "officer_central"])
def test_officers_of_the_startups_unit_and_above_decide(world, who):
    version = services.pitch_approve(officer=world[who], pitch=submitted(world))
    assert version.approved_unit == world[who].unit


def test_an_officer_of_another_province_decides_nothing(world):
    pitch = submitted(world)
    with pytest.raises(NotAllowed):
        services.pitch_approve(officer=world["officer_hanoi"], pitch=pitch)
    with pytest.raises(NotAllowed):
        services.pitch_send_back(
            officer=world["officer_hanoi"], pitch=pitch, comments={"problem": "x"}
        )
    pitch.refresh_from_db()
    assert pitch.state == Pitch.State.IN_REVIEW and not PitchComment.objects.exists()


def test_an_officer_never_decides_on_a_startup_their_account_runs(world):
    pitch = submitted(world)
    world["startup"].partner.users.add(world["officer"].user)
    with pytest.raises(ConflictOfInterest):
        services.pitch_approve(officer=world["officer"], pitch=pitch)
    with pytest.raises(ConflictOfInterest):
        services.pitch_send_back(officer=world["officer"], pitch=pitch, comments={"team": "x"})
    assert not PitchVersion.objects.exists()


def test_a_version_keeps_the_team_as_it_was(world):
    version = services.pitch_approve(officer=world["officer"], pitch=submitted(world))
    TeamMember.objects.filter(startup=world["startup"]).update(name="Người khác")
    version.refresh_from_db()
    assert [m["name"] for m in version.content["team"]] == ["Y Khoa Niê"]
    assert version.content["startup"] == {"name": "Cà phê Ea Tu", "name_en": ""}


def test_approval_tells_the_directory_and_the_page_cache_after_commit(
    world, django_capture_on_commit_callbacks
):
    key = services.startup_key(world["startup"].pk)
    before = pagecache.tokens([key])[key]
    heard = []

    def listener(sender, startup_id, **kwargs):
        heard.append(startup_id)

    startup_changed.connect(listener)
    try:
        pitch = submitted(world)
        with django_capture_on_commit_callbacks(execute=True):
            services.pitch_approve(officer=world["officer"], pitch=pitch)
            assert heard == []  # not before the commit
    finally:
        startup_changed.disconnect(listener)
    assert heard == [world["startup"].pk]
    assert pagecache.tokens([key])[key] != before


# --- e-mails ----------------------------------------------------------------------------------


def test_submitting_tells_each_officer_of_the_tree_once(world, django_capture_on_commit_callbacks):
    world["startup"].partner.users.add(world["officer_central"].user)  # runs it: not told
    with django_capture_on_commit_callbacks(execute=True):
        pitch = submitted(world)
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == ["cb-daklak@example.com", "cb-eatu@example.com"]
    assert all("Cà phê Ea Tu" in m.subject for m in mail.outbox)
    assert f"/union/pitches/{pitch.pk}/" in mail.outbox[0].body
    # the task delivered twice sends nothing more
    assert pitch_submitted_send(pitch_id=pitch.pk, stamp=services.submission_stamp(pitch)) == 0
    assert len(mail.outbox) == 2


def test_sending_back_tells_the_seller_with_the_comments_as_text(
    world, django_capture_on_commit_callbacks
):
    pitch = submitted(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.pitch_send_back(
            officer=world["officer"],
            pitch=pitch,
            comments={"risks": "<script>alert('x')</script> Thêm rủi ro."},
        )
    [message] = mail.outbox
    assert message.to == ["ban-a@example.com"]
    assert "<script>alert('x')</script> Thêm rủi ro." in message.body  # plain text, as typed
    assert "&lt;" not in message.body and not message.alternatives
    assert f"/shop/dashboard/pitches/{pitch.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        services.pitch_approve(officer=world["officer"], pitch=submitted(world, pitch))
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["ban-a@example.com"]


# --- updates ----------------------------------------------------------------------------------


def test_updates_go_to_each_follower_once_and_only_on_a_public_pitch(
    world, django_user_model, django_capture_on_commit_callbacks
):
    draft = save(world)
    with pytest.raises(ValidationError):
        services.pitch_update_post(user=world["seller"], pitch=draft, text="Tin mới")
    pitch = pitch_create(startup=world["startup"], slug="da-duyet", approved_by=world["officer"])
    fans = [
        django_user_model.objects.create_user(f"fan{n}", f"fan{n}@example.com") for n in range(3)
    ]
    for fan in fans:
        Follow.objects.create(user=fan, startup=world["startup"])
    Follow.objects.create(
        user=django_user_model.objects.create_user("khac", "khac@example.com"),
        startup=world["other"],
    )
    with pytest.raises(NotAllowed):
        services.pitch_update_post(user=world["other_seller"], pitch=pitch, text="Giả mạo")
    with django_capture_on_commit_callbacks(execute=True):
        update = services.pitch_update_post(
            user=world["seller"],
            pitch=pitch,
            text="Đã giao 1.000 gói <b>cà phê</b>",
            figure_label="Đơn hàng",
            figure_value="1.000",
        )
    assert sorted(m.to[0] for m in mail.outbox) == [f"fan{n}@example.com" for n in range(3)]
    assert "Đã giao 1.000 gói <b>cà phê</b>" in mail.outbox[0].body
    assert pitch_update_send(update_id=update.pk) == 0  # delivered again: nobody twice
    assert len(mail.outbox) == 3
    with pytest.raises(ValidationError):  # a figure needs its name and its value
        services.pitch_update_post(
            user=world["seller"], pitch=pitch, text="x", figure_label="Đơn hàng"
        )


# --- questions --------------------------------------------------------------------------------


@pytest.fixture
def public(world):
    return pitch_create(startup=world["startup"], slug="cong-khai", approved_by=world["officer"])


def test_a_new_askers_question_is_held_until_seen_then_theirs_show_at_once(
    world, public, django_user_model
):
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com")
    first = services.question_ask(user=asker, pitch=public, text="Giá bán sỉ bao nhiêu?")
    assert first.status == Question.Status.HELD
    second = services.question_ask(user=asker, pitch=public, text="Có giao Hà Nội không?")
    assert second.status == Question.Status.HELD  # nothing of theirs shown yet
    with pytest.raises(NotAllowed):
        services.question_mark_seen(user=world["other_seller"], question=first)
    services.question_mark_seen(user=world["seller"], question=first)
    first.refresh_from_db()
    assert first.status == Question.Status.SHOWN
    third = services.question_ask(user=asker, pitch=public, text="Có chứng nhận OCOP chưa?")
    assert third.status == Question.Status.SHOWN


def test_answering_shows_a_held_question_but_never_a_hidden_one(world, public, django_user_model):
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com")
    held = services.question_ask(user=asker, pitch=public, text="Giá sỉ?")
    services.question_answer(user=world["seller"], question=held, answer="200.000 đ/kg")
    held.refresh_from_db()
    assert (held.status, held.answer, held.answered_by) == (
        "shown",
        "200.000 đ/kg",
        world["seller"],
    )
    with pytest.raises(NotAllowed):
        services.question_answer(user=world["other_seller"], question=held, answer="Giả")
    services.question_hide(user=world["officer"].user, question=held)
    services.question_answer(user=world["seller"], question=held, answer="Sửa")
    held.refresh_from_db()
    assert held.status == Question.Status.HIDDEN and held.hidden_by == world["officer"].user


def test_only_officers_of_the_tree_hide_and_the_startup_cannot(world, public, django_user_model):
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com")
    question = services.question_ask(user=asker, pitch=public, text="Câu hỏi khó")
    for user in (world["seller"], world["officer_hanoi"].user, asker):
        with pytest.raises(NotAllowed):
            services.question_hide(user=user, question=question)
    services.question_hide(user=world["officer_eatu"].user, question=question)
    question.refresh_from_db()
    assert question.status == Question.Status.HIDDEN
    services.question_mark_seen(user=world["seller"], question=question)  # cannot unhide
    question.refresh_from_db()
    assert question.status == Question.Status.HIDDEN
    services.question_mark_seen(user=world["officer"].user, question=question)  # an officer can
    question.refresh_from_db()
    assert question.status == Question.Status.SHOWN


def test_questions_are_rate_limited_and_not_repeated(world, public, django_user_model):
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com")
    with pytest.raises(antispam.Refused):
        services.question_ask(user=asker, pitch=public, text="   ")
    services.question_ask(user=asker, pitch=public, text="Giá sỉ?")
    with pytest.raises(antispam.Refused) as repeated:
        services.question_ask(user=asker, pitch=public, text="  Giá sỉ?  ")
    assert repeated.value.code == "duplicate"
    limit = services.QUESTIONS_PER_ACCOUNT.count
    for n in range(limit - 2):  # 2 counted already (the empty one is refused before counting)
        services.question_ask(user=asker, pitch=public, text=f"Câu hỏi {n}")
    with pytest.raises(antispam.RateLimited):
        services.question_ask(user=asker, pitch=public, text="Một câu nữa")
    assert Question.objects.filter(asker=asker).count() == limit - 1


def test_no_question_on_a_pitch_that_is_not_public(world, django_user_model):
    asker = django_user_model.objects.create_user("hoi", "hoi@example.com")
    with pytest.raises(antispam.Refused):
        services.question_ask(user=asker, pitch=save(world), text="Xin chào")
    assert not Question.objects.exists()
