"""The nightly check that card money and orders agree.

Every Stripe Checkout Session of the last days that carries one of our order numbers (in its
metadata or ``client_reference_id``, as the webhook reads them) is compared with the order's
``CardPayment``:

- Stripe has the money, our payment does not know it (a webhook was missed): it is applied
  now through the webhook's own service, ``payment_paid``, with the row locked as the webhook
  locks it, after the same amount check. Parts waiting for it are placed and the buyer is
  told; parts cancelled meanwhile are refunded. Counted as ``recovered``.
- Stripe has money for an order we do not have, or with no card payment: nothing is done
  automatically (staff decide: refund it, or attach it); logged as an error and counted as
  ``paid_without_order``. So is a second payment for an order already paid that was not
  given back.
- Our payment says paid but no paid session of Stripe's stands for it: logged as an error and
  counted as ``order_without_payment``; the order is never changed automatically.
- A paid session whose amount is not the payment's is refused, as the webhook refuses it:
  ``amount_mismatch``.

Everything else is ``matched``. Running twice changes nothing the second time: a recovered
payment is "paid" with Stripe's payment intent, so it matches; a late webhook delivery for it
finds it paid ("already paid") and does nothing either.
"""

import datetime
import logging
from dataclasses import asdict, dataclass, field

import stripe
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from shop.payments import gateway
from shop.payments.models import CardPayment
from shop.payments.services import (
    EventRefused,
    RefundFailed,
    event_order_number,
    payment_amount_check,
    payment_locked,
    payment_paid,
)

Order = get_model("order", "Order")

logger = logging.getLogger(__name__)

# Stripe closes a session within 24 hours, and retries a webhook for three days: three days
# back covers every session whose payment could still be missing here, night after night.
DEFAULT_WINDOW = datetime.timedelta(days=3)
PAGE_SIZE = 100  # Stripe's largest page
REFUNDED = ("pending", "succeeded")  # refund statuses that give the money back


@dataclass
class ReconcileReport:
    since: datetime.datetime
    enabled: bool = True  # False: no Stripe key, nothing was looked at
    sessions: int = 0  # Checkout Sessions of ours that Stripe listed
    matched: int = 0  # orders where Stripe and we agree
    recovered: int = 0  # paid on Stripe, missed here, applied now
    paid_without_order: int = 0  # money on Stripe that no order here stands for
    order_without_payment: int = 0  # paid here, no paid session on Stripe
    amount_mismatch: int = 0  # paid on Stripe, but not the payment's amount
    failed: int = 0  # could not be checked or applied now (Stripe error, refund refused)
    problems: list[str] = field(default_factory=list)

    @property
    def unresolved(self) -> int:
        """Mismatches that need a person (or, for ``failed``, the next run)."""
        return (
            self.paid_without_order
            + self.order_without_payment
            + self.amount_mismatch
            + self.failed
        )

    def summary(self) -> str:
        if not self.enabled:
            return "skipped: STRIPE_SECRET_KEY is not set"
        return (
            f"{self.sessions} session(s) since {self.since:%Y-%m-%d %H:%M %Z}: "
            f"{self.matched} matched, {self.recovered} recovered, "
            f"{self.paid_without_order} paid without order, "
            f"{self.order_without_payment} order without payment, "
            f"{self.amount_mismatch} amount mismatch, {self.failed} failed"
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        data["since"] = self.since.isoformat()
        data["unresolved"] = self.unresolved
        return data


def _problem(report: ReconcileReport, kind: str, message: str) -> None:
    setattr(report, kind, getattr(report, kind) + 1)
    report.problems.append(f"{kind.replace('_', ' ')}: {message}")
    logger.error("Card payment reconciliation, %s: %s", kind.replace("_", " "), message)


def _is_paid(session: dict) -> bool:
    return session.get("payment_status") == "paid"


def _intent_id(session: dict) -> str:
    intent = session.get("payment_intent")
    return str((intent.get("id") if isinstance(intent, dict) else intent) or "")


def _money(session: dict) -> str:
    return f"{session.get('amount_total')} {session.get('currency')}"


# --- Stripe's side --------------------------------------------------------------------------


def _our_sessions(since: datetime.datetime) -> dict[str, list[dict]]:
    """Stripe's Checkout Sessions created since ``since``, by our order number (newest first);
    sessions without an order number (a Payment Link, another integration) are not ours."""
    listing = gateway.client().v1.checkout.sessions.list(
        {"created": {"gte": int(since.timestamp())}, "limit": PAGE_SIZE}
    )
    by_number: dict[str, list[dict]] = {}
    for session in listing.auto_paging_iter():
        data = session.to_dict()
        number = event_order_number(data)
        if number:
            by_number.setdefault(number, []).append(data)
    return by_number


def _paid_on_stripe(payment: CardPayment) -> bool:
    """Is there a paid session for ``payment`` outside the listed window? (It was paid through
    a session made before ``since``.) Looked up by its payment intent, else its session."""
    number = str(payment.order.number)
    if payment.payment_intent_id:
        found = gateway.client().v1.checkout.sessions.list(
            {"payment_intent": payment.payment_intent_id, "limit": 1}
        )
        return any(
            _is_paid(s) and event_order_number(s) == number
            for s in (session.to_dict() for session in found.data)
        )
    if payment.checkout_session_id:
        try:
            session = gateway.checkout_session_retrieve(payment.checkout_session_id).to_dict()
        except stripe.InvalidRequestError:  # no such session
            return False
        return _is_paid(session) and event_order_number(session) == number
    return False


def _refunded(intent_id: str) -> int:
    refunds = gateway.client().v1.refunds.list({"payment_intent": intent_id, "limit": PAGE_SIZE})
    return sum(
        int(refund.amount or 0)
        for refund in refunds.auto_paging_iter()
        if refund.status in REFUNDED
    )


# --- One order ------------------------------------------------------------------------------


def _recover(payment: CardPayment, session: dict, report: ReconcileReport) -> None:
    """Apply a paid session the webhook never delivered, exactly as the webhook would."""
    number = payment.order.number
    try:
        payment_amount_check(payment, session, "amount_total")
    except EventRefused as error:
        _problem(
            report,
            "amount_mismatch",
            f"order {number}: Stripe session {session['id']} is paid but {error}; "
            f"nothing was changed",
        )
        return
    try:
        with transaction.atomic():
            locked = payment_locked(order_id=payment.order_id)  # waits for a webhook delivery
            outcome = None
            if locked.status != CardPayment.Status.PAID:
                outcome = payment_paid(
                    locked, payment_intent_id=_intent_id(session), paid_at=timezone.now()
                )
    except (RefundFailed, stripe.StripeError) as error:
        _problem(
            report,
            "failed",
            f"order {number}: Stripe session {session['id']} is paid but applying it "
            f"failed ({error}); nothing was changed, the next run tries again",
        )
        return
    if outcome is None:  # the webhook got there first
        report.matched += 1
        return
    report.recovered += 1
    logger.warning(
        "Card payment reconciliation: order %s was paid through Stripe session %s "
        "but no webhook told us; applied now: %s",
        number,
        session["id"],
        outcome,
    )


def _second_payment_check(payment: CardPayment, session: dict, report: ReconcileReport) -> None:
    """A paid session other than the one that paid the order: fine if it went back whole
    (the webhook refunds a second payment), otherwise money no order stands for."""
    intent = _intent_id(session)
    refunded = _refunded(intent) if intent else 0
    amount = int(session.get("amount_total") or 0)
    if refunded >= amount:
        return
    _problem(
        report,
        "paid_without_order",
        f"order {payment.order.number} was paid twice: Stripe session {session['id']} "
        f"({intent or 'no payment intent'}) took {_money(session)} more and "
        f"{refunded} went back; refund the rest in Stripe",
    )


def _order_reconcile(
    number: str, sessions: list[dict], payment: CardPayment | None, report: ReconcileReport
) -> None:
    paid = [s for s in sessions if _is_paid(s)]

    if payment is None:
        if not paid:
            report.matched += 1  # nothing paid, nothing to pay for
            return
        what = (
            "has no card payment"
            if Order.objects.filter(number=number).exists()
            else "does not exist here"
        )
        for session in paid:
            _problem(
                report,
                "paid_without_order",
                f"Stripe session {session['id']} ({_intent_id(session)}) took "
                f"{_money(session)} for order {number}, which {what}; "
                f"refund it in Stripe or settle it by hand",
            )
        return

    if payment.status != CardPayment.Status.PAID:
        if not paid:
            report.matched += 1
            return
        # The current session first; an earlier one paid is applied as the webhook does.
        paid.sort(key=lambda s: s["id"] != payment.checkout_session_id)
        session = paid[0]
        _recover(payment, session, report)
        payment.refresh_from_db()
        if payment.status != CardPayment.Status.PAID:
            return
    else:
        own = [
            s
            for s in paid
            if not payment.payment_intent_id or _intent_id(s) == payment.payment_intent_id
        ]
        if own or _paid_on_stripe(payment):
            report.matched += 1
        else:
            intent = payment.payment_intent_id or "no payment intent"
            _problem(
                report,
                "order_without_payment",
                f"order {number} is paid here ({intent}, {payment.amount:.0f} ₫, "
                f"session {payment.checkout_session_id}) but Stripe has no paid session "
                f"for it; nothing was changed, check it in Stripe",
            )

    if payment.payment_intent_id:
        for session in paid:
            if _intent_id(session) != payment.payment_intent_id:
                _second_payment_check(payment, session, report)


def card_payments_reconcile(*, since: datetime.datetime | None = None) -> ReconcileReport:
    """Compare Stripe's Checkout Sessions created since ``since`` (default: three days ago)
    with our card payments, apply payments whose webhook was missed, report the rest."""
    since = since or timezone.now() - DEFAULT_WINDOW
    report = ReconcileReport(since=timezone.localtime(since))
    if not settings.STRIPE_SECRET_KEY:
        report.enabled = False
        logger.warning("Card payment reconciliation skipped: STRIPE_SECRET_KEY is not set")
        return report

    stripe_side = _our_sessions(since)
    report.sessions = sum(len(group) for group in stripe_side.values())
    paid_here = Q(status=CardPayment.Status.PAID) & (
        Q(session_created_at__gte=since) | Q(paid_at__gte=since)
    )
    payments = {
        str(p.order.number): p
        for p in CardPayment.objects.select_related("order").filter(
            Q(order__number__in=list(stripe_side)) | paid_here
        )
    }
    for number in sorted(set(stripe_side) | set(payments)):
        try:
            _order_reconcile(number, stripe_side.get(number, []), payments.get(number), report)
        except stripe.StripeError as error:  # one order's look-up failed; the others go on
            _problem(report, "failed", f"order {number}: Stripe could not be asked ({error})")
    return report
