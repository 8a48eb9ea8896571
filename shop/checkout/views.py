"""Checkout views: Oscar's flow with a real payment-method step.

Flow: gateway (guest e-mail or sign in) -> shipping address -> payment method -> preview ->
place order -> thank you. The confirmation e-mail is sent by a Celery task after the order's
transaction commits, so a slow mail server never holds up the buyer.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_model

from shop.checkout.forms import PaymentMethodForm
from shop.checkout.tasks import send_order_confirmation
from shop.payment_methods import get_method

SourceType = get_model("payment", "SourceType")
Source = get_model("payment", "Source")


class PaymentMethodMixin:
    def get_payment_method(self):
        return get_method(self.checkout_session.payment_method() or "")

    def check_payment_data_is_captured(self, request):
        if self.get_payment_method() is None:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you would like to pay."),
            )


class PaymentMethodView(PaymentMethodMixin, oscar_views.PaymentMethodView, generic.FormView):
    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_initial(self):
        return {"method": self.checkout_session.payment_method()}

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentDetailsView(PaymentMethodMixin, oscar_views.PaymentDetailsView):
    def get(self, request, *args, **kwargs):
        if not self.preview:
            # No details to collect for the methods we offer: straight to the review page.
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

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
        method = self.get_payment_method()
        source_type, _created = SourceType.objects.get_or_create(
            code=method.code, defaults={"name": method.source_type_name}
        )
        # Cash on delivery: the amount is allocated now and debited when the courier collects.
        self.add_payment_source(
            Source(source_type=source_type, currency=total.currency,
                   amount_allocated=total.incl_tax, reference=order_number)
        )

    def send_order_placed_email(self, order):
        send_order_confirmation.delay_on_commit(order.id)

    def handle_successful_order(self, order):
        response = super().handle_successful_order(order)
        messages.success(self.request, _("Thank you! Your order %(number)s has been placed.")
                         % {"number": order.number})
        return response
