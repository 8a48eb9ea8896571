"""Webhooks on PostgreSQL: deliveries arriving at the same moment, in threads with their own
database connections, are applied once."""

import os
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments import services
from shop.payments.models import CardPayment, StripeEvent
from tests.shop.payments.stripe_fake import deliver, event_payload

OrderPart = get_model("order", "OrderPart")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
        reason="needs PostgreSQL's row locks (bin/test starts one)",
    ),
]


def at_once(payloads):
    barrier = threading.Barrier(len(payloads))
    results = [None] * len(payloads)

    def run(i, payload):
        try:
            barrier.wait()
            results[i] = deliver(Client(), payload).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(payloads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def payment(card_order, stripe_api, monkeypatch):
    Client().get(
        reverse(
            "payments:card-start",
            kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
        )
    )
    applied = []
    real = services.part_payment_received

    def counting(part, **kwargs):
        applied.append(part.pk)
        return real(part, **kwargs)

    monkeypatch.setattr(services, "part_payment_received", counting)
    payment = CardPayment.objects.get(order=card_order)
    payment.applied = applied
    return payment


def test_the_same_event_delivered_four_times_at_once(payment):
    payload = event_payload("event_checkout_session_completed", payment)
    assert at_once([payload] * 4) == [200] * 4
    assert sorted(payment.applied) == sorted(payment.order.parts.values_list("pk", flat=True))
    assert StripeEvent.objects.count() == 1
    assert set(payment.order.parts.values_list("status", flat=True)) == {"placed"}


def test_two_different_success_events_at_once(payment):
    payloads = [
        event_payload("event_checkout_session_completed", payment),
        event_payload("event_payment_intent_succeeded", payment),
    ]
    assert at_once(payloads * 2) == [200] * 4
    assert len(payment.applied) == 2  # each part once
    assert StripeEvent.objects.count() == 2
    payment.refresh_from_db()
    assert payment.status == "paid"


def test_pay_by_card_clicked_four_times_at_once_opens_one_session(card_order, stripe_api):
    """A double (quadruple) click on "Pay by card" makes one Stripe session, not four."""
    url = reverse(
        "payments:card-start",
        kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
    )
    barrier = threading.Barrier(4)
    results = [None] * 4

    def click(i):
        try:
            barrier.wait()
            response = Client().get(url)
            results[i] = (response.status_code, response.url)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(stripe_api.calls("post", "/v1/checkout/sessions")) == 1
    payment = CardPayment.objects.get(order=card_order)
    assert results == [(303, payment.checkout_url)] * 4
