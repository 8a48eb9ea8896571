"""The organisers' pages (union officers): expos, their halls and sessions, booth
applications, questions to moderate, the passport draw.

Every page is for officers (``OfficerRequiredMixin``: 403 for anyone else) and for the expos
of the officer's unit tree: another tree's expo, booth or question is 404, and posting to it
changes nothing. The report and the draw are ``startups.views.expo_stats``'s."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from startups import access
from startups.forms.expo_union import (
    BoothDecisionForm,
    BoothFeatureForm,
    ExpoForm,
    expo_formsets,
)
from startups.models import Booth, BoothQuestion, Expo
from startups.selectors.expo_organising import (
    booth_applications,
    booth_of_expo,
    expo_for_officer,
    expo_questions_for_officer,
    expos_for_officer,
    question_counts,
)
from startups.services import booth_questions
from startups.services import expos as services
from startups.views.mixins import CONFLICT_MESSAGE, OfficerRequiredMixin


class OfficerExpoMixin(OfficerRequiredMixin):
    """``self.expo()``: the expo of the URL when the officer's unit tree organises it, else
    404."""

    def expo(self) -> Expo:
        expo = expo_for_officer(self.officer, self.kwargs["pk"])
        if expo is None:
            raise Http404
        return expo


def _phase_label(expo: Expo, now) -> str:
    return Expo.Phase(expo.phase_at(now)).label


class ExpoListView(OfficerRequiredMixin, TemplateView):
    template_name = "startups/expos/union/expo_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        expos = list(expos_for_officer(self.officer)[:200])
        for expo in expos:
            expo.phase_now = expo.phase_at(now)
            expo.phase_label = _phase_label(expo, now)
        ctx.update(officer=self.officer, expos=expos)
        return ctx


class ExpoEditView(OfficerRequiredMixin, TemplateView):
    """Create (no pk) or edit an expo: the expo, its halls and its sessions on one page, and
    the buttons that announce it or take it back (``action`` publish/unpublish)."""

    template_name = "startups/expos/union/expo_edit.html"

    def current(self) -> Expo | None:
        if "pk" not in self.kwargs:
            return None
        expo = expo_for_officer(self.officer, self.kwargs["pk"])
        if expo is None:
            raise Http404
        return expo

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo = kwargs.get("expo", self.current())
        form = kwargs.get("form") or ExpoForm(instance=expo, officer=self.officer)
        formsets = kwargs.get("formsets") or expo_formsets(expo=expo)
        now = timezone.now()
        ctx.update(
            officer=self.officer,
            expo=expo,
            form=form,
            halls=formsets["halls"],
            sessions=formsets["sessions"],
            phase=expo.phase_at(now) if expo else Expo.Phase.DRAFT,
            phase_label=_phase_label(expo, now) if expo else Expo.Phase.DRAFT.label,
            can_unpublish=bool(
                expo
                and expo.published
                and not (
                    expo.phase_at(now) in (Expo.Phase.LIVE, Expo.Phase.CLOSED)
                    and expo.booths.exists()
                )
            ),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        expo = self.current()
        action = request.POST.get("action", "save")
        if expo is not None and action in ("publish", "unpublish"):
            return self._announce(expo, action)
        form = ExpoForm(request.POST, request.FILES, instance=expo or Expo(), officer=self.officer)
        formsets = expo_formsets(request.POST, expo=expo)
        valid = form.is_valid()
        valid = all([fs.is_valid() for fs in formsets.values()]) and valid
        if valid:
            valid = formsets["sessions"].dates_check(
                opens_at=form.cleaned_data["opens_at"], closes_at=form.cleaned_data["closes_at"]
            )
        if valid:
            try:
                saved = services.expo_save(
                    officer=self.officer,
                    expo=expo,
                    data=form.service_data(),
                    halls=formsets["halls"].rows(),
                    sessions=formsets["sessions"].rows(),
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                _errors_to_forms(error, form, formsets)
            else:
                messages.success(request, _("Saved."))
                return redirect("startups:union-expo-edit", pk=saved.pk)
        if expo is not None:
            expo = expo_for_officer(self.officer, expo.pk)  # what is stored, not the form's
        response = self.render_to_response(
            self.get_context_data(expo=expo, form=form, formsets=formsets)
        )
        response.status_code = 400
        return response

    def _announce(self, expo: Expo, action: str):
        try:
            if action == "publish":
                services.expo_publish(officer=self.officer, expo=expo)
                messages.success(self.request, _("Announced: the expo is public."))
            else:
                services.expo_unpublish(officer=self.officer, expo=expo)
                messages.success(self.request, _("Taken back: the expo is a draft again."))
        except access.NotAllowed:
            raise Http404 from None
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
        return redirect("startups:union-expo-edit", pk=expo.pk)


def _errors_to_forms(error: ValidationError, form, formsets) -> None:
    """The service's refusals on the field or row they are about: ``halls-<n>-<field>`` on
    row n of the halls, ``halls`` on the halls' table, others on the expo form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, errors in error.message_dict.items():
        prefix, _sep, rest = key.partition("-")
        if prefix in formsets:
            if rest:
                n, _sep, name = rest.partition("-")
                formsets[prefix].row_error(int(n), name, errors)
            else:
                formsets[prefix].add_general_error(errors)
        elif key in form.fields:
            form.add_error(key, errors)
        else:
            form.add_error(None, errors)


class ExpoBoothsView(OfficerExpoMixin, TemplateView):
    """The booth applications of an expo by status, to approve or refuse with a reason, and
    the approved ones to feature in the lobby and order; each booth's leads and how many were
    followed up. Posting here sets a booth's featured flag and order."""

    template_name = "startups/expos/union/booths.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo = kwargs.get("expo") or self.expo()
        status = self.request.GET.get("status", "")
        status = status if status in Booth.Status.values else ""
        applications = booth_applications(expo, officer=self.officer, status=status)
        ctx.update(
            officer=self.officer,
            expo=expo,
            phase=expo.phase,
            phase_label=Expo.Phase(expo.phase).label,
            closed=expo.phase == Expo.Phase.CLOSED,
            applications=applications,
            booths=applications.booths,
            status=status,
            statuses=[(v, label, applications.counts[v]) for v, label in Booth.Status.choices],
            failed=kwargs.get("failed"),
        )
        return ctx

    def post(self, request, pk):
        expo = self.expo()
        booth = booth_of_expo(expo, request.POST.get("booth") or 0)
        if booth is None:
            raise Http404
        form = BoothFeatureForm(request.POST)
        if form.is_valid():
            try:
                services.booth_feature(
                    officer=self.officer,
                    booth=booth,
                    featured=form.cleaned_data["featured"],
                    position=form.cleaned_data["position"],
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Saved."))
        else:
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
        return redirect(_booths_url(expo, request.POST.get("status", "")))


def _booths_url(expo: Expo, status: str = "") -> str:
    url = reverse("startups:union-expo-booths", kwargs={"pk": expo.pk})
    return f"{url}?status={status}" if status in Booth.Status.values else url


class BoothDecideView(OfficerExpoMixin, View):
    """Approve or refuse one booth application (POST); a refusal needs its reason."""

    http_method_names = ["post"]

    def post(self, request, pk, booth_pk):
        expo = self.expo()
        booth = booth_of_expo(expo, booth_pk)
        if booth is None:
            raise Http404
        form = BoothDecisionForm(request.POST)
        if form.is_valid():
            try:
                services.booth_decide(
                    officer=self.officer,
                    booth=booth,
                    approve=form.approve,
                    reason=form.cleaned_data["reason"],
                )
            except access.ConflictOfInterest:
                messages.error(request, CONFLICT_MESSAGE)
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                if form.approve:
                    messages.success(request, _("Approved. The exhibitor is told by e-mail."))
                else:
                    messages.info(
                        request, _("Refused. The exhibitor is told by e-mail, with your reason.")
                    )
                return redirect(_booths_url(expo, request.POST.get("status", "")))
            if not form.errors:
                return redirect(_booths_url(expo, request.POST.get("status", "")))
        view = ExpoBoothsView()
        view.setup(request, pk=pk)
        view.officer = self.officer
        response = view.render_to_response(
            view.get_context_data(expo=expo, failed=(booth.pk, form))
        )
        response.status_code = 400
        return response


class ExpoQuestionsView(OfficerExpoMixin, TemplateView):
    """The questions asked at the expo's booths: the held ones first; show or hide them."""

    template_name = "startups/expos/union/questions.html"
    limit = 200

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo = self.expo()
        status = self.request.GET.get("status", "")
        status = status if status in BoothQuestion.Status.values else ""
        counts = question_counts(expo)
        ctx.update(
            officer=self.officer,
            expo=expo,
            status=status,
            statuses=[(v, label, counts[v]) for v, label in BoothQuestion.Status.choices],
            total=sum(counts.values()),
            questions=list(expo_questions_for_officer(expo, status=status)[: self.limit]),
        )
        return ctx

    def post(self, request, pk):
        expo = self.expo()
        question = get_object_or_404(
            expo_questions_for_officer(expo), pk=request.POST.get("question") or 0
        )
        action = request.POST.get("action")
        try:
            if action == "hide":
                booth_questions.booth_question_hide(user=request.user, question=question)
                messages.success(request, _("The question is hidden."))
            elif action == "show":
                booth_questions.booth_question_show(user=request.user, question=question)
                messages.success(request, _("The question is shown at the booth."))
            else:
                messages.error(request, _("Unknown action."))
        except access.NotAllowed:
            raise Http404 from None
        url = reverse("startups:union-expo-questions", kwargs={"pk": expo.pk})
        status = request.POST.get("status", "")
        return redirect(f"{url}?status={status}" if status in BoothQuestion.Status.values else url)


urlpatterns = [
    path("union/expos/", ExpoListView.as_view(), name="union-expo-list"),
    path("union/expos/new/", ExpoEditView.as_view(), name="union-expo-create"),
    path("union/expos/<int:pk>/", ExpoEditView.as_view(), name="union-expo-edit"),
    path("union/expos/<int:pk>/booths/", ExpoBoothsView.as_view(), name="union-expo-booths"),
    path(
        "union/expos/<int:pk>/booths/<int:booth_pk>/",
        BoothDecideView.as_view(),
        name="union-expo-booth",
    ),
    path(
        "union/expos/<int:pk>/questions/", ExpoQuestionsView.as_view(), name="union-expo-questions"
    ),
]
