"""Checkout views: Oscar's flow with a real payment-method step and per-seller order parts.

Flow: gateway (guest e-mail or sign in) -> shipping address -> payment method -> preview ->
place order -> thank you (cash, bank transfer) or Stripe's card page (card). Placing the order
splits it into one part per seller in the same transaction. The confirmation e-mail is sent by
a Celery task after the order's transaction commits, so a slow mail server never holds up the
buyer. A card order waits for Stripe's signed webhook; the browser's return proves nothing.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

from shop.checkout.forms import PaymentMethodForm
from shop.checkout.tasks import send_order_confirmation
from shop.order.outbox import task_enqueue_on_commit
from shop.order.services import parts_create
from shop.payments.methods import CARD, get_method
from shop.payments.services import source_type_ensure

Source = get_model("payment", "Source")
Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")


CHECKOUT_BASKET_KEY = "checkout_basket_id"


def remember_checkout_basket(request) -> None:
    """Keep the id of the basket being checked out in the session, outside Oscar's checkout
    data (which placing the order flushes), so that a resent "place order" finds it: once the
    basket is ordered the middleware hands the request a new, empty basket."""
    basket_id = getattr(request.basket, "id", None)
    if basket_id and request.session.get(CHECKOUT_BASKET_KEY) != basket_id:
        request.session[CHECKOUT_BASKET_KEY] = basket_id


class PaymentMethodMixin:
    def get_payment_method(self):
        return get_method(self.checkout_session.payment_method() or "", self.request.basket)

    def check_payment_data_is_captured(self, request):
        if self.get_payment_method() is None:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you would like to pay."),
            )


class PaymentMethodView(PaymentMethodMixin, oscar_views.PaymentMethodView, generic.FormView):
    template_name = "checkout/payment_method.html"
    form_class = PaymentMethodForm

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "basket": self.request.basket}

    def get_initial(self):
        return {"method": self.checkout_session.payment_method()}

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        remember_checkout_basket(self.request)
        return redirect("checkout:preview")


class PaymentDetailsView(PaymentMethodMixin, oscar_views.PaymentDetailsView):
    def dispatch(self, request, *args, **kwargs):
        # Before Oscar's pre-conditions: a resent "place order" arrives with the new, empty
        # basket the middleware gives once the first request ordered the old one, and the
        # "your basket is empty" check would tell the buyer the order failed.
        if request.method == "POST" and request.POST.get("action") == "place_order":
            already = self._basket_already_ordered(request)
            if already is not None:
                return already
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.preview:
            # No details to collect for the methods we offer: straight to the review page.
            return redirect("checkout:preview")
        remember_checkout_basket(request)
        return super().get(request, *args, **kwargs)

    def _basket_already_ordered(self, request):
        """Serialise "place order" per basket, so that a basket is ordered once.

        A double click or a resent request runs alongside the first, or after it. Oscar would
        freeze the basket again, fail on the taken order number and thaw the basket, so an
        ordered basket would reopen. Locking the basket row first makes the second request
        wait for the first to commit; it then finds the basket ordered and shows that order.
        The basket is the one this session was checking out (remembered in the session), not
        only the request's, which is already a new empty one when the first has finished.
        """
        basket = request.basket
        if basket.id and not basket.is_empty:
            basket_id = basket.id  # still open, or ordered by a request not yet committed
        else:
            basket_id = request.session.get(CHECKOUT_BASKET_KEY)
        if basket_id is None:
            return None
        locked = Basket.objects.select_for_update().filter(pk=basket_id).first()
        if locked is None or locked.status in (Basket.OPEN, Basket.SAVED):
            return None
        order = Order.objects.filter(basket_id=basket_id).first()
        if order is None:
            return redirect("basket:summary")
        CheckoutSessionData(request).flush()
        request.session["checkout_order_id"] = order.id
        if order.parts.filter(payment_method=CARD.code).exists():
            return HttpResponseRedirect(
                reverse(
                    "payments:card-start",
                    kwargs={"number": order.number, "hash": order.verification_hash()},
                )
            )
        return redirect("checkout:thank-you")

    def get_pre_conditions(self, request):
        conditions = super().get_pre_conditions(request)
        if self.preview and "check_payment_data_is_captured" not in conditions:
            conditions = conditions + ["check_payment_data_is_captured"]
        return conditions

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method"] = self.get_payment_method()
        return ctx

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["order_kwargs"]["language"] = (get_language() or "vi")[:8]
        return submission

    def handle_payment(self, order_number, total, **kwargs):
        source_type, _created = source_type_ensure(self.get_payment_method())
        # Nothing is debited here: cash is collected per parcel, transfers go to each seller,
        # and a card is charged on Stripe's page after the order exists.
        self.add_payment_source(
            Source(
                source_type=source_type,
                currency=total.currency,
                amount_allocated=total.incl_tax,
                reference=order_number,
            )
        )

    def place_order(self, **kwargs):
        with transaction.atomic():
            order = super().place_order(**kwargs)
            parts_create(order=order, payment_method=self.get_payment_method().code)
        return order

    def send_order_placed_email(self, order):
        task_enqueue_on_commit(send_order_confirmation, order.id)

    def handle_successful_order(self, order):
        is_card = self.get_payment_method() == CARD
        response = super().handle_successful_order(order)
        if is_card:
            # On to Stripe's page; the order waits there until Stripe's webhook says paid.
            return HttpResponseRedirect(
                reverse(
                    "payments:card-start",
                    kwargs={"number": order.number, "hash": order.verification_hash()},
                )
            )
        messages.success(
            self.request,
            _("Thank you! Your order %(number)s has been placed.") % {"number": order.number},
        )
        return response
