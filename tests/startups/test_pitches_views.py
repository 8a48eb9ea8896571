"""Pitch pages: the seller's editor (formsets, deck, video, refusals that write nothing), the
officers' desk scoped to their tree, the public page (the approved version only, formatted
for the language, live platform figures, click-to-play video, questions), the private history,
another tenant's ids answering 404, script shown as text, and the public page's query cost."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from reportlab.pdfgen import canvas

from startups.models import Follow, Officer, Pitch, PitchUpdate, Question, UnionUnit
from startups.models.pitches import DECK_MAX_BYTES
from startups.services import pitches as services
from startups.services.union import union_units_load
from tests.catalog.factories import product_create, seller_user_create
from tests.shop.factories import order_create
from tests.startups.factories import pitch_create, startup_create

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
NBSP = "\u00a0"
YOUTUBE = "https://youtu.be/dQw4w9WgXcQ"


def make_officer(django_user_model, unit, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "mat-khau-2026-x")
    user.first_name, user.last_name = "Cán bộ", name
    user.save()
    return Officer.objects.create(user=user, unit=unit)


@pytest.fixture
def world(site_tree, django_user_model):
    union_units_load()
    daklak = UnionUnit.objects.get(province__code="66", level="province")
    hanoi = UnionUnit.objects.get(province__code="01", level="province")
    startup = startup_create(unit=daklak, name="Cà phê Ea Tu", name_en="Ea Tu Coffee")
    other = startup_create(unit=hanoi, name="Mật ong Ba Vì")
    return {
        "startup": startup,
        "seller": seller_user_create(partner=startup.partner, username="ban-a"),
        "other": other,
        "other_seller": seller_user_create(partner=other.partner, username="ban-b"),
        "officer": make_officer(django_user_model, daklak, "daklak"),
        "officer_hanoi": make_officer(django_user_model, hanoi, "hanoi"),
        "visitor": django_user_model.objects.create_user("khach", "khach@example.com", "x"),
    }


def pdf_file(name="deck.pdf") -> SimpleUploadedFile:
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 720, "Ea Tu")
    pdf.showPage()
    pdf.save()
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


def rows(prefix, items, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for n, item in enumerate(items):
        data.update({f"{prefix}-{n}-{key}": value for key, value in item.items()})
    return data


def editor_data(*, uses=None, stored=0, **fields):
    """The editor's POST; ``stored``: how many rows of each kind the page showed filled in
    (the browser sends them back as the formsets' initial forms)."""
    data = {
        "title": "Xưởng rang Ea Tu",
        "problem": "Cà phê nhân bán rẻ.",
        "solution": "Rang tại xã.",
        "product": "Cà phê rang mộc.",
        "market": "Quán cà phê Tây Nguyên.",
        "market_size": "1.250.000.000",
        "business_model": "Bán lẻ và sỉ.",
        "competition": "Các xưởng ở Buôn Ma Thuột.",
        "team_note": "Ba thanh niên trong xã.",
        "ask_kind": "investment",
        "ask_amount": "500.000.000",
        "risks": "Giá cà phê biến động.",
        "video_url": YOUTUBE,
        **fields,
    }
    data.update(
        rows(
            "traction",
            [{"label": "Doanh thu", "value": "820.000.000", "unit": "đ", "as_of": "2024-12-31"}],
            min(stored, 1),
        )
    )
    data.update(
        rows(
            "fund_uses",
            uses
            if uses is not None
            else [
                {"label": "Máy rang", "amount": "300.000.000"},
                {"label": "Vùng nguyên liệu", "amount": "200000000"},
            ],
            stored,
        )
    )
    data.update(
        rows(
            "milestones",
            [{"when": "2025-09-01", "text": "Mở điểm bán", "done": "on"}],
            min(stored, 1),
        )
    )
    return data


def detail_url(pitch):
    return reverse(
        "startups:pitch-detail", kwargs={"slug": pitch.startup.slug, "pitch_slug": pitch.slug}
    )


def history_url(pitch):
    return reverse(
        "startups:pitch-history", kwargs={"slug": pitch.startup.slug, "pitch_slug": pitch.slug}
    )


# --- the seller's editor ------------------------------------------------------------------


def test_editor_round_trip_with_rows_deck_and_video(client, world):
    client.force_login(world["seller"])
    assert client.get(reverse("dashboard:pitch-create")).status_code == 200
    response = client.post(reverse("dashboard:pitch-create"), {**editor_data(), "deck": pdf_file()})
    assert response.status_code == 302, response.content.decode()[:2000]
    pitch = Pitch.objects.get()
    assert response["Location"] == reverse("dashboard:pitch-edit", args=[pitch.pk])
    assert (pitch.market_size, pitch.ask_amount, pitch.video_url) == (
        1_250_000_000,
        500_000_000,
        YOUTUBE,
    )
    assert list(pitch.fund_uses.values_list("amount", flat=True)) == [300_000_000, 200_000_000]
    assert pitch.traction.get().value == 820_000_000 and pitch.milestones.get().done
    assert pitch.deck.name.endswith(".pdf") and pitch.deck_preview.name.endswith(".png")

    page = client.get(response["Location"]).content.decode()
    assert 'value="Máy rang"' in page and 'value="Doanh thu"' in page
    assert 'data-testid="deck-preview"' in page and pitch.deck_preview.url in page
    assert 'data-testid="pitch-submit"' in page
    # every section in order
    order = [
        page.index(f'data-testid="editor-{s}"')
        for s in ("problem", "traction", "ask", "use_of_funds", "media")
    ]
    assert order == sorted(order)

    # change the ask and drop a use: the rows are replaced, the deck kept
    data = editor_data(
        stored=2,
        ask_amount="300000000",
        uses=[
            {"label": "Máy rang", "amount": "300000000"},
            {"label": "Vùng nguyên liệu", "amount": "200000000", "DELETE": "on"},
        ],
    )
    response = client.post(reverse("dashboard:pitch-edit", args=[pitch.pk]), data)
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.ask_amount == 300_000_000
    assert list(pitch.fund_uses.values_list("label", flat=True)) == ["Máy rang"]
    assert pitch.deck.name.endswith(".pdf")


def test_uses_that_do_not_add_up_are_shown_and_nothing_is_written(client, world):
    client.force_login(world["seller"])
    url = "/en" + reverse("dashboard:pitch-create")
    response = client.post(url, editor_data(uses=[{"label": "Máy rang", "amount": "300000000"}]))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="fund_uses-errors"' in page
    assert "they must add up exactly" in page
    assert "₫300,000,000" in page and "₫500,000,000" in page
    assert not Pitch.objects.exists()


@pytest.mark.parametrize(
    ("deck", "message"),
    [
        (
            SimpleUploadedFile("deck.pdf", b"<html><script>x</script></html>", "application/pdf"),
            "Please upload the pitch deck as a PDF file.",
        ),
        (
            SimpleUploadedFile(
                "deck.pdf", b"%PDF-1.4\n" + b"0" * DECK_MAX_BYTES, "application/pdf"
            ),
            "The file is too big: at most 20 MB.",
        ),
    ],
    ids=["html-renamed-pdf", "over-20-mb"],
)
def test_a_fake_or_oversized_deck_is_refused_and_nothing_written(client, world, deck, message):
    client.force_login(world["seller"])
    pitch = pitch_create(startup=world["startup"])
    url = "/en" + reverse("dashboard:pitch-edit", args=[pitch.pk])
    response = client.post(url, {**editor_data(title="Tên mới"), "deck": deck})
    assert response.status_code == 400
    assert message in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.title != "Tên mới" and not pitch.deck
    assert list(pitch.fund_uses.values_list("amount", flat=True)) == [300_000_000, 200_000_000]


def test_a_video_of_another_host_is_refused(client, world):
    client.force_login(world["seller"])
    response = client.post(
        "/en" + reverse("dashboard:pitch-create"),
        editor_data(video_url="https://evil.example/watch?v=dQw4w9WgXcQ"),
    )
    assert response.status_code == 400
    assert "Videos can be shown from YouTube, Facebook or TikTok only." in response.content.decode()
    assert not Pitch.objects.exists()


def test_submit_from_the_editor_and_the_sections_it_lacks(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["seller"])
    pitch = pitch_create(startup=world["startup"], problem="")
    url = reverse("dashboard:pitch-submit", args=[pitch.pk])
    response = client.post("/en" + url, follow=True)
    assert "Fill in these sections before you submit: Problem." in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.state == "draft"
    Pitch.objects.filter(pk=pitch.pk).update(problem="Có vấn đề.")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    pitch.refresh_from_db()
    assert pitch.state == "in_review"
    assert [m.to for m in mail.outbox] == [["daklak@example.com"]]


def test_another_sellers_ids_are_404_and_change_nothing(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    question = Question.objects.create(pitch=pitch, asker=world["visitor"], text="Hỏi")
    client.force_login(world["other_seller"])
    for name in ("pitch-edit", "pitch-updates", "pitch-questions"):
        assert client.get(reverse(f"dashboard:{name}", args=[pitch.pk])).status_code == 404, name
    assert (
        client.post(
            reverse("dashboard:pitch-edit", args=[pitch.pk]), editor_data(title="Chiếm")
        ).status_code
        == 404
    )
    assert client.post(reverse("dashboard:pitch-submit", args=[pitch.pk])).status_code == 404
    assert (
        client.post(
            reverse("dashboard:pitch-updates", args=[pitch.pk]), {"text": "Giả"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("dashboard:pitch-questions", args=[pitch.pk]),
            {"question": question.pk, "action": "answer", "answer": "Giả"},
        ).status_code
        == 404
    )
    listing = client.get(reverse("dashboard:pitch-list")).content.decode()
    assert pitch.title not in listing
    pitch.refresh_from_db()
    question.refresh_from_db()
    assert pitch.title != "Chiếm" and not PitchUpdate.objects.exists() and not question.answer
    # a question of another pitch through one's own pitch: 404 too
    own = pitch_create(startup=world["other"], approved_by=world["officer_hanoi"])
    response = client.post(
        reverse("dashboard:pitch-questions", args=[own.pk]),
        {"question": question.pk, "action": "seen"},
    )
    assert response.status_code == 404


def test_a_seller_without_a_startup_is_sent_to_set_it_up(client, world, django_user_model):
    from tests.catalog.factories import SellerFactory

    lone = seller_user_create(partner=SellerFactory(), username="le")
    client.force_login(lone)
    listing = client.get(reverse("dashboard:pitch-list"))
    assert listing.status_code == 200 and 'data-testid="no-startup"' in listing.content.decode()
    assert client.get(reverse("dashboard:pitch-create")).status_code == 302


# --- the officers' desk -------------------------------------------------------------------


def test_officers_review_in_their_tree_and_others_get_404(
    client, world, django_capture_on_commit_callbacks
):
    pitch = pitch_create(startup=world["startup"])
    pitch = services.pitch_submit(user=world["seller"], pitch=pitch)
    review_url = reverse("startups:pitch-review", args=[pitch.pk])

    client.force_login(world["officer_hanoi"].user)
    assert pitch.title not in client.get(reverse("startups:pitch-queue")).content.decode()
    assert client.get(review_url).status_code == 404
    assert client.post(review_url, {"action": "approve"}).status_code == 404
    pitch.refresh_from_db()
    assert pitch.state == "in_review"

    client.force_login(world["officer"].user)
    assert pitch.title in client.get(reverse("startups:pitch-queue")).content.decode()
    page = client.get(review_url).content.decode()
    assert 'data-testid="comment-box-market"' in page and 'data-testid="working-copy"' in page
    stamp = services.submission_stamp(pitch)
    response = client.post(
        "/en" + review_url, {"action": "send_back", "seen": stamp}, follow=True
    )  # no comment
    assert "Write a comment on at least one section" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            review_url,
            {"action": "send_back", "seen": stamp, "comment_market": "Thiếu số liệu thị trường."},
        )
    pitch.refresh_from_db()
    assert pitch.state == "sent_back"
    assert mail.outbox[-1].to == ["ban-a@example.com"]

    client.force_login(world["seller"])
    editor = client.get(reverse("dashboard:pitch-edit", args=[pitch.pk])).content.decode()
    market = editor.split('data-testid="editor-market"', 1)[1].split("</fieldset>", 1)[0]
    assert "Thiếu số liệu thị trường." in market
    assert 'data-testid="comment-problem"' not in editor

    pitch = services.pitch_submit(user=world["seller"], pitch=pitch)
    client.force_login(world["officer"].user)
    client.post(review_url, {"action": "approve", "seen": services.submission_stamp(pitch)})
    pitch.refresh_from_db()
    assert pitch.state == "approved" and pitch.published_version.number == 1


def test_an_officer_who_runs_the_startup_cannot_decide(client, world):
    pitch = services.pitch_submit(
        user=world["seller"], pitch=pitch_create(startup=world["startup"])
    )
    world["startup"].partner.users.add(world["officer"].user)
    client.force_login(world["officer"].user)
    page = client.get(reverse("startups:pitch-review", args=[pitch.pk])).content.decode()
    assert 'data-testid="conflict"' in page and 'data-testid="review-form"' not in page
    client.post(reverse("startups:pitch-review", args=[pitch.pk]), {"action": "approve"})
    pitch.refresh_from_db()
    assert pitch.state == "in_review"


def test_officers_hide_abuse_in_their_tree_only(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    question = Question.objects.create(
        pitch=pitch, asker=world["visitor"], text="Lời lẽ xúc phạm", status="shown"
    )
    desk = reverse("startups:pitch-question-desk")
    client.force_login(world["officer_hanoi"].user)
    assert "Lời lẽ xúc phạm" not in client.get(desk + "?status=shown").content.decode()
    assert client.post(desk, {"question": question.pk, "action": "hide"}).status_code == 404
    question.refresh_from_db()
    assert question.status == "shown"
    client.force_login(world["officer"].user)
    assert "Lời lẽ xúc phạm" in client.get(desk + "?status=shown").content.decode()
    client.post(desk, {"question": question.pk, "action": "hide"})
    question.refresh_from_db()
    assert question.status == "hidden"
    client.logout()
    assert "Lời lẽ xúc phạm" not in client.get(detail_url(pitch)).content.decode()


# --- the public page ------------------------------------------------------------------------


def test_the_public_page_shows_the_approved_version_never_the_working_copy(client, world):
    pitch = pitch_create(
        startup=world["startup"],
        approved_by=world["officer"],
        market_size=1_250_000,
        video_url=YOUTUBE,
    )
    services.pitch_save(
        user=world["seller"],
        startup=world["startup"],
        pitch=pitch,
        fields={"problem": "Bản nháp chưa duyệt", "ask_amount": 500_000_000},
        fund_uses=[{"label": "Máy rang", "amount": 500_000_000}],
    )
    page = client.get(detail_url(pitch)).content.decode()
    assert "Nông dân bán cà phê nhân giá thấp" in page and "Bản nháp chưa duyệt" not in page
    assert f"1.250.000{NBSP}₫" in page and f"300.000.000{NBSP}₫" in page
    assert "60%" in page and "40%" in page  # each use's share of the ask
    assert "Cán bộ daklak" not in page and "Tỉnh đoàn Đắk Lắk" in page
    assert "Cà phê Ea Tu" in page
    with override("en"):
        english = client.get(detail_url(pitch)).content.decode()
    assert "₫1,250,000" in english and "Ea Tu Coffee" in english
    assert "Approved by Tỉnh đoàn Đắk Lắk on" in english


def test_a_pitch_the_public_may_not_see_is_404(client, world):
    draft = pitch_create(startup=world["startup"], slug="nhap")
    assert client.get(detail_url(draft)).status_code == 404
    hidden = startup_create(name="Chưa công khai", published=False)
    approved = pitch_create(startup=hidden, approved_by=world["officer"])
    assert client.get(detail_url(approved)).status_code == 404
    client.force_login(world["other_seller"])
    assert client.get(detail_url(draft)).status_code == 404
    client.force_login(world["officer_hanoi"].user)
    assert client.get(detail_url(draft)).status_code == 404


def test_the_video_plays_only_on_click_from_the_privacy_player(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"], video_url=YOUTUBE)
    page = client.get(detail_url(pitch)).content.decode()
    video = page.split('data-testid="video"', 1)[1].split("</div>", 1)[0]
    assert (
        'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in page
    )
    assert 'src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"' in video
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in video  # works without JS
    assert "<iframe" not in page
    assert "/static/js/video.js" in page
    tiktok = pitch_create(
        startup=world["startup"],
        slug="tiktok",
        approved_by=world["officer"],
        video_url="https://www.tiktok.com/@eatu/video/7301234567890123456",
    )
    page = client.get(detail_url(tiktok)).content.decode()
    assert "/static/img/video-placeholder.svg" in page and "TikTok" in page
    assert "i.ytimg.com" not in page


def test_orders_on_this_platform_are_read_live_from_the_shop(client, world):
    from shop.order.services import part_cancel

    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    coffee = product_create(seller=world["startup"].partner, title="Cà phê 500g", price=185000)
    orders = [order_create(coffee, payment_method="cod") for _ in range(3)]
    part_cancel(orders[0].parts.get(), by="seller")
    page = client.get(detail_url(pitch)).content.decode()
    live = page.split('data-testid="platform-orders"', 1)[1].split("</tr>", 1)[0]
    assert ">2<" in live  # the cancelled parcel is not counted
    revenue = page.split('data-testid="platform-revenue"', 1)[1].split("</tr>", 1)[0]
    assert f"370.000{NBSP}₫" in revenue


def test_script_in_every_text_field_is_shown_as_text(client, world):
    fields = {
        name: f"{SCRIPT} {name}"
        for name in (
            "problem",
            "solution",
            "product",
            "market",
            "business_model",
            "competition",
            "team_note",
            "risks",
        )
    }
    pitch = pitch_create(
        startup=world["startup"],
        title=f"{SCRIPT} tiêu đề",
        fund_uses=((f"{SCRIPT} dùng", 1_000),),
        traction=((f"{SCRIPT} số", 5, "đv"),),
        milestones=(("2025-01-01", f"{SCRIPT} mốc", True),),
        approved_by=world["officer"],
        **fields,
    )
    PitchUpdate.objects.create(
        pitch=pitch, text=f"{SCRIPT} tin", figure_label=SCRIPT, figure_value=SCRIPT
    )
    Question.objects.create(
        pitch=pitch,
        asker=world["visitor"],
        text=f"{SCRIPT} hỏi",
        answer=f"{SCRIPT} đáp",
        status="shown",
    )
    services.pitch_submit(
        user=world["seller"],
        pitch=services.pitch_save(
            user=world["seller"],
            startup=world["startup"],
            pitch=pitch,
            fields={"solution": f"{SCRIPT} bản sửa"},
            fund_uses=[{"label": f"{SCRIPT} dùng", "amount": 1_000}],
        ),
    )
    pages = {"public": client.get(detail_url(pitch))}
    client.force_login(world["seller"])
    for name in ("pitch-edit", "pitch-updates", "pitch-questions", "pitch-list"):
        args = [] if name == "pitch-list" else [pitch.pk]
        pages[name] = client.get(reverse(f"dashboard:{name}", args=args))
    pages["history"] = client.get(history_url(pitch) + "?v=1")
    client.force_login(world["officer"].user)
    pages["review"] = client.get(reverse("startups:pitch-review", args=[pitch.pk]))
    pages["queue"] = client.get(reverse("startups:pitch-queue"))
    pages["desk"] = client.get(reverse("startups:pitch-question-desk") + "?status=shown")
    for name, response in pages.items():
        html = response.content.decode()
        assert response.status_code == 200, name
        assert "<script>alert" not in html, name
        assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html, name


def test_history_is_for_the_startup_and_its_officers_only(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    pitch = services.pitch_submit(
        user=world["seller"],
        pitch=services.pitch_save(
            user=world["seller"],
            startup=world["startup"],
            pitch=pitch,
            fields={"title": "Phiên bản hai"},
            fund_uses=[{"label": "Tất cả", "amount": 500_000_000}],
        ),
    )
    services.pitch_approve(officer=world["officer"], pitch=pitch)
    url = history_url(pitch)
    for user in (world["seller"], world["officer"].user):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert page.count('data-testid="version-row"') == 2
        assert "Cán bộ daklak" in page and "Tỉnh đoàn Đắk Lắk" in page
        first = client.get(url + "?v=1").content.decode()
        assert "Mở rộng xưởng rang cà phê Ea Tu" in first.split('data-testid="chosen-version"')[1]
        assert client.get(url + "?v=9").status_code == 404
    for user in (world["other_seller"], world["officer_hanoi"].user, world["visitor"]):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(url + "?v=1").status_code == 404
    draft = pitch_create(startup=world["startup"], slug="nhap")
    client.force_login(world["other_seller"])
    assert client.get(history_url(draft)).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_questions_from_ask_to_answer(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    url = detail_url(pitch)
    ask = reverse(
        "startups:pitch-ask", kwargs={"slug": world["startup"].slug, "pitch_slug": pitch.slug}
    )
    assert client.post(ask, {"text": "Ẩn danh?"}).status_code == 302  # to the login page
    assert not Question.objects.exists()
    assert 'data-testid="question-login"' in client.get(url).content.decode()

    client.force_login(world["visitor"])
    response = client.post(ask, {"text": "Giá sỉ bao nhiêu?"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == "held"
    mine = client.get(url).content.decode()
    assert 'data-testid="own-waiting-question"' in mine and "Giá sỉ bao nhiêu?" in mine
    client.logout()
    assert "Giá sỉ bao nhiêu?" not in client.get(url).content.decode()

    client.force_login(world["seller"])
    client.post(
        reverse("dashboard:pitch-questions", args=[pitch.pk]),
        {"question": question.pk, "action": "answer", "answer": "200.000 đ một ký."},
    )
    client.logout()
    page = client.get(url).content.decode()
    assert "Giá sỉ bao nhiêu?" in page and "200.000 đ một ký." in page

    client.force_login(world["visitor"])
    assert client.post(ask, {"text": ""}).status_code == 400
    assert client.post(ask, {"text": "Giá sỉ bao nhiêu?"}).status_code == 400  # repeated
    assert Question.objects.count() == 1


def test_updates_posted_from_the_dashboard_reach_the_page_and_followers(
    client, world, django_capture_on_commit_callbacks
):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    Follow.objects.create(user=world["visitor"], startup=world["startup"])
    client.force_login(world["seller"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dashboard:pitch-updates", args=[pitch.pk]),
            {"text": "Đã có 50 quán mua sỉ.", "figure_label": "Quán mua sỉ", "figure_value": "50"},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["khach@example.com"]]
    client.logout()
    page = client.get(detail_url(pitch)).content.decode()
    assert "Đã có 50 quán mua sỉ." in page and "Quán mua sỉ" in page


def test_the_page_is_cached_for_visitors_and_fresh_after_an_approval(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    url = detail_url(pitch)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    pitch = services.pitch_submit(
        user=world["seller"],
        pitch=services.pitch_save(
            user=world["seller"],
            startup=world["startup"],
            pitch=pitch,
            fields={"title": "Tên mới đã duyệt"},
            fund_uses=[{"label": "Tất cả", "amount": 500_000_000}],
        ),
    )
    assert client.get(url)["X-Page-Cache"] == "hit"  # edits wait: the public page is unchanged
    with django_capture_on_commit_callbacks(execute=True):
        services.pitch_approve(officer=world["officer"], pitch=pitch)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss" and "Tên mới đã duyệt" in response.content.decode()


# --- the public page's cost -----------------------------------------------------------------


def test_public_page_queries_are_few_and_constant(client, world, no_page_cache):
    def grow(pitch, n, start):
        for i in range(start, start + n):
            PitchUpdate.objects.create(pitch=pitch, text=f"Tin {i}")
            Question.objects.create(
                pitch=pitch, asker=world["visitor"], text=f"Hỏi {i}", answer="Đáp", status="shown"
            )

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries), ctx

    few_pitch = pitch_create(startup=world["startup"], slug="it", approved_by=world["officer"])
    grow(few_pitch, 2, 0)
    many_pitch = pitch_create(
        startup=world["startup"],
        slug="nhieu",
        approved_by=world["officer"],
        fund_uses=tuple((f"Dùng {i}", 1_000_000) for i in range(25)),
        traction=tuple((f"Số {i}", i, "") for i in range(25)),
        milestones=tuple((f"2025-01-{i + 1:02d}", f"Mốc {i}", False) for i in range(25)),
    )
    grow(many_pitch, 30, 0)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(world["visitor"])
        few, _ctx = count(detail_url(few_pitch))
        many, ctx = count(detail_url(many_pitch))
        detail = "\n".join(q["sql"][:160] for q in ctx.captured_queries)
        print(f"\nQUERIES pitch page (signed in: {signed_in}): small={few} large={many}")
        assert few == many, detail
        assert many <= 15, detail


def test_the_interest_form_says_it_is_not_an_investment(client, world):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    page = client.get(detail_url(pitch)).content.decode()
    form = page.split('data-testid="interest-form"', 1)[1]
    interest = reverse(
        "startups:interest", kwargs={"slug": world["startup"].slug, "pitch_slug": pitch.slug}
    )
    assert f'action="{interest}"' in form and 'data-testid="interest-notice"' in form


def test_staff_read_pitches_and_questions_in_the_admin_and_change_nothing(
    client, world, django_user_model
):
    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    Question.objects.create(pitch=pitch, asker=world["visitor"], text="Hỏi", status="held")
    staff = django_user_model.objects.create_user("qt", "qt@example.com", "x", is_staff=True)
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    for url in (
        reverse("admin:startups_pitch_changelist"),
        reverse("admin:startups_pitch_change", args=[pitch.pk]),
        reverse("admin:startups_pitchversion_changelist"),
        reverse("admin:startups_question_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    client.post(reverse("admin:startups_pitch_change", args=[pitch.pk]), {"title": "Đổi"})
    pitch.refresh_from_db()
    assert pitch.title == "Mở rộng xưởng rang cà phê Ea Tu"
    assert client.get(reverse("admin:startups_pitch_add")).status_code == 403


def test_an_update_picture_is_checked_by_its_content(client, world):
    from PIL import Image

    pitch = pitch_create(startup=world["startup"], approved_by=world["officer"])
    client.force_login(world["seller"])
    url = "/en" + reverse("dashboard:pitch-updates", args=[pitch.pk])
    fake = SimpleUploadedFile("anh.png", b"<svg onload=alert(1)></svg>", "image/png")
    response = client.post(url, {"text": "Ảnh xưởng", "picture": fake})
    assert response.status_code == 400
    picture_field = response.content.decode().split('id="id_picture"', 1)[1].split("</div>", 1)[0]
    assert "Upload a valid image" in picture_field  # said on the field, in the user's language
    assert not PitchUpdate.objects.exists()
    data = io.BytesIO()
    Image.new("RGB", (320, 200), (120, 60, 20)).save(data, format="PNG")
    picture = SimpleUploadedFile("anh.png", data.getvalue(), "image/png")
    assert client.post(url, {"text": "Ảnh xưởng", "picture": picture}).status_code == 302
    update = PitchUpdate.objects.get()
    assert update.picture.name.endswith(".png") and "anh" not in update.picture.name
    client.logout()
    assert update.picture.url in client.get(detail_url(pitch)).content.decode()
