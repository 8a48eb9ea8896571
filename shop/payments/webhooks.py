"""Stripe's webhook: the only thing that marks a card order paid (the browser's return proves
nothing).

Each delivery is checked against ``settings.STRIPE_WEBHOOK_SECRET`` by the stripe library
(HMAC-SHA256 over ``"<t>.<body>"``, at most 5 minutes old); anything else is answered 400 and
changes nothing. An event is applied exactly once (``shop.payments.services.stripe_event_apply``):
its ``StripeEvent`` row (unique event id) is written in the same transaction as its effect,
after the order's ``CardPayment`` row is locked, so a duplicate, a replay or two deliveries at
the same moment change things once. Events refer to the order by number (metadata and ``client_reference_id``); an amount or
currency that is not the payment's, or an order we do not know, is refused (400), logged, and
nothing changes. Event types we do not act on are recorded and answered 200.
"""

import logging

import stripe
from django.conf import settings
from django.db import IntegrityError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.payments.services import EventRefused, RefundFailed, stripe_event_apply

logger = logging.getLogger(__name__)


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
        outcome = stripe_event_apply(event)
    except EventRefused as error:
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
