"""Seller onboarding for producers, and the union officers' review desk."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView

from startups import services
from startups.forms import HandoverForm, OnBehalfForm, RejectForm, SellerApplicationForm
from startups.models import Officer, SellerApplication
from startups.selectors import (
    applications_for_officer,
    applications_of_user,
    products_for_officer,
)


class ApplyView(LoginRequiredMixin, FormView):
    template_name = "startups/apply.html"
    form_class = SellerApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and applications_of_user(request.user)
            .exclude(status=SellerApplication.Status.REJECTED)
            .exists()
        ):
            return redirect("startups:application-status")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        services.seller_application_submit(user=self.request.user, data=form.application_data())
        messages.success(
            self.request,
            _(
                "Thank you! Your application waits for the youth "
                "union's review. We will e-mail you the decision."
            ),
        )
        return redirect("startups:application-status")


class ApplicationStatusView(LoginRequiredMixin, ListView):
    template_name = "startups/application_status.html"
    context_object_name = "applications"

    def get_queryset(self):
        return applications_of_user(self.request.user)


CONFLICT_MESSAGE = _(
    "You cannot decide on your own application or a shop you run: another "
    "officer of your unit or of the unit above decides."
)


class OfficerRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.officer = Officer.objects.select_related("unit").filter(user=request.user).first()
        if self.officer is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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
            is_party=services.officer_is_party_to(self.officer, application),
            reject_form=kwargs.get("reject_form") or RejectForm(),
            handover_form=(kwargs.get("handover_form") or HandoverForm(application=application)),
            handovers=application.handovers.select_related("officer", "producer"),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        action = request.POST.get("action")
        if action in ("approve", "reject") and services.officer_is_party_to(
            self.officer, application
        ):
            messages.error(request, CONFLICT_MESSAGE)
        elif action == "approve":
            services.seller_application_approve(application_id=application.pk, officer=self.officer)
            messages.success(
                request, _("Approved: %(name)s can now sell.") % {"name": application.display_name}
            )
        elif action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            services.seller_application_reject(
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
                services.seller_hand_over(
                    application_id=application.pk, officer=self.officer, producer=form.producer
                )
            except services.HandoverRefused as refused:
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
        kwargs["units"] = services.units_of(self.officer)
        return kwargs

    def form_valid(self, form):
        application = services.seller_create_on_behalf(
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
            is_party=services.officer_runs_shop_of(self.officer, product),
            pending=sorted(
                (k, v) for k, v in (product.pending_changes or {}).items() if k != "images"
            ),
            waiting_images=product.images.filter(is_approved=False),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        product = self.get_product()
        action = request.POST.get("action")
        if action in ("approve", "reject") and services.officer_runs_shop_of(self.officer, product):
            messages.error(request, CONFLICT_MESSAGE)
            return redirect("startups:product-review", pk=product.pk)
        if action == "approve":
            try:
                services.product_decide(officer=self.officer, product=product, approve=True)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("startups:product-review", pk=product.pk)
            messages.success(request, _("Approved: the product is public."))
            return redirect("startups:product-queue")
        if action == "reject":
            form = RejectForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(reject_form=form))
            services.product_decide(
                officer=self.officer,
                product=product,
                approve=False,
                reason=form.cleaned_data["reason"],
            )
            messages.info(request, _("Rejected. The seller sees your reason."))
            return redirect("startups:product-queue")
        messages.error(request, _("Unknown action."))
        return redirect("startups:product-review", pk=product.pk)


class MarketplaceClicksView(LoginRequiredMixin, TemplateView):
    """Clicks on "Also on ..." per product and marketplace, for whoever may see them: staff
    see every seller, a union officer the sellers of their unit tree, a seller only itself."""

    template_name = "oscar/dashboard/marketplace_clicks.html"
    recent_days = 30

    def allowed_partners(self):
        from oscar.core.loading import get_model

        Partner = get_model("partner", "Partner")
        user = self.request.user
        if user.is_staff:
            return Partner.objects.all()
        officer = Officer.objects.select_related("unit").filter(user=user).first()
        if officer is not None:
            return Partner.objects.filter(
                application__union_unit__path__startswith=officer.unit.path
            )
        return Partner.objects.filter(users=user)

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not request.user.is_staff
            and not self.allowed_partners().exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from catalog.selectors import click_counts

        ctx = super().get_context_data(**kwargs)
        allowed = self.allowed_partners().order_by("name")
        raw = self.request.GET.get("partner", "").strip()
        partner = None
        if raw:
            if raw.isascii() and raw.isdigit() and len(raw) <= 9:
                partner = allowed.filter(pk=int(raw)).first()
            if partner is None:
                messages.warning(self.request, _("Unknown seller: showing all sellers."))
        if partner is not None:
            rows = click_counts(partner=partner, recent_days=self.recent_days)
        elif self.request.user.is_staff:
            rows = click_counts(recent_days=self.recent_days)
        else:
            from oscar.core.loading import get_model

            Product = get_model("catalogue", "Product")
            rows = click_counts(
                products=Product.objects.filter(stockrecords__partner__in=allowed).values("pk"),
                recent_days=self.recent_days,
            )
        from core.text import vietnamese_sort_key

        partners = sorted(allowed, key=lambda p: vietnamese_sort_key(p.name))
        ctx.update(partner=partner, partners=partners, rows=rows, recent_days=self.recent_days)
        return ctx
