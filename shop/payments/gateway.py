"""The only place that talks to Stripe.

A ``stripe.StripeClient`` is built from ``settings.STRIPE_SECRET_KEY`` for each call. Its HTTP
layer is Stripe's own ``HTTPClient`` interface: production uses the library's default, and
tests swap in one that answers with recorded Stripe API responses (``use_http_client``), so
the real library builds every request and parses every answer and no test touches the
network.

VND is a zero-decimal currency for Stripe: ``unit_amount=1250000`` is 1.250.000 ₫, so the
whole-đồng Decimals of the order parts go over as plain integers.
"""

import contextlib
import datetime
from decimal import Decimal

import stripe
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

CURRENCY = "vnd"
# Stripe closes a Checkout Session between 30 minutes and 24 hours after it is made.
SESSION_MIN = datetime.timedelta(minutes=30)
SESSION_MAX = datetime.timedelta(hours=23, minutes=55)  # a little under 24 h: clock skew
NETWORK_RETRIES = 2  # same idempotency key on every retry, so a retry never pays twice

_http_client: "stripe.HTTPClient | None" = None


@contextlib.contextmanager
def use_http_client(http_client):
    """Send every Stripe request of the block through ``http_client`` (tests)."""
    global _http_client
    previous, _http_client = _http_client, http_client
    try:
        yield http_client
    finally:
        _http_client = previous


def client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, http_client=_http_client, max_network_retries=NETWORK_RETRIES
    )


def stripe_amount(amount: Decimal) -> int:
    """Whole đồng as Stripe's integer amount; refuses anything with a fraction."""
    if amount != amount.to_integral_value() or amount < 0:
        raise ValueError(f"not a whole, non-negative đồng amount: {amount}")
    return int(amount)


def stripe_locale(language: str) -> str:
    return "en" if (language or "").lower().startswith("en") else "vi"


def session_lifetime(cancel_after_hours: int) -> datetime.timedelta:
    """As long as the admin lets an order wait for payment, inside Stripe's window."""
    wanted = datetime.timedelta(hours=cancel_after_hours)
    return max(SESSION_MIN, min(SESSION_MAX, wanted))


def order_page_path(order) -> str:
    """The buyer's order page in the language the buyer ordered in."""
    with translation.override(stripe_locale(order.language)):
        return reverse(
            "orders:detail", kwargs={"number": str(order.number), "hash": order.verification_hash()}
        )


def checkout_session_create(
    order, parts, *, base_url: str, attempt: int, expires_at: datetime.datetime
):
    """Open a Stripe Checkout Session for ``parts`` of ``order`` (one line per parcel).

    The amount comes from the parts alone. The idempotency key is tied to the order and the
    try, so a retried or repeated request for the same try gets the same session back.
    """
    language = stripe_locale(order.language)
    order_url = base_url.rstrip("/") + order_page_path(order)
    with translation.override(language):
        line_items = [
            {
                "quantity": 1,
                "price_data": {
                    "currency": CURRENCY,
                    "unit_amount": stripe_amount(part.total),
                    "product_data": {
                        "name": gettext("%(seller)s – parcel %(code)s")
                        % {"seller": part.partner.name, "code": part.code},
                    },
                },
            }
            for part in parts
        ]
        description = gettext("Order %(number)s") % {"number": str(order.number)}
    params = {
        "mode": "payment",
        "payment_method_types": ["card"],
        "line_items": line_items,
        "client_reference_id": str(order.number),
        "metadata": {"order_number": str(order.number)},
        "payment_intent_data": {
            "metadata": {"order_number": str(order.number)},
            "description": description,
        },
        "locale": language,
        "success_url": f"{order_url}?card=returned",
        "cancel_url": order_url,
        "expires_at": int(expires_at.timestamp()),
    }
    if order.email:
        params["customer_email"] = order.email
    return client().v1.checkout.sessions.create(
        params, {"idempotency_key": f"order-{order.number}-checkout-{attempt}"}
    )


def checkout_session_retrieve(session_id: str):
    return client().v1.checkout.sessions.retrieve(session_id)


def checkout_session_expire(session_id: str):
    return client().v1.checkout.sessions.expire(session_id)


def refund_create(*, payment_intent: str, amount: Decimal, idempotency_key: str, metadata: dict):
    return client().v1.refunds.create(
        {"payment_intent": payment_intent, "amount": stripe_amount(amount), "metadata": metadata},
        {"idempotency_key": idempotency_key},
    )
