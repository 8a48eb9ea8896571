"""The union officers' review desks: seller applications (approve, reject, hand over), sellers set up on a producer's behalf, products waiting for review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView

from startups import access
from startups.forms.onboarding import HandoverForm, OnBehalfForm, RejectForm
from startups.models import SellerApplication
from startups.selectors import (
    applications_for_officer,
    products_for_officer,
)
from startups.services import onboarding, review
from startups.views.mixins import CONFLICT_MESSAGE, OfficerRequiredMixin


class ReviewQueueView(OfficerRequiredMixin, ListView):
    template_name = "startups/officer/queue.html"
    context_object_name = "applications"
    paginate_by = 50

    def get_queryset(self):
        status = self.request.GET.get("status", SellerApplication.Status.SUBMITTED)
        if status not in SellerApplication.Status.values:
            status = SellerApplication.Status.SUBMITTED
        self.status = status
        return applications_for_officer(self.officer).filter(status=status)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            officer=self.officer, status=self.status, statuses=SellerApplication.Status.choices
        )
        return ctx


class ApplicationReviewView(OfficerRequiredMixin, TemplateView):
    template_name = "startups/officer/review.html"

    def get_application(self):
        return get_object_or_404(applications_for_officer(self.officer), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        application = self.get_application()
        ctx.update(
            application=application,
            officer=self.officer,
            is_party=access.officer_is_party_to(self.officer, application),
            reject_form=kwargs.get("reject_form") or RejectForm(),
            handover_form=(kwargs.get("handover_form") or HandoverForm(application=application)),
            handovers=application.handovers.select_related("officer", "producer"),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        action = request.POST.get("action")
        if action in ("approve", "reject") and access.officer_is_party_to(
            self.officer, application
        ):
            messages.error(request, CONFLICT_MESSAGE)
        elif action == "approve":
            onboarding.seller_application_approve(
                application_id=application.pk, officer=self.officer
            )
            messages.success(
                request, _("Approved: %(name)s can now sell.") % {"name": application.display_name}
            )
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            onboarding.seller_application_reject(
                application_id=application.pk,
                officer=self.officer,
                reason=form.cleaned_data["reason"],
            )
            messages.info(request, _("Rejected. The applicant sees your reason."))
        elif action == "handover":
            form = HandoverForm(request.POST, application=application)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(handover_form=form))
            try:
                onboarding.seller_hand_over(
                    application_id=application.pk, officer=self.officer, producer=form.producer
                )
            except onboarding.HandoverRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(
                    request, _("Handed over: the producer's account now runs the shop.")
                )
        else:
            messages.error(request, _("Unknown action."))
        return redirect("startups:review", pk=application.pk)


class OnBehalfCreateView(OfficerRequiredMixin, FormView):
    template_name = "startups/officer/on_behalf.html"
    form_class = OnBehalfForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["units"] = access.units_of(self.officer)
        return kwargs

    def form_valid(self, form):
        application = onboarding.seller_create_on_behalf(
            officer=self.officer,
            data=form.application_data(),
            consent_note=form.cleaned_data["consent_note"],
            contact_email=form.cleaned_data["contact_email"],
        )
        messages.success(
            self.request,
            _("The seller %(name)s is open; you run it until you hand it over.")
            % {"name": application.display_name},
        )
        return redirect("startups:review", pk=application.pk)


class ProductQueueView(OfficerRequiredMixin, ListView):
    template_name = "startups/officer/product_queue.html"
    context_object_name = "products"
    paginate_by = 50

    def get_queryset(self):
        return products_for_officer(self.officer).order_by("date_updated")


class ProductReviewView(OfficerRequiredMixin, TemplateView):
    template_name = "startups/officer/product_review.html"

    def get_product(self):
        return get_object_or_404(products_for_officer(self.officer), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.get_product()
        ctx.update(
            product=product,
            reject_form=kwargs.get("reject_form") or RejectForm(),
            is_party=access.officer_runs_shop_of(self.officer, product),
            pending=sorted(
                (k, v) for k, v in (product.pending_changes or {}).items() if k != "images"
            ),
            waiting_images=product.images.filter(is_approved=False),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        action = request.POST.get("action")
        if action in ("approve", "reject") and access.officer_runs_shop_of(self.officer, product):
            messages.error(request, CONFLICT_MESSAGE)
            return redirect("startups:product-review", pk=product.pk)
        if action == "approve":
            try:
                review.product_decide(officer=self.officer, product=product, approve=True)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("startups:product-review", pk=product.pk)
            messages.success(request, _("Approved: the product is public."))
            return redirect("startups:product-queue")
        if action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            review.product_decide(
                officer=self.officer,
                product=product,
                approve=False,
                reason=form.cleaned_data["reason"],
            )
            messages.info(request, _("Rejected. The seller sees your reason."))
            return redirect("startups:product-queue")
        messages.error(request, _("Unknown action."))
        return redirect("startups:product-review", pk=product.pk)
