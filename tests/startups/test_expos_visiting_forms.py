"""The visitors' forms of an expo (startups.views.expos): "leave your contact" (a lead of the
booth, with the interest form's spam rules), questions (signed in, held for a new asker), and
the passport (stamps, the voucher code once unlocked, the draw entry and the draw's result)."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from startups import antispam
from startups.models import BoothQuestion, DrawEntry, Expo, Lead, PassportStamp
from startups.services.expo_visits import VISITOR_COOKIE, draw_order
from startups.services.union import union_units_load
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db

CONTACT = {
    "role": "buyer",
    "message": "Tôi muốn nhập 50 kg cà phê cho quán.",
    "name": "Nguyễn Văn Mua",
    "email": "mua@example.com",
    "phone": "",
    "amount_range": "",
}


@pytest.fixture
def booth(site_tree):
    union_units_load()
    expo = expo_create(phase="live")
    return booth_create(expo=expo, startup=startup_create(name="Cà phê Ea Tu"))


def contact_url(booth, expo=None):
    return reverse(
        "startups:expo-booth-contact",
        kwargs={"slug": (expo or booth.expo).slug, "booth_pk": booth.pk},
    )


def ask_url(booth):
    return reverse(
        "startups:expo-booth-ask", kwargs={"slug": booth.expo.slug, "booth_pk": booth.pk}
    )


# --- leave your contact -----------------------------------------------------------------------


def test_a_contact_is_a_lead_of_the_booth(client, booth):
    response = client.post(contact_url(booth), CONTACT)
    assert response.status_code == 302 and response["Location"].endswith("#contact")
    lead = Lead.objects.get()
    assert (lead.booth, lead.startup, lead.source) == (booth, booth.startup, Lead.Source.BOOTH)
    assert lead.email == "mua@example.com" and lead.pitch is None


def test_a_bad_contact_comes_back_with_the_reason_and_writes_nothing(client, booth):
    response = client.post(contact_url(booth), {**CONTACT, "message": ""})
    assert response.status_code == 400 and 'data-testid="contact-form"' in response.content.decode()
    assert not Lead.objects.exists()


def test_the_honeypot_links_and_duplicates_are_refused_with_400(client, booth):
    trap = client.post(contact_url(booth), {**CONTACT, antispam.HONEYPOT_FIELD: "http://spam"})
    assert trap.status_code == 400 and not Lead.objects.exists()
    links = client.post(
        contact_url(booth), {**CONTACT, "message": "Xem http://a.example http://b.example"}
    )
    assert links.status_code == 400 and not Lead.objects.exists()
    assert client.post(contact_url(booth), CONTACT).status_code == 302
    again = client.post(contact_url(booth), CONTACT)
    assert again.status_code == 400 and 'data-testid="contact-refused"' in again.content.decode()
    assert Lead.objects.count() == 1


def test_too_many_contacts_from_one_address_wait_429(client, booth, settings):
    settings.LEADS_PER_ADDRESS_HOUR = 1
    assert client.post(contact_url(booth), CONTACT).status_code == 302
    response = client.post(contact_url(booth), {**CONTACT, "message": "Một lời nhắn khác nữa."})
    assert response.status_code == 429
    assert 'data-testid="contact-throttled"' in response.content.decode()
    assert Lead.objects.count() == 1


def test_contacts_are_taken_only_while_the_expo_runs_and_only_for_its_own_booths(client, booth):
    other = expo_create(phase="live")
    assert client.post(contact_url(booth, expo=other), CONTACT).status_code == 404
    closed = booth_create(expo=expo_create(phase="closed"))
    assert client.post(contact_url(closed), CONTACT).status_code == 400
    draft = booth_create(expo=expo_create(phase="draft"))
    assert client.post(contact_url(draft), CONTACT).status_code == 404
    refused = booth_create(expo=booth.expo, status="refused")
    assert client.post(contact_url(refused), CONTACT).status_code == 404
    assert not Lead.objects.exists()


# --- questions --------------------------------------------------------------------------------


def test_asking_needs_an_account(client, booth):
    response = client.post(ask_url(booth), {"text": "Có giao hàng không?"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not BoothQuestion.objects.exists()


def test_a_new_askers_question_is_held_and_a_known_askers_shown(client, booth, django_user_model):
    visitor = django_user_model.objects.create_user("khach", "khach@example.com", "x")
    client.force_login(visitor)
    response = client.post(ask_url(booth), {"text": "Có giao hàng Hà Nội không?"})
    assert response.status_code == 302 and response["Location"].endswith("#questions")
    question = BoothQuestion.objects.get()
    assert question.status == BoothQuestion.Status.HELD and question.asker == visitor
    page = client.get(response["Location"].split("#")[0]).content.decode()
    assert 'data-testid="own-waiting-question"' in page  # the asker sees it waiting
    question.status = BoothQuestion.Status.SHOWN
    question.save()
    client.post(ask_url(booth), {"text": "Giá sỉ bao nhiêu?"})
    assert BoothQuestion.objects.get(text="Giá sỉ bao nhiêu?").status == BoothQuestion.Status.SHOWN


def test_an_empty_question_or_one_at_a_closed_expo_is_refused(client, booth, django_user_model):
    client.force_login(django_user_model.objects.create_user("khach", "k@example.com", "x"))
    assert client.post(ask_url(booth), {"text": ""}).status_code == 400
    closed = booth_create(expo=expo_create(phase="closed"))
    assert client.post(ask_url(closed), {"text": "Còn bán không?"}).status_code == 400
    assert not BoothQuestion.objects.exists()


# --- the passport -----------------------------------------------------------------------------


def visitor_with_stamps(client, expo, booths) -> str:
    visitor = uuid.uuid4().hex
    client.cookies[VISITOR_COOKIE] = visitor
    for booth in booths:
        PassportStamp.objects.create(expo=expo, visitor=visitor, booth=booth)
    return visitor


def passport_url(expo):
    return reverse("startups:expo-passport", kwargs={"slug": expo.slug})


def test_the_passport_shows_stamps_and_the_voucher_once_unlocked(client, site_tree):
    union_units_load()
    expo = expo_create(
        phase="live", passport_goal=2, reward=Expo.Reward.VOUCHER, reward_voucher_code="HOCHIEU10"
    )
    first, second = booth_create(expo=expo), booth_create(expo=expo)
    visitor_with_stamps(client, expo, [first])
    response = client.get(passport_url(expo))
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert 'data-testid="passport-remaining"' in page and "HOCHIEU10" not in page
    PassportStamp.objects.create(
        expo=expo, visitor=client.cookies[VISITOR_COOKIE].value, booth=second
    )
    page = client.get(passport_url(expo)).content.decode()
    assert 'data-testid="reward-code"' in page and "HOCHIEU10" in page


def test_the_draw_entry_and_after_the_draw_its_seed_tickets_and_winners(client, site_tree):
    union_units_load()
    expo = expo_create(phase="live", passport_goal=1, reward=Expo.Reward.DRAW, draw_prizes=1)
    booth = booth_create(expo=expo)
    visitor_with_stamps(client, expo, [booth])
    assert 'data-testid="draw-form"' in client.get(passport_url(expo)).content.decode()
    assert client.post(passport_url(expo), {"name": "", "email": "x"}).status_code == 400
    response = client.post(passport_url(expo), {"name": "Lan", "email": "lan@example.com"})
    assert response.status_code == 302
    entry = DrawEntry.objects.get()
    assert entry.ticket in client.get(passport_url(expo)).content.decode()
    other = DrawEntry.objects.create(
        expo=expo, visitor=uuid.uuid4().hex, ticket="ZZZZ2345", name="B", email="b@example.com"
    )
    winners = draw_order("hat-giong-2026", [entry.ticket, other.ticket])[:1]
    Expo.objects.filter(pk=expo.pk).update(
        draw_seed="hat-giong-2026", draw_run_at=timezone.now(), draw_winners=winners
    )
    page = client.get(passport_url(expo)).content.decode()
    assert 'data-testid="draw-result"' in page and "hat-giong-2026" in page
    assert entry.ticket in page and "ZZZZ2345" in page and 'data-testid="draw-winners"' in page


def test_the_passport_of_a_draft_is_404(client, site_tree):
    union_units_load()
    expo = expo_create(phase="draft", passport_goal=1)
    assert client.get(passport_url(expo)).status_code == 404
