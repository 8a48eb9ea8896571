"""Stripe's webhook: real signatures made from the test secret; missing, bad or old
signatures, tampered amounts and unknown orders refused with nothing changed; each event
applied once, whatever order they come in; an expired session cancels the order and returns
its stock; a payment that arrives after the order was cancelled is refunded."""

import json
import time

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.services import part_cancel
from shop.payments.models import CardPayment, CardRefund, StripeEvent
from tests.shop.payments.stripe_fake import deliver, event_payload, signature

OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

INTENT = "pi_3QhZkB2eZvKYlo2C0c7Vd5Hy"


@pytest.fixture
def payment(client, card_order, stripe_api):
    """The buyer has opened Stripe's page for the order."""

    client.get(
        reverse(
            "payments:card-start",
            kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
        )
    )
    return CardPayment.objects.get(order=card_order)


def statuses(order):
    return list(order.parts.order_by("number").values_list("status", flat=True))


def allocated(order):
    return [
        StockRecord.objects.get(pk=line.stockrecord_id).num_allocated
        for line in order.lines.order_by("pk")
    ]


def unchanged(payment):
    payment.refresh_from_db()
    return (
        payment.status == "open"
        and not payment.payment_intent_id
        and statuses(payment.order) == ["awaiting_payment"] * 2
        and not StripeEvent.objects.exists()
        and not CardRefund.objects.exists()
    )


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "wrong secret",
        "five minutes old",
        "garbled",
        "body changed after signing",
        "other scheme",
    ],
)
def test_bad_signature_is_refused_and_changes_nothing(client, payment, case, caplog):
    payload = event_payload("event_checkout_session_completed", payment)
    sig = {
        "missing": None,
        "wrong secret": signature(payload, secret="whsec_not_ours"),
        "five minutes old": signature(payload, timestamp=int(time.time()) - 301),
        "garbled": "t=abc,v1=zzz",
        "body changed after signing": signature(payload),
        "other scheme": signature(payload).replace("v1=", "v0="),
    }[case]
    if case == "body changed after signing":
        payload = payload.replace("570000", "1000")
    response = deliver(client, payload, sig=sig)
    assert response.status_code == 400
    assert unchanged(payment)
    assert "bad signature" in caplog.text


def test_get_and_unreadable_bodies_are_refused(client, payment):
    assert client.get("/payments/stripe/webhook/").status_code == 405
    assert deliver(client, "not json").status_code == 400
    assert deliver(client, json.dumps({"object": "event"})).status_code == 400
    assert unchanged(payment)


def test_paid_session_places_every_part_once(client, payment, django_capture_on_commit_callbacks):
    payload = event_payload("event_checkout_session_completed", payment)
    with django_capture_on_commit_callbacks() as first:
        assert deliver(client, payload).status_code == 200
    assert statuses(payment.order) == ["placed", "placed"]
    payment.refresh_from_db()
    assert (payment.status, payment.payment_intent_id) == ("paid", INTENT)
    paid_at = list(payment.order.parts.values_list("paid_at", flat=True))
    assert all(paid_at)
    assert len(first) == 2  # one "paid" e-mail per part

    # Stripe delivers it again (and again): 200, nothing applied twice, no second e-mail.
    with django_capture_on_commit_callbacks() as again:
        for _ in range(2):
            assert deliver(client, payload).status_code == 200
    assert again == []
    assert StripeEvent.objects.filter(type="checkout.session.completed").count() == 1
    assert list(payment.order.parts.values_list("paid_at", flat=True)) == paid_at


def test_events_out_of_order_end_paid(client, payment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        # The payment intent succeeds before the session reports complete ...
        assert (
            deliver(client, event_payload("event_payment_intent_succeeded", payment)).status_code
            == 200
        )
        assert statuses(payment.order) == ["placed", "placed"]
        assert (
            deliver(client, event_payload("event_checkout_session_completed", payment)).status_code
            == 200
        )
        # ... and "created" arrives last of all: recorded, nothing goes back.
        assert (
            deliver(client, event_payload("event_payment_intent_created", payment)).status_code
            == 200
        )
    assert statuses(payment.order) == ["placed", "placed"]
    assert len(callbacks) == 2
    payment.refresh_from_db()
    assert (payment.status, payment.payment_intent_id) == ("paid", INTENT)
    assert set(StripeEvent.objects.values_list("type", flat=True)) == {
        "payment_intent.succeeded",
        "checkout.session.completed",
        "payment_intent.created",
    }


def test_delayed_payment_waits_for_its_success_event(client, payment):
    completed_unpaid = event_payload(
        "event_checkout_session_completed", payment, payment_status="unpaid", payment_intent=None
    )
    assert deliver(client, completed_unpaid).status_code == 200
    assert statuses(payment.order) == ["awaiting_payment"] * 2
    succeeded = json.loads(event_payload("event_checkout_session_completed", payment))
    succeeded.update(
        id="evt_1QhZlA2eZvKYlo2CAsyncOk1", type="checkout.session.async_payment_succeeded"
    )
    assert deliver(client, json.dumps(succeeded)).status_code == 200
    assert statuses(payment.order) == ["placed", "placed"]


@pytest.mark.parametrize(
    "tamper",
    [
        {"amount_total": 1000},
        {"amount_total": 57000000},
        {"currency": "usd"},
        {"amount_total": "570000"},
    ],
)
def test_tampered_amount_is_refused(client, payment, tamper, caplog):
    payload = event_payload("event_checkout_session_completed", payment, **tamper)
    assert deliver(client, payload).status_code == 400
    assert unchanged(payment)
    assert "refused, nothing changed" in caplog.text


def test_tampered_intent_amount_is_refused(client, payment):
    payload = event_payload("event_payment_intent_succeeded", payment, amount_received=5700)
    assert deliver(client, payload).status_code == 400
    assert unchanged(payment)


def test_unknown_order_is_refused(client, payment, caplog):
    for name in (
        "event_checkout_session_completed",
        "event_payment_intent_succeeded",
        "event_checkout_session_expired",
    ):
        payload = event_payload(name, order_number="999999")
        assert deliver(client, payload).status_code == 400
    assert unchanged(payment)
    assert "no card payment for order '999999'" in caplog.text


def test_events_we_do_not_act_on_are_recorded(client, payment):
    charge = {
        "id": "evt_3QhZkB2eZvKYlo2C0Chg0001",
        "object": "event",
        "type": "charge.updated",
        "created": int(time.time()),
        "livemode": False,
        "api_version": "2025-10-29.clover",
        "data": {"object": {"id": "ch_3QhZkB2eZvKYlo2C0sE6pL4m", "object": "charge"}},
    }
    assert deliver(client, json.dumps(charge)).status_code == 200
    assert StripeEvent.objects.get().type == "charge.updated"
    assert statuses(payment.order) == ["awaiting_payment"] * 2


def test_expired_session_cancels_the_order_and_returns_the_stock(client, payment):
    assert allocated(payment.order) == [1, 1]
    assert (
        deliver(client, event_payload("event_checkout_session_expired", payment)).status_code == 200
    )
    assert statuses(payment.order) == ["cancelled", "cancelled"]
    assert set(payment.order.parts.values_list("cancelled_by", flat=True)) == {"system"}
    assert allocated(payment.order) == [0, 0]
    payment.refresh_from_db()
    assert payment.status == "expired"
    # Replayed, or followed by a late "completed" with nothing paid: nothing more happens.
    assert (
        deliver(client, event_payload("event_checkout_session_expired", payment)).status_code == 200
    )
    assert allocated(payment.order) == [0, 0]


def test_payment_after_the_order_was_cancelled_is_refunded(client, payment, stripe_api, caplog):
    for part in payment.order.parts.all():  # e.g. the unpaid-order timeout
        part_cancel(part, by="system")
    response = deliver(client, event_payload("event_checkout_session_completed", payment))
    assert response.status_code == 200

    refunds = stripe_api.calls("post", "/v1/refunds")
    parts = list(payment.order.parts.order_by("number"))
    assert [
        (r.params["amount"], r.params["payment_intent"], r.idempotency_key) for r in refunds
    ] == [
        ("215000", INTENT, f"refund-part-{parts[0].pk}"),
        ("355000", INTENT, f"refund-part-{parts[1].pk}"),
    ]
    assert statuses(payment.order) == ["cancelled", "cancelled"]
    assert [p.refunded_amount for p in parts] == [215000, 355000]
    assert sum(CardRefund.objects.values_list("amount", flat=True)) == 570000
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert "arrived after 2 part(s) were cancelled" in caplog.text

    # Delivered again: no second refund.
    assert (
        deliver(
            client,
            event_payload(
                "event_checkout_session_completed",
                payment,
            ),
        ).status_code
        == 200
    )
    assert len(stripe_api.calls("post", "/v1/refunds")) == 2


def test_a_refund_stripe_refuses_makes_stripe_deliver_again(client, payment, stripe_api):
    for part in payment.order.parts.all():
        part_cancel(part, by="system")
    stripe_api.fail_next("post", "/v1/refunds", "error_charge_already_refunded")
    payload = event_payload("event_checkout_session_completed", payment)
    assert deliver(client, payload).status_code == 503  # Stripe retries later
    payment.refresh_from_db()
    assert payment.status == "open" and not StripeEvent.objects.exists()
    assert not CardRefund.objects.exists()

    assert deliver(client, payload).status_code == 200  # the retry goes through
    assert CardRefund.objects.count() == 2


def test_a_second_payment_for_a_paid_order_is_refunded_whole(client, payment, stripe_api):
    assert (
        deliver(client, event_payload("event_checkout_session_completed", payment)).status_code
        == 200
    )
    second = event_payload(
        "event_payment_intent_succeeded",
        payment,
        event_id="evt_3QhZkB2eZvKYlo2C0Second1",
        id="pi_3QhZkB2eZvKYlo2C0Second",
    )
    assert deliver(client, second).status_code == 200
    [refund] = stripe_api.calls("post", "/v1/refunds")
    assert (refund.params["payment_intent"], refund.params["amount"]) == (
        "pi_3QhZkB2eZvKYlo2C0Second",
        "570000",
    )
    payment.refresh_from_db()
    assert payment.payment_intent_id == INTENT
    assert statuses(payment.order) == ["placed", "placed"]
