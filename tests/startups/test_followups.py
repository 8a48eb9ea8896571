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


def test_a_worker_that_died_or_is_sending_never_doubles_a_message(
    world, django_capture_on_commit_callbacks
):
    """Through shop.order.outbox: a claim already marked sent (the worker died between the
    send and the delivery's mark) only marks the delivery; a fresh claim of another worker
    is left to it (ClaimBusy at the end, the others sent); once its lease ran out, the
    delivery is taken over and sent once."""
    from datetime import timedelta

    from django.utils import timezone
    from oscar.core.loading import get_model

    from shop.order.outbox import ClaimBusy, lease

    EmailClaim = get_model("order", "EmailClaim")
    followup = send(world, django_capture_on_commit_callbacks)
    to_lan = FollowUpDelivery.objects.get(followup=followup, lead=world["lan"])
    to_john = FollowUpDelivery.objects.get(followup=followup, lead=world["john"])
    now = timezone.now()
    EmailClaim.objects.create(key=f"followup:{to_lan.pk}", claimed_at=now, sent_at=now)
    claim = EmailClaim.objects.create(key=f"followup:{to_john.pk}", claimed_at=now)
    with pytest.raises(ClaimBusy):
        services.followup_deliver(followup.pk)
    assert mail.outbox == []
    to_lan.refresh_from_db()
    to_john.refresh_from_db()
    assert to_lan.sent_at is not None and to_john.sent_at is None
    EmailClaim.objects.filter(pk=claim.pk).update(claimed_at=now - lease() - timedelta(1))
    assert services.followup_deliver(followup.pk) == 1
    assert services.followup_deliver(followup.pk) == 0
    assert [m.to for m in mail.outbox] == [["john@example.com"]]


def test_the_task_sends_each_lead_once(world, django_capture_on_commit_callbacks):
    from startups.tasks.followups import deliver_followup

    followup = send(world, django_capture_on_commit_callbacks)
    deliver_followup.apply(args=[followup.pk]).get()
    deliver_followup.apply(args=[followup.pk]).get()
    assert len(mail.outbox) == 2


def test_links_only_to_the_booths_products(world, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    not_featured = product_create(seller=world["booth"].startup.partner, title="Cà phê hạt")
    with pytest.raises(ValidationError) as error:
        send(world, django_capture_on_commit_callbacks, product_ids=[not_featured.pk])
    assert "products" in error.value.message_dict
    assert not FollowUpDelivery.objects.exists()


@pytest.mark.parametrize("token", ["", "abc", "eyJsZWFkIjoxfQ:1abc:xyz"])
def test_malformed_tokens_change_nothing(world, token):
    assert services.lead_opt_out(token) is None
    assert not Lead.objects.filter(opted_out_at__isnull=False).exclude(name="Anh Bình").exists()


def test_a_token_of_another_salt_is_refused(world):
    from django.core import signing

    forged = signing.dumps({"lead": world["lan"].pk}, compress=True)
    assert services.lead_opt_out(forged) is None
    world["lan"].refresh_from_db()
    assert world["lan"].opted_out_at is None
