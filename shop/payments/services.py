"""Every write about payments: Oscar's payment source type of each method, opening a card
payment at Stripe, what a paid, expired or refunded Stripe payment does to an order, and the
payouts staff record for what the platform owes each seller.

The card functions run inside the caller's transaction with the ``CardPayment`` row locked,
so two webhook deliveries at once, or a delivery racing a cancellation, change things once.
"""

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.order.services import PartChangeRefused, part_cancel, part_payment_received
from shop.payments import gateway
from shop.payments.methods import PaymentMethod
from shop.payments.models import CardPayment, CardRefund, SellerPayout, StripeEvent
from shop.payments.selectors import seller_balances

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
PaymentTerms = get_model("order", "PaymentTerms")
Partner = get_model("partner", "Partner")
SourceType = get_model("payment", "SourceType")

logger = logging.getLogger(__name__)


class RefundFailed(PartChangeRefused):
    """Stripe did not take the refund; the cancellation that asked for it is rolled back.
    A ``PartChangeRefused``, so every place that cancels parts shows the message."""


def payment_locked(*, order_id) -> CardPayment | None:
    return CardPayment.objects.select_for_update().filter(order_id=order_id).first()


def source_type_ensure(method: PaymentMethod):
    """Oscar's payment source type for ``method`` (an order's payment source names it), made
    when missing; returns it and whether it was made."""
    return SourceType.objects.get_or_create(
        code=method.code, defaults={"name": method.source_type_name}
    )


# --- Opening the card payment ----------------------------------------------------------------

# A session closing sooner than this is not worth sending the buyer to.
SESSION_MARGIN = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class CardStart:
    """What asking to pay an order by card came to: ``url``, Stripe's page to send the buyer
    to (``OPEN``), or why there is none."""

    OPEN = "open"  # a Checkout Session waits at ``url``
    PAID = "paid"  # the order's card payment has been received
    NOTHING_DUE = "nothing due"  # no card part of the order waits for a payment
    CONFIRMING = "confirming"  # Stripe has the payment; its webhook has not arrived yet
    FAILED = "failed"  # Stripe did not open a session; nothing was charged

    outcome: str
    url: str = ""


@transaction.atomic
def card_session_open(*, order, base_url: str) -> CardStart:
    """Stripe's payment page for the card parts of ``order`` still waiting for their money:
    the open session if it is still good for that amount, otherwise a new one (an older
    session still payable at Stripe is closed first, so that there is never one payable next
    to another). One order, one payment: the order row is locked, so a reload or a double
    click lands on the same session. ``base_url`` is the site's address the buyer comes back
    to. A Stripe error is logged and answered ``FAILED``; what was written before it stays."""
    Order.objects.select_for_update().get(pk=order.pk)  # double clicks wait here
    payment = CardPayment.objects.filter(order=order).first()
    if payment is not None and payment.status == CardPayment.Status.PAID:
        return CardStart(CardStart.PAID)
    due = list(
        order.parts.select_related("partner", "order").filter(
            status=OrderPart.Status.AWAITING_PAYMENT, payment_method=OrderPart.Payment.CARD
        )
    )
    if not due:
        return CardStart(CardStart.NOTHING_DUE)
    amount = sum((part.total for part in due), start=Decimal(0))
    now = timezone.now()
    if (
        payment is not None
        and payment.status == CardPayment.Status.OPEN
        and payment.checkout_url
        and payment.expires_at
        and payment.expires_at > now + SESSION_MARGIN
        and payment.amount == amount
    ):
        return CardStart(CardStart.OPEN, payment.checkout_url)

    try:
        if (
            payment is not None
            and payment.checkout_session_id
            and payment.status == CardPayment.Status.OPEN
        ):
            # Never leave an older session payable next to a new one.
            old = gateway.checkout_session_retrieve(payment.checkout_session_id)
            if old.status == "complete":
                return CardStart(CardStart.CONFIRMING)
            if old.status == "open":
                gateway.checkout_session_expire(payment.checkout_session_id)
            # Forget it, so its "expired" event is not taken for this order's end.
            payment.checkout_session_id, payment.checkout_url = None, ""
            payment.expires_at = None
            payment.save(update_fields=["checkout_session_id", "checkout_url", "expires_at"])
        attempt = (payment.attempt if payment is not None else 0) + 1
        lifetime = gateway.session_lifetime(PaymentTerms.current().cancel_after_hours)
        session = gateway.checkout_session_create(
            order, due, base_url=base_url, attempt=attempt, expires_at=now + lifetime
        )
    except stripe.StripeError as error:
        logger.error(
            "Stripe Checkout for order %s failed: %s (request %s)",
            order.number,
            error.user_message or error,
            error.request_id,
        )
        return CardStart(CardStart.FAILED)

    CardPayment.objects.update_or_create(
        order=order,
        defaults={
            "amount": amount,
            "currency": "VND",
            "status": CardPayment.Status.OPEN,
            "checkout_session_id": session.id,
            "checkout_url": session.url,
            "attempt": attempt,
            "session_created_at": now,
            "expires_at": datetime.datetime.fromtimestamp(session.expires_at, tz=datetime.UTC)
            if session.expires_at
            else now + lifetime,
        },
    )
    logger.info("Order %s: Stripe Checkout %s opened (try %d)", order.number, session.id, attempt)
    return CardStart(CardStart.OPEN, session.url)


# --- Refunds --------------------------------------------------------------------------------


def part_refund(part) -> CardRefund | None:
    """Give back a cancelled, paid card part's money (called inside ``part_cancel``'s
    transaction, by this app's receiver of ``shop.order.signals.part_cancelled``).

    One Stripe refund per part, keyed ``refund-part-<pk>`` so a retried call can never refund
    twice. When Stripe refuses, ``RefundFailed`` rolls the cancellation back.
    """
    payment = payment_locked(order_id=part.order_id)
    existing = CardRefund.objects.filter(part_id=part.pk).first()
    if existing is not None:
        return existing
    amount = part.total - part.refunded_amount
    if amount <= 0:
        return None
    if payment is None or not payment.payment_intent_id:
        logger.error("Refund for part %s: no card payment with a payment intent", part.code)
        raise RefundFailed(
            _(
                "The card payment for %(code)s cannot be found, so it could not "
                "be refunded and the part was not cancelled. Please contact us."
            )
            % {"code": part.code}
        )
    try:
        refund = gateway.refund_create(
            payment_intent=payment.payment_intent_id,
            amount=amount,
            idempotency_key=f"refund-part-{part.pk}",
            metadata={"order_number": part.order.number, "order_part": part.code},
        )
    except stripe.StripeError as error:
        logger.error(
            "Stripe refused the refund of %s ₫ for part %s: %s (request %s)",
            amount,
            part.code,
            error.user_message or error,
            error.request_id,
        )
        raise RefundFailed(
            _(
                "The card refund for %(code)s did not go through, so the part "
                "was not cancelled. Please try again in a few minutes or "
                "contact us."
            )
            % {"code": part.code}
        ) from error
    record = CardRefund.objects.create(
        payment=payment,
        part=part,
        amount=amount,
        stripe_refund_id=refund.id,
        status=refund.status or "",
    )
    part.refunded_amount = part.refunded_amount + amount
    OrderPart.objects.filter(pk=part.pk).update(refunded_amount=F("refunded_amount") + amount)
    logger.info("Refunded %s ₫ for cancelled part %s (%s)", amount, part.code, refund.id)
    return record


def _payment_refund_rest(payment, *, payment_intent_id: str, amount: Decimal, reason: str):
    """Give back money no part stands for (a second payment, or a leftover)."""
    refund = gateway.refund_create(
        payment_intent=payment_intent_id,
        amount=amount,
        idempotency_key=f"refund-{payment_intent_id}-{reason}",
        metadata={"order_number": payment.order.number, "reason": reason},
    )
    CardRefund.objects.create(
        payment=payment,
        part=None,
        amount=amount,
        stripe_refund_id=refund.id,
        status=refund.status or "",
    )
    logger.warning(
        "Refunded %s ₫ of %s for order %s: %s",
        amount,
        payment_intent_id,
        payment.order.number,
        reason,
    )


# --- What Stripe's events do ----------------------------------------------------------------


def payment_paid(payment: CardPayment, *, payment_intent_id: str, paid_at=None) -> str:
    """Stripe has the money: parts waiting for it go to their sellers; parts cancelled
    meanwhile (by the buyer, or unpaid in time) are refunded, so there is never a payment
    without an order. ``payment`` must be locked. Returns what happened, for the log."""
    paid_at = paid_at or timezone.now()
    if payment.status == CardPayment.Status.PAID:
        if (
            payment.payment_intent_id
            and payment_intent_id
            and payment.payment_intent_id != payment_intent_id
        ):
            # A second, different payment for an order already paid: give it back whole.
            _payment_refund_rest(
                payment,
                payment_intent_id=payment_intent_id,
                amount=payment.amount,
                reason="second-payment",
            )
            return "second payment refunded"
        if not payment.payment_intent_id and payment_intent_id:
            payment.payment_intent_id = payment_intent_id
            payment.save(update_fields=["payment_intent_id"])
        return "already paid"

    payment.status = CardPayment.Status.PAID
    payment.payment_intent_id = payment_intent_id or payment.payment_intent_id
    payment.paid_at = paid_at
    payment.save(update_fields=["status", "payment_intent_id", "paid_at"])

    covered = payment.order.parts.select_related("order", "partner").filter(
        payment_method=OrderPart.Payment.CARD
    )
    if payment.session_created_at:
        # Parts cancelled before this session was made were not in its amount.
        covered = covered.exclude(
            status=OrderPart.Status.CANCELLED, cancelled_at__lt=payment.session_created_at
        )
    placed = refunded = 0
    for part in covered:
        if part.status == OrderPart.Status.AWAITING_PAYMENT:
            part_payment_received(part, paid_at=paid_at)
            placed += 1
        elif part.status == OrderPart.Status.CANCELLED and not part.paid_at:
            OrderPart.objects.filter(pk=part.pk).update(paid_at=paid_at)
            part.paid_at = paid_at
            part_refund(part)
            refunded += 1
    if refunded:
        logger.warning(
            "Card payment for order %s arrived after %d part(s) were cancelled: "
            "refunded those parts",
            payment.order.number,
            refunded,
        )
    return f"paid: {placed} part(s) placed, {refunded} refunded"


def payment_expired(payment: CardPayment) -> str:
    """Stripe closed the session unpaid: the parts still waiting are cancelled and their
    stock returns. ``payment`` must be locked."""
    if payment.status != CardPayment.Status.OPEN:
        return f"ignored: payment is {payment.status}"
    payment.status = CardPayment.Status.EXPIRED
    payment.save(update_fields=["status"])
    cancelled = 0
    for part in payment.order.parts.filter(
        status=OrderPart.Status.AWAITING_PAYMENT, payment_method=OrderPart.Payment.CARD
    ):
        part_cancel(part, by=OrderPart.CancelledBy.SYSTEM)
        cancelled += 1
    return f"expired: {cancelled} part(s) cancelled"


# --- Stripe's webhook events -----------------------------------------------------------------

PAID_SESSION = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
PAID_INTENT = ("payment_intent.succeeded",)
EXPIRED_SESSION = ("checkout.session.expired",)


class EventRefused(Exception):
    """The event cannot be applied (unknown order, amount tampered): nothing changes."""


def event_order_number(obj: dict) -> str:
    """The order a Stripe session or payment intent is for, as our sessions name it."""
    metadata = obj.get("metadata") or {}
    return str(metadata.get("order_number") or obj.get("client_reference_id") or "")


def payment_amount_check(payment: CardPayment, obj: dict, amount_field: str) -> None:
    """Refuse a Stripe object whose amount or currency is not the payment's."""
    amount, currency = obj.get(amount_field), str(obj.get("currency") or "").lower()
    if (
        currency != gateway.CURRENCY
        or not isinstance(amount, int)
        or amount != gateway.stripe_amount(payment.amount)
    ):
        raise EventRefused(
            f"amount {amount!r} {currency!r} is not the payment's {payment.amount:.0f} vnd"
        )


def _paid_at(event: dict) -> datetime.datetime:
    created = event.get("created")
    if isinstance(created, int):
        return datetime.datetime.fromtimestamp(created, tz=datetime.UTC)
    return timezone.now()


def _event_effect(event: dict) -> str:
    """What one verified event does, inside the current transaction; returns what it did."""
    kind = event["type"]
    obj = (event.get("data") or {}).get("object") or {}
    if kind not in PAID_SESSION + PAID_INTENT + EXPIRED_SESSION:
        return "not handled"
    if kind in PAID_SESSION and obj.get("payment_status") != "paid":
        return "session complete, payment not yet received"  # a later event says paid

    number = event_order_number(obj)
    payment = None
    if kind in PAID_INTENT and obj.get("id"):
        payment = CardPayment.objects.filter(payment_intent_id=obj["id"]).first()
    if payment is None and number:
        payment = CardPayment.objects.filter(order__number=number).first()
    if payment is None:
        raise EventRefused(f"no card payment for order {number!r}")
    payment = payment_locked(order_id=payment.order_id)  # waits for a concurrent delivery
    if StripeEvent.objects.filter(event_id=event["id"]).exists():
        return "duplicate"

    if kind in PAID_INTENT:
        payment_amount_check(payment, obj, "amount_received")
        return payment_paid(payment, payment_intent_id=obj["id"], paid_at=_paid_at(event))

    if obj.get("id") != payment.checkout_session_id:
        if kind in EXPIRED_SESSION:
            return "an earlier session of this order expired: nothing to do"
        logger.warning(
            "Order %s paid through an earlier Checkout Session %s", number, obj.get("id")
        )
    payment_amount_check(payment, obj, "amount_total")
    if kind in EXPIRED_SESSION:
        return payment_expired(payment)
    intent = obj.get("payment_intent")
    intent_id = intent.get("id") if isinstance(intent, dict) else intent
    return payment_paid(payment, payment_intent_id=intent_id or "", paid_at=_paid_at(event))


@transaction.atomic
def stripe_event_apply(event: dict) -> str:
    """Apply one verified Stripe event exactly once and return what it did ("duplicate" when
    it was applied already). Its ``StripeEvent`` row (unique event id) is written in the same
    transaction as its effect, after the order's ``CardPayment`` row is locked, so a duplicate,
    a replay or two deliveries at the same moment change things once; a delivery that loses
    the race to commit raises ``IntegrityError``. Raises ``EventRefused`` for an event that
    cannot be applied (nothing changes), ``RefundFailed`` or a Stripe error when a refund it
    calls for did not go through (everything rolls back, so Stripe's next delivery retries)."""
    outcome = _event_effect(event)
    if outcome != "duplicate":
        StripeEvent.objects.create(event_id=str(event["id"]), type=str(event["type"])[:64])
    return outcome


# --- Payouts to sellers -----------------------------------------------------------------------


class PayoutRefused(Exception):
    """The payout cannot be recorded; the message is for the user."""


@transaction.atomic
def payout_record(*, partner, amount: Decimal, reference: str, user) -> SellerPayout:
    """Record money passed on to a seller; never more than the platform owes it."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)  # one payout at a time
    if amount <= 0:
        raise PayoutRefused(_("The amount must be more than 0 ₫."))
    balance = seller_balances([partner])[0]
    if amount > balance.owed:
        raise PayoutRefused(
            _(
                "%(seller)s is owed %(owed)s; a payout of %(amount)s is more than that. "
                "Nothing was recorded."
            )
            % {
                "seller": partner.name,
                "owed": currency(balance.owed, "VND"),
                "amount": currency(amount, "VND"),
            }
        )
    payout = SellerPayout.objects.create(
        partner=partner, amount=amount, reference=reference.strip(), created_by=user
    )
    logger.info("Payout of %s ₫ to %s recorded (%s)", amount, partner.name, reference)
    return payout
