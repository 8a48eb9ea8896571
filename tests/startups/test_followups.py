"""Follow-up messages of a booth to its leads: each lead gets one e-mail even when the task
runs twice, in the lead's language, with product links and an opt-out link; leads who opted
out or left no address are skipped; only the booth's own leads; the opt-out link works and a
tampered one changes nothing."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from startups.access import NotAllowed
from startups.models import FollowUpDelivery, Lead
from startups.services import followups as services
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import booth_create, expo_create, startup_create

pytestmark = pytest.mark.django_db


def lead_of(booth, name, email="", language="vi", **fields):
    return Lead.objects.create(
        startup=booth.startup,
        booth=booth,
        source="booth",
        role="buyer",
        message="Quan tâm",
        name=name,
        email=email,
        language=language,
        fingerprint=name,
        **fields,
    )


@pytest.fixture
def world(site_tree, django_capture_on_commit_callbacks):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    owner = seller_user_create(partner=startup.partner, username="chu-a")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong Krông Bông")
    other_owner = seller_user_create(partner=other.partner, username="chu-b")
    product = product_create(seller=startup.partner, title="Cà phê Robusta")
    expo = expo_create(phase="live")
    booth = booth_create(expo=expo, startup=startup, products=[product])
    other_booth = booth_create(expo=expo, startup=other)
    return {
        "owner": owner,
        "other_owner": other_owner,
        "product": product,
        "booth": booth,
        "other_booth": other_booth,
        "lan": lead_of(booth, "Chị Lan", "lan@example.com"),
        "john": lead_of(booth, "John", "john@example.com", language="en"),
        "gone": lead_of(booth, "Anh Bình", "binh@example.com", opted_out_at="2026-01-01T00:00Z"),
        "silent": lead_of(booth, "Chú Tư", phone="+84901234567"),
        "foreign": lead_of(other_booth, "Cô Mai", "mai@example.com"),
    }


def send(world, capture, **kwargs):
    fields = {
        "user": world["owner"],
        "booth": world["booth"],
        "subject": "Cảm ơn đã ghé gian hàng",
        "body": "Ưu đãi riêng cho bạn.",
        "product_ids": [world["product"].pk],
    }
    fields.update(kwargs)
    with capture(execute=False):
        return services.followup_send(**fields)


def test_each_lead_once_even_when_the_task_runs_twice(world, django_capture_on_commit_callbacks):
    followup = send(world, django_capture_on_commit_callbacks)
    assert services.followup_deliver(followup.pk) == 2
    assert services.followup_deliver(followup.pk) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["john@example.com", "lan@example.com"]
    skipped = dict(FollowUpDelivery.objects.values_list("lead__name", "skipped"))
    assert skipped["Anh Bình"] == "opted_out" and skipped["Chú Tư"] == "no_email"
    assert "Cô Mai" not in skipped
    english = next(m for m in mail.outbox if m.to == ["john@example.com"])
    assert "Hello John" in english.body
    with translation.override("en"):
        assert world["product"].get_absolute_url() in english.body
    assert "/unsubscribe/" in english.body or "khong-nhan-tin" in english.body


def test_chosen_leads_only_among_the_booths_own(world, django_capture_on_commit_callbacks):
    followup = send(
        world,
        django_capture_on_commit_callbacks,
        lead_ids=[world["lan"].pk, world["foreign"].pk],
    )
    services.followup_deliver(followup.pk)
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]


def test_only_the_booths_seller_sends(world, django_capture_on_commit_callbacks):
    with pytest.raises(NotAllowed):
        send(world, django_capture_on_commit_callbacks, user=world["other_owner"])
    assert not FollowUpDelivery.objects.exists()


def test_opt_out_link_and_tampered_token(client, world):
    lan = world["lan"]
    token = services.opt_out_token(lan)
    url = reverse("startups:followup-optout", args=[token])
    assert client.get(url).status_code == 200
    lan.refresh_from_db()
    assert lan.opted_out_at is None  # opening the link changes nothing
    assert client.post(url).status_code == 200
    lan.refresh_from_db()
    assert lan.opted_out_at is not None
    john = world["john"]
    bad = services.opt_out_token(john)[:-2] + "xx"
    response = client.post(reverse("startups:followup-optout", args=[bad]))
    assert response.status_code == 400
    john.refresh_from_db()
    assert john.opted_out_at is None


def test_opted_out_after_sending_is_skipped_at_delivery(world, django_capture_on_commit_callbacks):
    followup = send(world, django_capture_on_commit_callbacks)
    services.lead_opt_out(services.opt_out_token(world["lan"]))
    services.followup_deliver(followup.pk)
    assert [m.to for m in mail.outbox] == [["john@example.com"]]


def test_followup_page_sends(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["owner"])
    url = reverse("dashboard:followup-create", args=[world["booth"].pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"subject": "Chào bạn", "body": "Cảm ơn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 2
