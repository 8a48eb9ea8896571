"""E-mails claimed before they are sent (shop.order.outbox): sent once, taken over when their
worker died, released when the send failed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.outbox import ClaimBusy, email_send_once

EmailClaim = get_model("order", "EmailClaim")

pytestmark = pytest.mark.django_db


def test_sent_once_however_often_asked():
    sent = []
    assert email_send_once(key="k", send=lambda: sent.append(1)) is True
    assert email_send_once(key="k", send=lambda: sent.append(1)) is False
    assert sent == [1]


def test_a_fresh_claim_of_another_worker_is_left_to_it_a_stale_one_is_taken_over(settings):
    settings.EMAIL_CLAIM_LEASE_SECONDS = 600
    EmailClaim.objects.create(key="busy", claimed_at=timezone.now())
    with pytest.raises(ClaimBusy):
        email_send_once(key="busy", send=lambda: pytest.fail("sent while another worker sends"))

    EmailClaim.objects.create(key="dead", claimed_at=timezone.now() - timedelta(minutes=11))
    sent = []
    assert email_send_once(key="dead", send=lambda: sent.append(1)) is True
    assert sent == [1] and EmailClaim.objects.get(key="dead").sent_at is not None


def test_a_failed_send_releases_the_claim_for_the_retry():
    def fail():
        raise OSError("mail server down")

    with pytest.raises(OSError):
        email_send_once(key="retry", send=fail)
    assert not EmailClaim.objects.filter(key="retry").exists()
    sent = []
    assert email_send_once(key="retry", send=lambda: sent.append(1)) is True and sent == [1]
