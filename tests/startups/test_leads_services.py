"""startups.services.leads: a lead is written with its count in one transaction; the startup is
e-mailed once, only after the commit; a refused message writes nothing; only the startup's
users move a lead along."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from startups import antispam
from startups.emails.leads import lead_received_send
from startups.models import Lead, Officer, Pitch, PitchVersion, Startup
from startups.services.leads import lead_create, lead_status_set
from startups.signals import startup_changed
from tests.catalog.factories import SellerFactory, seller_user_create
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def startup(reference_data):
    seller = SellerFactory(kind="startup", name="Cà phê Ea Tu")
    seller_user_create(partner=seller, username="chu-ea-tu")
    seller_user_create(partner=seller, username="pho-ea-tu")
    return startup_create(seller=seller, name="Cà phê Ea Tu")


@pytest.fixture
def pitch(startup, django_user_model):
    officer = django_user_model.objects.create_user("cb-duyet", "cbd@example.com", "x")
    pitch = Pitch.objects.create(
        startup=startup, slug="mo-rong-xuong", title="Mở rộng xưởng rang", state="approved"
    )
    version = PitchVersion.objects.create(
        pitch=pitch,
        number=1,
        content={"title": pitch.title},
        approved_by=officer,
        approved_unit=startup.union_unit,
    )
    Pitch.objects.filter(pk=pitch.pk).update(published_version=version)
    return pitch


def create(startup, **overrides):
    fields = {
        "startup": startup,
        "role": Lead.Role.INVESTOR,
        "message": "Tôi muốn tìm hiểu thêm về xưởng rang.",
        "amount_range": Lead.AmountRange.TO_500M,
        "name": "Trần Thị Mai",
        "email": "mai@example.com",
        "phone": "+84912345678",
        "address": "203.0.113.9",
        **overrides,
    }
    return lead_create(**fields)


def test_a_lead_is_counted_and_the_startup_e_mailed_once_after_the_commit(
    startup, pitch, django_capture_on_commit_callbacks
):
    changed = []

    def listener(sender, startup_id, **kwargs):
        changed.append(startup_id)

    startup_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            lead = create(startup, pitch=pitch)
            assert mail.outbox == [] and changed == []  # nothing before the commit
    finally:
        startup_changed.disconnect(listener)
    assert changed == [startup.pk]
    startup.refresh_from_db()
    assert startup.interest_count == 1
    assert lead.source == Lead.Source.PITCH and lead.pitch == pitch and lead.language == "vi"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["chu-ea-tu@example.com", "pho-ea-tu@example.com"]
    assert "Trần Thị Mai" in message.body and "Mở rộng xưởng rang" in message.body
    assert "0912 345 678" in message.body and "mai@example.com" in message.body
    with translation.override("vi"):
        vi_link = reverse("dashboard:lead-detail", kwargs={"pk": lead.pk})
    with translation.override("en"):
        en_link = reverse("dashboard:lead-detail", kwargs={"pk": lead.pk})
    assert f"http://testserver{vi_link}" in message.body
    assert f"http://testserver{en_link}" in message.body  # both languages, each its own link
    assert lead_received_send(lead_id=lead.pk) is False  # the task run again: no second e-mail
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_transaction_does_not_commit(
    startup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        create(startup)
    assert callbacks  # the e-mail, the signal and the page token wait for the commit
    assert mail.outbox == []


def test_counts_add_up_over_several_leads(startup):
    Startup.objects.filter(pk=startup.pk).update(interest_count=F("interest_count") + 5)
    create(startup, role=Lead.Role.BUYER)
    create(startup, role=Lead.Role.MENTOR, email="", phone="+84987654321", message="Khác")
    startup.refresh_from_db()
    assert startup.interest_count == 7
    assert Lead.objects.filter(startup=startup).count() == 2


def test_only_investors_give_an_amount_and_a_startup_lead_has_no_pitch(startup):
    lead = create(startup, role=Lead.Role.BUYER, amount_range=Lead.AmountRange.OVER_2B)
    assert lead.amount_range == "" and lead.pitch is None
    assert lead.source == Lead.Source.STARTUP


def test_a_refused_message_writes_nothing_and_counts_nothing(startup):
    create(startup)
    with pytest.raises(antispam.Refused):
        create(startup)  # the same words from the same sender within a day
    with pytest.raises(antispam.Refused):
        create(startup, message="Mua tại abc.com", email="b@example.com")  # a link, anonymous
    with pytest.raises(antispam.Refused):
        create(startup, message="Xin chào", honeypot="http://x")
    startup.refresh_from_db()
    assert startup.interest_count == 1
    assert Lead.objects.count() == 1


def test_a_signed_in_sender_may_give_a_link(startup, django_user_model):
    user = django_user_model.objects.create_user("nha-dau-tu", "ndt@example.com", "x")
    lead = create(startup, message="Hồ sơ của quỹ: www.quy-dau-tu.vn", user=user)
    assert lead.user == user


def test_the_e_mail_shows_the_senders_words_as_plain_text(
    startup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create(startup, name=f"Mai {SCRIPT}", message=f'{SCRIPT} & "=1+1"')
    message = mail.outbox[0]
    assert f"Mai {SCRIPT}" in message.body and f'{SCRIPT} & "=1+1"' in message.body
    assert "&lt;" not in message.body and "&amp;" not in message.body
    assert not message.alternatives  # no HTML part for the words to run in
    assert SCRIPT not in message.subject  # the sender does not write the subject


def test_only_the_startups_users_change_a_leads_status(startup, django_user_model):
    lead = create(startup)
    owner = startup.partner.users.get(username="chu-ea-tu")
    lead = lead_status_set(user=owner, lead=lead, status=Lead.Status.IN_TALKS)
    assert lead.status == Lead.Status.IN_TALKS and lead.status_changed is not None
    officer = django_user_model.objects.create_user("cb", "cb@example.com", "x")
    Officer.objects.create(user=officer, unit=startup.union_unit)
    other = startup_create()
    other_user = seller_user_create(partner=other.partner, username="chu-khac")
    for user in (officer, other_user):
        with pytest.raises(PermissionDenied):
            lead_status_set(user=user, lead=lead, status=Lead.Status.CLOSED)
    lead.refresh_from_db()
    assert lead.status == Lead.Status.IN_TALKS
