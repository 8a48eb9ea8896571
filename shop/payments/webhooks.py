"""Stripe's webhook: the only thing that marks a card order paid (the browser's return proves
nothing).

Each delivery is checked against ``settings.STRIPE_WEBHOOK_SECRET`` by the stripe library
(HMAC-SHA256 over ``"<t>.<body>"``, at most 5 minutes old); anything else is answered 400 and
changes nothing. An event is applied exactly once: its ``StripeEvent`` row (unique event id)
is written in the same transaction as its effect, after the order's ``CardPayment`` row is
locked, so a duplicate, a replay or two deliveries at the same moment change things once.
Events refer to the order by number (metadata and ``client_reference_id``); an amount or
currency that is not the payment's, or an order we do not know, is refused (400), logged, and
nothing changes. Event types we do not act on are recorded and answered 200.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.payments import gateway
from shop.payments.models import CardPayment, StripeEvent
from shop.payments.services import RefundFailed, payment_expired, payment_locked, payment_paid

logger = logging.getLogger(__name__)

PAID_SESSION = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
PAID_INTENT = ("payment_intent.succeeded",)
EXPIRED_SESSION = ("checkout.session.expired",)


class Refused(Exception):
    """The event cannot be applied (unknown order, amount tampered): 400, nothing changes."""


def _order_number(obj: dict) -> str:
    metadata = obj.get("metadata") or {}
    return str(metadata.get("order_number") or obj.get("client_reference_id") or "")


def _check_amount(payment: CardPayment, obj: dict, amount_field: str) -> None:
    amount, currency = obj.get(amount_field), str(obj.get("currency") or "").lower()
    if (
        currency != gateway.CURRENCY
        or not isinstance(amount, int)
        or amount != gateway.stripe_amount(payment.amount)
    ):
        raise Refused(
            f"amount {amount!r} {currency!r} is not the payment's {payment.amount:.0f} vnd"
        )


def _paid_at(event: dict) -> datetime.datetime:
    created = event.get("created")
    if isinstance(created, int):
        return datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
    return timezone.now()


def _apply(event: dict) -> str:
    """Apply one verified event inside the current transaction; returns what it did."""
    kind = event["type"]
    obj = (event.get("data") or {}).get("object") or {}
    if kind not in PAID_SESSION + PAID_INTENT + EXPIRED_SESSION:
        return "not handled"
    if kind in PAID_SESSION and obj.get("payment_status") != "paid":
        return "session complete, payment not yet received"  # a later event says paid

    number = _order_number(obj)
    payment = None
    if kind in PAID_INTENT and obj.get("id"):
        payment = CardPayment.objects.filter(payment_intent_id=obj["id"]).first()
    if payment is None and number:
        payment = CardPayment.objects.filter(order__number=number).first()
    if payment is None:
        raise Refused(f"no card payment for order {number!r}")
    payment = payment_locked(order_id=payment.order_id)  # waits for a concurrent delivery
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return "duplicate"

    if kind in PAID_INTENT:
        _check_amount(payment, obj, "amount_received")
        return payment_paid(payment, payment_intent_id=obj["id"], paid_at=_paid_at(event))

    if obj.get("id") != payment.checkout_session_id:
        if kind in EXPIRED_SESSION:
            return "an earlier session of this order expired: nothing to do"
        logger.warning(
            "Order %s paid through an earlier Checkout Session %s", number, obj.get("id")
        )
    _check_amount(payment, obj, "amount_total")
    if kind in EXPIRED_SESSION:
        return payment_expired(payment)
    intent = obj.get("payment_intent")
    intent_id = intent.get("id") if isinstance(intent, dict) else intent
    return payment_paid(payment, payment_intent_id=intent_id or "", paid_at=_paid_at(event))


@csrf_exempt
@require_POST
def stripe_webhook(request):
    payload = request.body
    try:
        event = stripe.Webhook.construct_event(
            payload, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET
        )
    except stripe.SignatureVerificationError as error:
        logger.warning("Stripe webhook refused: bad signature (%s)", error.user_message or error)
        return HttpResponse("bad signature", status=400)
    except ValueError as error:  # not JSON, or not an event
        logger.warning("Stripe webhook refused: unreadable body (%s)", error)
        return HttpResponse("bad payload", status=400)

    event = event.to_dict()
    event_id, kind = str(event.get("id") or ""), str(event.get("type") or "")
    if not event_id or not kind:
        logger.warning("Stripe webhook refused: event without id or type")
        return HttpResponse("bad event", status=400)
    try:
        with transaction.atomic():
            outcome = _apply(event)
            if outcome != "duplicate":
                StripeEvent.objects.create(event_id=event_id, type=kind[:64])
    except Refused as error:
        logger.warning("Stripe event %s (%s) refused, nothing changed: %s", event_id, kind, error)
        return HttpResponse("refused", status=400)
    except IntegrityError:
        # The same event, applied by a delivery that committed first.
        outcome = "duplicate"
    except (stripe.StripeError, RefundFailed) as error:
        # A refund Stripe did not take: roll back and let Stripe deliver the event again.
        logger.error("Stripe event %s (%s) not applied, a refund failed: %s", event_id, kind, error)
        return HttpResponse("try again", status=503)
    except Exception:
        logger.exception("Stripe event %s (%s) not applied", event_id, kind)
        return HttpResponse("try again", status=503)
    if outcome == "duplicate":
        logger.info("Stripe event %s (%s) already applied", event_id, kind)
    else:
        logger.info("Stripe event %s (%s): %s", event_id, kind, outcome)
    return HttpResponse("ok")
