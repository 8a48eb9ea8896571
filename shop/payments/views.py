"""Buyer: from a placed card order to Stripe's payment page. Dashboard: what the platform owes
each seller for card sales, and the payouts staff record."""

import datetime
import logging
from decimal import Decimal

import stripe
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.order.models import PaymentTerms
from shop.payments import gateway
from shop.payments.forms import PayoutForm
from shop.payments.methods import card_payments_enabled
from shop.payments.models import CardPayment
from shop.payments.selectors import owed_overview, sellers_for
from shop.payments.services import PayoutRefused, payout_record

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Partner = get_model("partner", "Partner")

logger = logging.getLogger(__name__)

ZERO = Decimal(0)

# A session closing sooner than this is not worth sending the buyer to.
SESSION_MARGIN = datetime.timedelta(minutes=5)


def _order_for_buyer(number: str, hash: str):
    """The order the link is for; anything else is a 404, as for a stranger's order."""
    order = Order.objects.filter(number=number).first()
    if order is None or not order.check_verification_hash(hash):
        raise Http404
    return order


def _order_page(order):
    return redirect(gateway.order_page_path(order))


@require_GET
def card_start(request, number, hash):
    """Send the buyer to Stripe's page for the order: the open session if there is one,
    otherwise a new one. One order, one payment: a reload or a double click lands on the same
    session, and a paid order goes back to its page."""
    order = _order_for_buyer(number, hash)
    if not order.parts.filter(payment_method=OrderPart.Payment.CARD).exists():
        raise Http404
    if not card_payments_enabled():
        messages.error(
            request,
            _(
                "Card payments are not available at the moment. Your order "
                "is kept; please try again later or contact us."
            ),
        )
        return _order_page(order)

    with transaction.atomic():
        Order.objects.select_for_update().get(pk=order.pk)  # double clicks wait here
        payment = CardPayment.objects.filter(order=order).first()
        if payment is not None and payment.status == CardPayment.Status.PAID:
            messages.info(request, _("Your card payment for this order has been received."))
            return _order_page(order)
        due = list(
            order.parts.select_related("partner", "order").filter(
                status=OrderPart.Status.AWAITING_PAYMENT, payment_method=OrderPart.Payment.CARD
            )
        )
        if not due:
            messages.info(request, _("Nothing in this order is waiting for a card payment."))
            return _order_page(order)
        amount = sum((part.total for part in due), start=ZERO)
        now = timezone.now()
        if (
            payment is not None
            and payment.status == CardPayment.Status.OPEN
            and payment.checkout_url
            and payment.expires_at
            and payment.expires_at > now + SESSION_MARGIN
            and payment.amount == amount
        ):
            return HttpResponseRedirect(payment.checkout_url, status=303)

        try:
            if (
                payment is not None
                and payment.checkout_session_id
                and payment.status == CardPayment.Status.OPEN
            ):
                # Never leave an older session payable next to a new one.
                old = gateway.checkout_session_retrieve(payment.checkout_session_id)
                if old.status == "complete":
                    messages.info(
                        request,
                        _(
                            "Your card payment is being confirmed; this page "
                            "will show it in a moment."
                        ),
                    )
                    return _order_page(order)
                if old.status == "open":
                    gateway.checkout_session_expire(payment.checkout_session_id)
                # Forget it, so its "expired" event is not taken for this order's end.
                payment.checkout_session_id, payment.checkout_url = None, ""
                payment.expires_at = None
                payment.save(update_fields=["checkout_session_id", "checkout_url", "expires_at"])
            attempt = (payment.attempt if payment is not None else 0) + 1
            lifetime = gateway.session_lifetime(PaymentTerms.current().cancel_after_hours)
            session = gateway.checkout_session_create(
                order,
                due,
                base_url=request.build_absolute_uri("/"),
                attempt=attempt,
                expires_at=now + lifetime,
            )
        except stripe.StripeError as error:
            logger.error(
                "Stripe Checkout for order %s failed: %s (request %s)",
                order.number,
                error.user_message or error,
                error.request_id,
            )
            messages.error(
                request,
                _(
                    "We could not open the card payment page. Nothing was "
                    "charged and your order is kept; please try again in a "
                    "few minutes or contact us."
                ),
            )
            return _order_page(order)

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
    return HttpResponseRedirect(session.url, status=303)


# --- Dashboard ------------------------------------------------------------------------------


class OwedView(LoginRequiredMixin, generic.TemplateView):
    """Per seller: card sales the platform collected, refunds, payouts and the balance owed.
    Staff see every seller and record payouts; a seller sees only its own row."""

    template_name = "payments/dashboard/owed.html"

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not request.user.is_staff
            and not sellers_for(request.user).exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(owed_overview(self.request.user))
        balances = ctx["balances"]
        if self.request.user.is_staff:
            ctx["form"] = form or PayoutForm(partners=[b.partner for b in balances if b.owed > 0])
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        form = PayoutForm(request.POST, partners=Partner.objects.all())
        if not form.is_valid():
            messages.error(request, _("The payout was not recorded; please correct the form."))
            return self.render_to_response(self.get_context_data(form=form), status=200)
        data = form.cleaned_data
        try:
            payout = payout_record(
                partner=data["partner"],
                amount=data["amount"],
                reference=data["reference"],
                user=request.user,
            )
        except PayoutRefused as error:
            form.add_error("amount", str(error))
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=200)
        messages.success(
            request,
            _("Payout of %(amount)s to %(seller)s recorded.")
            % {"amount": currency(payout.amount, "VND"), "seller": payout.partner.name},
        )
        return redirect("payments:owed")
