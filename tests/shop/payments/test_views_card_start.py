"""From a placed card order to Stripe's page: the option at checkout, the Checkout Session
request the library sends (VND as whole đồng, one line per seller parcel, idempotency key),
one session per order however often the buyer reloads, 404 for a stranger's link, and a
clear message with nothing written when Stripe says no."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from shop.order.services import parts_create
from shop.payments.models import CardPayment
from tests.shop.factories import order_create
from tests.shop.payments.stripe_fake import deliver, event_payload

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Nguyễn Thị Mai",
    "line1": "12 Lê Lợi",
    "line4": "Phường Buôn Ma Thuột",
    "state": "Đắk Lắk",
    "phone_number": "0912 345 678",
}
SESSIONS = "/v1/checkout/sessions"


def start_url(order, hash=None):
    return reverse(
        "payments:card-start",
        kwargs={"number": order.number, "hash": hash or order.verification_hash()},
    )


def order_page(order, language="vi"):
    with translation.override(language):
        return reverse(
            "orders:detail", kwargs={"number": order.number, "hash": order.verification_hash()}
        )


def to_payment_method(client, *products):
    for product in products:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    return client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)


@pytest.mark.parametrize("keys", [True, False])
def test_card_is_offered_only_with_the_stripe_keys(client, site_tree, two_sellers, settings, keys):
    if not keys:
        settings.STRIPE_WEBHOOK_SECRET = ""
    page = to_payment_method(client, *two_sellers).content.decode()
    assert ('value="card"' in page) is keys
    assert 'value="cod"' in page
    response = client.post(reverse("checkout:payment-method"), {"method": "card"})
    assert (response.status_code == 302) is keys  # without keys: refused on the form


def test_start_sends_the_buyer_to_stripe_and_reuses_the_session(client, card_order, stripe_api):
    response = client.get(start_url(card_order))
    assert response.status_code == 303
    assert response.url.startswith("https://checkout.stripe.com/c/pay/cs_test_")

    [sent] = stripe_api.calls("post", SESSIONS)
    p = sent.params
    coffee, tea = card_order.parts.order_by("number")
    assert (p["mode"], p["payment_method_types[0]"], p["locale"]) == ("payment", "card", "vi")
    assert (
        p["line_items[0][price_data][currency]"]
        == p["line_items[1][price_data][currency]"]
        == "vnd"
    )
    # Zero-decimal: whole đồng, goods + 30.000 ₫ delivery per parcel.
    assert p["line_items[0][price_data][unit_amount]"] == "215000"
    assert p["line_items[1][price_data][unit_amount]"] == "355000"
    assert "line_items[2][price_data][unit_amount]" not in p
    name = p["line_items[0][price_data][product_data][name]"]
    assert "HTX Cà phê Ea Tu" in name and coffee.code in name
    assert tea.code in p["line_items[1][price_data][product_data][name]"]
    assert p["client_reference_id"] == p["metadata[order_number]"] == str(card_order.number)
    assert p["payment_intent_data[metadata][order_number]"] == str(card_order.number)
    assert p["customer_email"] == "mai@example.com"
    assert p["success_url"].startswith("http://testserver" + order_page(card_order))
    assert p["cancel_url"] == "http://testserver" + order_page(card_order)
    lifetime = int(p["expires_at"]) - timezone.now().timestamp()
    assert 30 * 60 < lifetime < 24 * 3600
    assert sent.idempotency_key == f"order-{card_order.number}-checkout-1"
    assert (
        sent.headers["Authorization"]
        == "Bearer sk_test_51QhZk2eZvKYlo2COcopTestKeyForTheSuiteOnly00"
    )

    payment = CardPayment.objects.get(order=card_order)
    assert (payment.amount, payment.status, payment.attempt) == (570000, "open", 1)
    assert payment.checkout_url == response.url

    # Reload, double click: the same page at Stripe, no second session.
    for _ in range(3):
        again = client.get(start_url(card_order))
        assert (again.status_code, again.url) == (303, response.url)
    assert len(stripe_api.calls("post", SESSIONS)) == 1
    assert CardPayment.objects.count() == 1


def test_an_english_order_gets_stripes_english_page(client, card_order, stripe_api):
    Order.objects.filter(pk=card_order.pk).update(language="en")
    card_order.refresh_from_db()
    client.get(start_url(card_order))
    [sent] = stripe_api.calls("post", SESSIONS)
    assert sent.params["locale"] == "en"
    assert sent.params["cancel_url"] == "http://testserver" + order_page(card_order, "en")
    assert sent.params["cancel_url"].startswith("http://testserver/en/")
    assert "parcel" in sent.params["line_items[0][price_data][product_data][name]"]


def test_someone_elses_order_is_404_and_nothing_happens(
    client, card_order, two_sellers, stripe_api
):
    other = order_create(two_sellers[0])
    parts_create(order=other, payment_method="card")
    for url in [
        start_url(card_order, other.verification_hash()),
        start_url(card_order, card_order.verification_hash() + "x"),
        start_url(card_order, "abc"),
        reverse(
            "payments:card-start",
            kwargs={"number": "999999", "hash": card_order.verification_hash()},
        ),
    ]:
        assert client.get(url).status_code == 404, url
    assert stripe_api.requests == []
    assert CardPayment.objects.count() == 0


def test_a_cash_order_has_no_card_page(client, two_sellers, stripe_api):
    order = order_create(*two_sellers)
    parts_create(order=order, payment_method="cod")
    assert client.get(start_url(order)).status_code == 404
    assert stripe_api.requests == []


def test_a_paid_order_goes_back_to_its_page(client, card_order, stripe_api):
    client.get(start_url(card_order))
    payment = CardPayment.objects.get()
    response = deliver(client, event_payload("event_checkout_session_completed", payment))
    assert response.status_code == 200
    again = client.get(start_url(card_order))
    assert again.status_code == 302 and again.url == order_page(card_order)
    assert len(stripe_api.requests) == 1


def test_stripe_refusing_keeps_the_order_and_says_so(client, card_order, stripe_api):
    stripe_api.fail_next("post", SESSIONS, "error_invalid_request")
    response = client.get(start_url(card_order))
    assert response.status_code == 302 and response.url == order_page(card_order)
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error" and "chưa bị trừ tiền" in message.message
    assert CardPayment.objects.count() == 0
    assert set(card_order.parts.values_list("status", flat=True)) == {"awaiting_payment"}

    # Trying again later works, under the same idempotency key (nothing was created).
    retry = client.get(start_url(card_order))
    assert retry.status_code == 303
    keys = [r.idempotency_key for r in stripe_api.calls("post", SESSIONS)]
    assert keys == [f"order-{card_order.number}-checkout-1"] * 2
    assert CardPayment.objects.get().status == "open"


def test_a_lapsed_session_is_closed_at_stripe_before_a_new_one(client, card_order, stripe_api):
    first = client.get(start_url(card_order)).url
    payment = CardPayment.objects.get()
    old_session = payment.checkout_session_id
    CardPayment.objects.update(expires_at=timezone.now() + datetime.timedelta(minutes=2))

    second = client.get(start_url(card_order))
    assert second.status_code == 303 and second.url != first
    assert [r.path for r in stripe_api.requests[1:]] == [
        f"{SESSIONS}/{old_session}",
        f"{SESSIONS}/{old_session}/expire",
        SESSIONS,
    ]
    assert stripe_api.requests[-1].idempotency_key == f"order-{card_order.number}-checkout-2"
    payment.refresh_from_db()
    assert payment.attempt == 2 and payment.checkout_session_id != old_session

    # Stripe then reports the old session expired: the order is not cancelled for it.
    stale = event_payload("event_checkout_session_expired", payment, id=old_session)
    assert deliver(client, stale).status_code == 200
    assert set(card_order.parts.values_list("status", flat=True)) == {"awaiting_payment"}
    payment.refresh_from_db()
    assert payment.status == "open"


def test_without_keys_the_card_page_says_so(client, card_order, stripe_api, settings):
    settings.STRIPE_SECRET_KEY = ""
    response = client.get(start_url(card_order))
    assert response.status_code == 302 and response.url == order_page(card_order)
    assert stripe_api.requests == []


def test_full_card_checkout_with_two_sellers(
    client, site_tree, two_sellers, stripe_api, django_capture_on_commit_callbacks
):
    to_payment_method(client, *two_sellers)
    assert client.post(reverse("checkout:payment-method"), {"method": "card"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert placed.status_code == 302 and placed.url == start_url(order)
    assert list(order.parts.values_list("status", "payment_method")) == [
        ("awaiting_payment", "card"),
        ("awaiting_payment", "card"),
    ]

    to_stripe = client.get(placed.url)
    assert to_stripe.status_code == 303
    assert to_stripe.url.startswith("https://checkout.stripe.com/c/pay/cs_test_")
    [sent] = stripe_api.calls("post", SESSIONS)
    assert sent.params["line_items[0][price_data][unit_amount]"] == "215000"
    payment = CardPayment.objects.get(order=order)
    assert payment.amount == order.total_incl_tax == 570000

    # The buyer comes back from Stripe: that proves nothing, the order still waits.
    client.get(order_page(order) + "?card=returned")
    assert set(order.parts.values_list("status", flat=True)) == {"awaiting_payment"}

    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(client, event_payload("event_checkout_session_completed", payment))
    assert response.status_code == 200
    assert list(order.parts.values_list("status", flat=True)) == ["placed", "placed"]
    assert all(order.parts.values_list("paid_at", flat=True))
    payment.refresh_from_db()
    assert (payment.status, payment.payment_intent_id) == ("paid", "pi_3QhZkB2eZvKYlo2C0c7Vd5Hy")
