"""Cancelling a paid card part gives the money back through Stripe's API, once; when Stripe
refuses, the cancellation does not happen and the buyer is told why."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order.services import PartChangeRefused, part_cancel
from shop.payments.models import CardPayment, CardRefund
from tests.shop.payments.stripe_fake import deliver, event_payload

OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

INTENT = "pi_3QhZkB2eZvKYlo2C0c7Vd5Hy"


@pytest.fixture
def paid_order(client, card_order, stripe_api):
    client.get(
        reverse(
            "payments:card-start",
            kwargs={"number": card_order.number, "hash": card_order.verification_hash()},
        )
    )
    payment = CardPayment.objects.get(order=card_order)
    assert (
        deliver(client, event_payload("event_checkout_session_completed", payment)).status_code
        == 200
    )
    return card_order


def stock_allocated(part):
    line = part.lines().get()
    return StockRecord.objects.get(pk=line.stockrecord_id).num_allocated


def test_buyer_cancelling_a_paid_part_is_refunded_through_stripe(paid_order, stripe_api):
    coffee = paid_order.parts.get(number=1)
    assert stock_allocated(coffee) == 1
    part_cancel(coffee, by="buyer")

    [refund] = stripe_api.calls("post", "/v1/refunds")
    assert refund.params == {
        "payment_intent": INTENT,
        "amount": "215000",
        "metadata[order_number]": str(paid_order.number),
        "metadata[order_part]": coffee.code,
    }
    assert refund.idempotency_key == f"refund-part-{coffee.pk}"
    coffee.refresh_from_db()
    assert (coffee.status, coffee.cancelled_by, coffee.refunded_amount) == (
        "cancelled",
        "buyer",
        215000,
    )
    record = CardRefund.objects.get()
    assert (record.part, record.amount, record.status) == (coffee, 215000, "succeeded")
    assert record.stripe_refund_id.startswith("re_")
    assert stock_allocated(coffee) == 0
    # The other seller's part is untouched and still paid.
    assert paid_order.parts.get(number=2).status == "placed"
    assert paid_order.parts.get(number=2).refunded_amount == 0


def test_a_refund_stripe_refuses_leaves_the_part_as_it_was(paid_order, stripe_api):
    coffee = paid_order.parts.get(number=1)
    stripe_api.fail_next("post", "/v1/refunds", "error_charge_already_refunded")
    with pytest.raises(PartChangeRefused) as refused:
        part_cancel(coffee, by="buyer")
    assert "Chưa hoàn được tiền" in str(refused.value) and coffee.code in str(refused.value)
    coffee.refresh_from_db()
    assert (coffee.status, coffee.refunded_amount, coffee.cancelled_at) == ("placed", 0, None)
    assert stock_allocated(coffee) == 1
    assert not CardRefund.objects.exists()


def test_an_unpaid_card_part_is_cancelled_without_a_refund(card_order, stripe_api):
    part_cancel(card_order.parts.get(number=1), by="buyer")
    assert stripe_api.calls("post", "/v1/refunds") == []
    assert not CardRefund.objects.exists()


def test_the_buyers_cancel_button_refunds(client, paid_order, stripe_api):
    """Through the order page's own cancel button (built by the order pages)."""
    coffee = paid_order.parts.get(number=1)
    url = reverse(
        "orders:part-cancel",
        kwargs={
            "number": paid_order.number,
            "hash": paid_order.verification_hash(),
            "part": coffee.number,
        },
    )
    response = client.post(url)
    assert response.status_code == 302
    coffee.refresh_from_db()
    assert (coffee.status, coffee.refunded_amount) == ("cancelled", 215000)
    assert len(stripe_api.calls("post", "/v1/refunds")) == 1


def test_the_cancel_button_says_so_when_stripe_refuses(client, paid_order, stripe_api):
    coffee = paid_order.parts.get(number=1)
    stripe_api.fail_next("post", "/v1/refunds", "error_charge_already_refunded")
    url = reverse(
        "orders:part-cancel",
        kwargs={
            "number": paid_order.number,
            "hash": paid_order.verification_hash(),
            "part": coffee.number,
        },
    )
    response = client.post(url)
    assert response.status_code in (200, 302)
    assert any("Chưa hoàn được tiền" in m.message for m in get_messages(response.wsgi_request))
    coffee.refresh_from_db()
    assert (coffee.status, coffee.refunded_amount) == ("placed", 0)
    assert stock_allocated(coffee) == 1
