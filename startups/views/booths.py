"""The exhibitors' pages in the seller dashboard: apply for a booth, edit it, answer
questions, follow up leads; and the public opt-out link of follow-up messages.

A seller sees only its own startup's booths: any other booth id is 404, and a POST to it
changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import TemplateView

from startups import access
from startups.forms.booths import BoothForm, FollowUpForm, OfferForm
from startups.models import Booth, BoothQuestion, Expo
from startups.selectors import seller_startup
from startups.selectors.booths import (
    booth_followups,
    booth_leads,
    booth_questions,
    booths_of_startup,
    booths_of_user,
    expos_to_apply,
)
from startups.services import booth_questions as question_services
from startups.services import booths as services
from startups.services import followups as followup_services


def _errors_to_form(error: ValidationError, form) -> None:
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.message_dict.items():
        for message in errors:
            form.add_error(name if name in form.fields else None, message)


class SellerBoothMixin(LoginRequiredMixin):
    """The seller's own startup (None without one) and, by pk, its own booths only."""

    def dispatch(self, request, *args, **kwargs):
        self.startup = seller_startup(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_booth(self) -> Booth:
        return get_object_or_404(booths_of_user(self.request.user), pk=self.kwargs["pk"])


class BoothListView(SellerBoothMixin, TemplateView):
    template_name = "startups/expos/dashboard/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            startup=self.startup,
            booths=booths_of_startup(self.startup),
            expos=expos_to_apply(self.startup),
        )
        return ctx


class BoothApplyView(SellerBoothMixin, TemplateView):
    template_name = "startups/expos/dashboard/apply.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.startup = seller_startup(request.user)
        self.expo = get_object_or_404(Expo, pk=kwargs["expo_pk"], published=True)
        if self.startup is None:
            messages.info(request, _("Set up your startup's profile first: a booth belongs to it."))
            return redirect("dashboard:booth-list")
        existing = Booth.objects.filter(expo=self.expo, startup=self.startup).first()
        if existing is not None:
            messages.info(
                request,
                _("Your startup has already applied to this expo: edit that booth instead."),
            )
            return redirect("dashboard:booth-edit", pk=existing.pk)
        if self.expo.phase != Expo.Phase.APPLICATIONS:
            messages.error(request, _("This expo is not taking applications."))
            return redirect("dashboard:booth-list")
        return super(SellerBoothMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            expo=self.expo,
            startup=self.startup,
            form=kwargs.get("form") or BoothForm(expo=self.expo, startup=self.startup),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = BoothForm(
            request.POST,
            request.FILES,
            instance=Booth(expo=self.expo, startup=self.startup),
            expo=self.expo,
            startup=self.startup,
        )
        if form.is_valid():
            try:
                booth = services.booth_apply(
                    user=request.user,
                    expo=self.expo,
                    startup=self.startup,
                    **form.service_fields(),
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                _errors_to_form(error, form)
            else:
                messages.success(
                    request,
                    _("Applied. The organisers review your booth and you are told by e-mail."),
                )
                return redirect("dashboard:booth-edit", pk=booth.pk)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class BoothEditView(SellerBoothMixin, TemplateView):
    """The booth's fields, its expo-only offer, and withdrawing (``action`` says which)."""

    template_name = "startups/expos/dashboard/edit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        booth = kwargs.get("booth") or self.get_booth()
        voucher = booth.offer_voucher
        percent = None
        if voucher is not None:
            offer = voucher.offers.select_related("benefit").first()
            percent = int(offer.benefit.value) if offer else None
        ctx.update(
            booth=booth,
            expo=booth.expo,
            editable=booth.status in services.EDITABLE and booth.expo.phase != Expo.Phase.CLOSED,
            form=kwargs.get("form")
            or BoothForm(instance=booth, expo=booth.expo, startup=booth.startup),
            offer_form=kwargs.get("offer_form")
            or OfferForm(
                initial={
                    "percent": percent,
                    "text": booth.offer_text,
                    "text_en": booth.offer_text_en,
                }
            ),
        )
        return ctx

    def post(self, request, pk):
        booth = self.get_booth()
        action = request.POST.get("action", "booth")
        try:
            if action == "withdraw":
                services.booth_withdraw(user=request.user, booth=booth)
                messages.success(request, _("Your application is withdrawn."))
                return redirect("dashboard:booth-list")
            if action == "offer":
                offer_form = OfferForm(request.POST)
                if offer_form.is_valid():
                    try:
                        services.booth_offer_set(
                            user=request.user,
                            booth=booth,
                            percent=offer_form.cleaned_data.get("percent"),
                            text=offer_form.cleaned_data.get("text", ""),
                            text_en=offer_form.cleaned_data.get("text_en", ""),
                        )
                    except ValidationError as error:
                        _errors_to_form(error, offer_form)
                    else:
                        messages.success(request, _("The offer is saved."))
                        return redirect("dashboard:booth-edit", pk=booth.pk)
                return self._invalid(booth=booth, offer_form=offer_form)
            form = BoothForm(
                request.POST,
                request.FILES,
                instance=booth,
                expo=booth.expo,
                startup=booth.startup,
            )
            if form.is_valid():
                try:
                    services.booth_save(user=request.user, booth=booth, **form.service_fields())
                except ValidationError as error:
                    _errors_to_form(error, form)
                else:
                    messages.success(request, _("Saved."))
                    return redirect("dashboard:booth-edit", pk=booth.pk)
            booth.refresh_from_db()
            return self._invalid(booth=booth, form=form)
        except access.NotAllowed:
            raise Http404 from None
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("dashboard:booth-edit", pk=booth.pk)

    def _invalid(self, **kwargs):
        response = self.render_to_response(self.get_context_data(**kwargs))
        response.status_code = 400
        return response


class BoothQuestionsView(SellerBoothMixin, TemplateView):
    """The booth desk: the questions at the booth, answered and shown from here; the page
    tells the expo every minute that someone is at the desk."""

    template_name = "startups/expos/dashboard/questions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        booth = kwargs.get("booth") or self.get_booth()
        ctx.update(
            booth=booth,
            expo=booth.expo,
            questions=booth_questions(booth),
            failed=kwargs.get("failed"),
        )
        return ctx

    def post(self, request, pk):
        booth = self.get_booth()
        question = get_object_or_404(
            BoothQuestion, booth=booth, pk=request.POST.get("question") or 0
        )
        action = request.POST.get("action")
        try:
            if action == "answer":
                question_services.booth_question_answer(
                    user=request.user, question=question, answer=request.POST.get("answer", "")
                )
                messages.success(request, _("Answered."))
            elif action == "show":
                question_services.booth_question_show(user=request.user, question=question)
                messages.success(request, _("The question is shown at the booth."))
            else:
                messages.error(request, _("Unknown action."))
        except access.NotAllowed:
            raise Http404 from None
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("dashboard:booth-questions", pk=booth.pk)


class BoothPresenceView(SellerBoothMixin, View):
    def post(self, request, pk):
        booth = self.get_booth()
        try:
            services.staff_presence_mark(user=request.user, booth=booth)
        except access.NotAllowed:
            raise Http404 from None
        return HttpResponse(status=204)


class BoothLeadsView(SellerBoothMixin, TemplateView):
    template_name = "startups/expos/dashboard/leads.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        booth = self.get_booth()
        ctx.update(
            booth=booth,
            expo=booth.expo,
            leads=list(booth_leads(booth)),
            followups=booth_followups(booth),
        )
        return ctx


class FollowUpCreateView(SellerBoothMixin, TemplateView):
    template_name = "startups/expos/dashboard/followup.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        booth = kwargs.get("booth") or self.get_booth()
        form = kwargs.get("form") or FollowUpForm(booth=booth, leads=self._leads(booth))
        ctx.update(booth=booth, expo=booth.expo, form=form)
        return ctx

    def _leads(self, booth):
        return booth_leads(booth).filter(opted_out_at__isnull=True).exclude(email="")

    def post(self, request, pk):
        booth = self.get_booth()
        form = FollowUpForm(request.POST, booth=booth, leads=self._leads(booth))
        if form.is_valid():
            try:
                followup_services.followup_send(
                    user=request.user,
                    booth=booth,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    product_ids=[p.pk for p in form.cleaned_data["products"]],
                    lead_ids=[lead.pk for lead in form.cleaned_data["leads"]] or None,
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                _errors_to_form(error, form)
            else:
                messages.success(request, _("The message is being sent to the booth's leads."))
                return redirect("dashboard:booth-leads", pk=booth.pk)
        response = self.render_to_response(self.get_context_data(booth=booth, form=form))
        response.status_code = 400
        return response


class FollowUpOptOutView(View):
    """Public: the link in a follow-up e-mail. GET asks, POST stops the messages (a mail
    scanner opening the link changes nothing)."""

    template_name = "startups/expos/optout.html"

    def get(self, request, token):
        lead = followup_services.lead_from_token(token)
        return self._page(request, lead=lead, done=bool(lead and lead.opted_out_at))

    def post(self, request, token):
        lead = followup_services.lead_opt_out(token)
        return self._page(request, lead=lead, done=lead is not None)

    def _page(self, request, *, lead, done):
        return render(
            request,
            self.template_name,
            {"lead": lead, "done": done, "valid": lead is not None},
            status=200 if lead is not None else 400,
        )


urlpatterns = [
    path(
        pgettext_lazy("url", "trien-lam/khong-nhan-tin/<str:token>/"),
        FollowUpOptOutView.as_view(),
        name="followup-optout",
    ),
]
DASHBOARD_URLS = [
    ("expo/", BoothListView.as_view(), "booth-list"),
    ("expo/<int:expo_pk>/apply/", BoothApplyView.as_view(), "booth-apply"),
    ("expo/booths/<int:pk>/", BoothEditView.as_view(), "booth-edit"),
    ("expo/booths/<int:pk>/questions/", BoothQuestionsView.as_view(), "booth-questions"),
    ("expo/booths/<int:pk>/presence/", BoothPresenceView.as_view(), "booth-presence"),
    ("expo/booths/<int:pk>/leads/", BoothLeadsView.as_view(), "booth-leads"),
    ("expo/booths/<int:pk>/follow-up/", FollowUpCreateView.as_view(), "followup-create"),
]
