"""Buyer: from a placed card order to Stripe's payment page. Dashboard: what the platform owes
each seller for card sales, and the payouts staff record."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import generic
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.payments import gateway
from shop.payments.forms import PayoutForm
from shop.payments.methods import card_payments_enabled
from shop.payments.selectors import owed_overview, sellers_for
from shop.payments.services import CardStart, PayoutRefused, card_session_open, payout_record

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Partner = get_model("partner", "Partner")


def _order_for_buyer(number: str, hash: str):
    """The order the link is for; anything else is a 404, as for a stranger's order."""
    order = Order.objects.filter(number=number).first()
    if order is None or not order.check_verification_hash(hash):
        raise Http404
    return order


def _order_page(order):
    return redirect(gateway.order_page_path(order))


# What the buyer is told when there is no Stripe page to send them to.
CARD_START_MESSAGES = {
    CardStart.PAID: (messages.INFO, _("Your card payment for this order has been received.")),
    CardStart.NOTHING_DUE: (
        messages.INFO,
        _("Nothing in this order is waiting for a card payment."),
    ),
    CardStart.CONFIRMING: (
        messages.INFO,
        _("Your card payment is being confirmed; this page will show it in a moment."),
    ),
    CardStart.FAILED: (
        messages.ERROR,
        _(
            "We could not open the card payment page. Nothing was "
            "charged and your order is kept; please try again in a "
            "few minutes or contact us."
        ),
    ),
}


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
    start = card_session_open(order=order, base_url=request.build_absolute_uri("/"))
    if start.outcome == CardStart.OPEN:
        return HttpResponseRedirect(start.url, status=303)
    level, message = CARD_START_MESSAGES[start.outcome]
    messages.add_message(request, level, message)
    return _order_page(order)


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
        return redirect("dashboard:payments-owed")
