"""Pages of the pitches domain.

- Public: the pitch page (the approved version only, cached for anonymous visitors under the
  startup's token), its question form (POST), and the history of approved versions (the
  startup's users and the officers of its tree only).
- Officers (``/union/pitches/``): the queue of pitches to review in their tree, the review
  page (working copy beside the public version, a comment box per section), and the
  questions of their tree's pitches to hide abuse.
- Sellers (the shop's dashboard, ``DASHBOARD_URLS``): their pitches, the editor, submit,
  updates and questions. A seller sees only its own startup's pitches; any other id is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from core import pagecache
from startups import access, antispam
from startups.forms.pitches import (
    AnswerForm,
    PitchForm,
    PitchUpdateForm,
    QuestionForm,
    ReviewForm,
    editor_formsets,
    editor_sections,
    fund_total,
)
from startups.models import Officer, Pitch, Question, Startup
from startups.models.pitches import Section
from startups.selectors import (
    latest_comments,
    page_questions,
    pitch_of_startup_page,
    pitch_questions_for_startup,
    pitch_updates,
    pitch_versions,
    pitches_for_officer,
    pitches_of_startup,
    pitches_of_user,
    platform_figures,
    public_pitch,
    questions_for_officer,
    seller_startup,
    startup_public_pk,
    submission_stamp,
    version_view,
    working_copy_view,
)
from startups.services import pitches as services
from startups.views.mixins import CONFLICT_MESSAGE, OfficerRequiredMixin

# --- public pages ---------------------------------------------------------------------------


def _startup_name(startup: Startup, language: str) -> str:
    return (startup.name_en or startup.name) if language == "en" else startup.name


class PitchDetailView(pagecache.CachedPageMixin, TemplateView):
    """The approved version of a public startup's pitch; never the working copy."""

    template_name = "startups/pitches/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if pagecache.is_cache_render(self.request):
            # The startup's token is noted before the pitch is read, as the cache requires.
            startup_id = startup_public_pk(self.kwargs["slug"])
            if startup_id is None:
                raise Http404
            pagecache.note(services.startup_key(startup_id))
        pitch = public_pitch(self.kwargs["slug"], self.kwargs["pitch_slug"])
        if pitch is None:
            raise Http404
        ctx.update(pitch_page_context(self.request, pitch))
        return ctx


def pitch_page_context(request, pitch: Pitch, question_form=None) -> dict:
    startup = pitch.startup
    shown, waiting = page_questions(pitch, request.user)
    return {
        "pitch": pitch,
        "startup": startup,
        "startup_name": _startup_name(startup, request.LANGUAGE_CODE),
        "view": version_view(pitch.published_version),
        "platform": platform_figures(startup),
        "updates": pitch_updates(pitch),
        "questions": shown,
        "waiting_questions": waiting,
        "question_form": question_form or QuestionForm(),
    }


def _may_see_history(user, startup: Startup) -> bool:
    if services.user_runs_startup(user, startup):
        return True
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    return access.officer_covers_startup(officer, startup)


class QuestionAskView(LoginRequiredMixin, View):
    """A signed-in visitor asks on a public pitch (POST)."""

    def post(self, request, slug, pitch_slug):
        pitch = public_pitch(slug, pitch_slug)
        if pitch is None:
            raise Http404
        form = QuestionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                question = services.question_ask(
                    user=request.user,
                    pitch=pitch,
                    text=form.cleaned_data["text"],
                    address=antispam.client_address(request),
                )
            except antispam.Refused as refused:
                form.add_error("text", refused.reason)
                status = refused.status
            else:
                if question.status == Question.Status.HELD:
                    messages.info(
                        request,
                        _(
                            "Thank you. Your question shows once the startup or the youth "
                            "union has seen it."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you: your question is on the page."))
                return redirect(pitch_url(pitch) + "#questions")
        response = render(
            request,
            "startups/pitches/detail.html",
            pitch_page_context(request, pitch, question_form=form),
            status=status,
        )
        return response


def pitch_url(pitch: Pitch) -> str:
    return reverse(
        "startups:pitch-detail", kwargs={"slug": pitch.startup.slug, "pitch_slug": pitch.slug}
    )


class PitchHistoryView(LoginRequiredMixin, TemplateView):
    """Every approved version with who approved it and when, each viewable (``?v=<n>``):
    for the startup's users and the officers of its tree; anyone else gets 404."""

    template_name = "startups/pitches/history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pitch = pitch_of_startup_page(self.kwargs["slug"], self.kwargs["pitch_slug"])
        if pitch is None or not _may_see_history(self.request.user, pitch.startup):
            raise Http404
        versions = pitch_versions(pitch)
        raw = self.request.GET.get("v", "")
        chosen = None
        if raw:
            chosen = next((v for v in versions if str(v.number) == raw), None)
            if chosen is None:
                raise Http404
        ctx.update(
            pitch=pitch,
            startup=pitch.startup,
            startup_name=_startup_name(pitch.startup, self.request.LANGUAGE_CODE),
            versions=versions,
            chosen=chosen,
            view=version_view(chosen) if chosen else None,
        )
        return ctx


# --- officers -------------------------------------------------------------------------------


class PitchQueueView(OfficerRequiredMixin, ListView):
    template_name = "startups/pitches/officer_queue.html"
    context_object_name = "pitches"
    paginate_by = 50

    def get_queryset(self):
        state = self.request.GET.get("state", Pitch.State.IN_REVIEW)
        self.state = state if state in Pitch.State.values else Pitch.State.IN_REVIEW
        return (
            pitches_for_officer(self.officer)
            .filter(state=self.state)
            .order_by("submitted_at", "pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(officer=self.officer, state=self.state, states=Pitch.State.choices)
        return ctx


class PitchReviewView(OfficerRequiredMixin, TemplateView):
    template_name = "startups/pitches/officer_review.html"

    def get_pitch(self):
        return get_object_or_404(pitches_for_officer(self.officer), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pitch = kwargs.get("pitch") or self.get_pitch()
        form = kwargs.get("form") or ReviewForm(initial={"seen": submission_stamp(pitch)})
        working = working_copy_view(pitch)
        published = version_view(pitch.published_version) if pitch.published_version else None
        ctx.update(
            pitch=pitch,
            startup=pitch.startup,
            officer=self.officer,
            form=form,
            working=working,
            published=published,
            sections=[
                (value, label, form.comment_field(value)) for value, label in Section.choices
            ],
            is_party=access.officer_runs_startup(self.officer, pitch.startup),
            reviews=pitch.reviews.select_related("officer", "unit").prefetch_related("comments"),
            versions=pitch_versions(pitch),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        pitch = self.get_pitch()
        form = ReviewForm(request.POST)
        action = request.POST.get("action")
        if not form.is_valid() or action not in ("approve", "send_back"):
            if action not in ("approve", "send_back"):
                messages.error(request, _("Unknown action."))
            return self.render_to_response(self.get_context_data(pitch=pitch, form=form))
        seen = form.cleaned_data["seen"] or None
        try:
            if action == "approve":
                version = services.pitch_approve(officer=self.officer, pitch=pitch, seen=seen)
                messages.success(
                    request,
                    _("Approved: version %(n)s of the pitch is now public.")
                    % {"n": version.number},
                )
            else:
                services.pitch_send_back(
                    officer=self.officer,
                    pitch=pitch,
                    comments=form.comments(),
                    note=form.cleaned_data["note"],
                    seen=seen,
                )
                messages.info(request, _("Sent back. The startup sees your comments."))
        except access.ConflictOfInterest:
            messages.error(request, CONFLICT_MESSAGE)
        except access.NotAllowed:
            raise Http404 from None
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.render_to_response(self.get_context_data(pitch=pitch, form=form))
        return redirect("startups:pitch-review", pk=pitch.pk)


class OfficerQuestionsView(OfficerRequiredMixin, ListView):
    """Questions on the pitches of the officer's tree, to show held ones and hide abuse."""

    template_name = "startups/pitches/officer_questions.html"
    context_object_name = "questions"
    paginate_by = 50

    def get_queryset(self):
        status = self.request.GET.get("status", Question.Status.HELD)
        self.status = status if status in Question.Status.values else Question.Status.HELD
        return questions_for_officer(self.officer).filter(status=self.status)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(officer=self.officer, status=self.status, statuses=Question.Status.choices)
        return ctx

    def post(self, request, *args, **kwargs):
        question = get_object_or_404(
            questions_for_officer(self.officer), pk=request.POST.get("question") or 0
        )
        action = request.POST.get("action")
        if action == "hide":
            services.question_hide(user=request.user, question=question)
            messages.success(request, _("The question is hidden."))
        elif action == "show":
            services.question_mark_seen(user=request.user, question=question)
            messages.success(request, _("The question is shown on the pitch."))
        else:
            messages.error(request, _("Unknown action."))
        return redirect(f"{reverse('startups:pitch-question-desk')}?status={question.status}")


# --- the seller's dashboard -------------------------------------------------------------


class SellerPitchMixin(LoginRequiredMixin):
    """The seller's own startup (None without one) and, by pk, its own pitches only."""

    def dispatch(self, request, *args, **kwargs):
        self.startup = seller_startup(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_pitch(self) -> Pitch:
        return get_object_or_404(pitches_of_user(self.request.user), pk=self.kwargs["pk"])


class PitchListView(SellerPitchMixin, TemplateView):
    template_name = "startups/pitches/dashboard_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            startup=self.startup,
            pitches=list(pitches_of_startup(self.startup)) if self.startup else [],
        )
        return ctx


class PitchEditorView(SellerPitchMixin, TemplateView):
    """Create (no pk) or edit a pitch: every section in order, its rows, deck and video."""

    template_name = "startups/pitches/dashboard_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.startup = seller_startup(request.user)
        if self.startup is None and "pk" not in kwargs and request.user.is_authenticated:
            messages.info(request, _("Set up your startup's profile first: a pitch belongs to it."))
            return redirect("dashboard:pitch-list")
        return super().dispatch(request, *args, **kwargs)

    def current(self) -> Pitch | None:
        return self.get_pitch() if "pk" in self.kwargs else None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pitch = kwargs.get("pitch", self.current())
        form = kwargs.get("form") or PitchForm(instance=pitch)
        formsets = kwargs.get("formsets") or editor_formsets(pitch=pitch)
        comments = latest_comments(pitch) if pitch else {}
        ctx.update(
            pitch=pitch,
            startup=pitch.startup if pitch else self.startup,
            form=form,
            formsets=formsets,
            sections=editor_sections(form, formsets, comments),
            review_note=comments.get("", ""),
            fund_total=fund_total(formsets["fund_uses"], pitch),
            ask_amount=_ask_amount(form, pitch),
            versions=pitch_versions(pitch) if pitch else [],
            missing=services.missing_sections(pitch) if pitch else [],
        )
        return ctx

    def post(self, request, *args, **kwargs):
        pitch = self.current()
        startup = pitch.startup if pitch else self.startup
        form = PitchForm(request.POST, request.FILES, instance=pitch or Pitch(startup=startup))
        formsets = editor_formsets(request.POST, pitch=pitch)
        valid = form.is_valid()
        valid = all([fs.is_valid() for fs in formsets.values()]) and valid
        if valid:
            try:
                saved = services.pitch_save(
                    user=request.user,
                    startup=startup,
                    pitch=pitch,
                    fields=form.service_fields(),
                    traction=formsets["traction"].rows(),
                    fund_uses=formsets["fund_uses"].rows(),
                    milestones=formsets["milestones"].rows(),
                    deck=form.new_deck(),
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                _errors_to_forms(error, form, formsets)
            else:
                messages.success(request, _("Saved."))
                if saved.published_version_id and saved.state == Pitch.State.DRAFT:
                    messages.info(
                        request,
                        _(
                            "The approved version stays public until the youth union approves "
                            "your changes: submit them for review when ready."
                        ),
                    )
                return redirect("dashboard:pitch-edit", pk=saved.pk)
        if pitch is not None:
            pitch.refresh_from_db()  # the form changed the instance; show what is stored
        response = self.render_to_response(
            self.get_context_data(pitch=pitch, form=form, formsets=formsets)
        )
        response.status_code = 400
        return response


def _ask_amount(form, pitch):
    if form.is_bound:
        return form.cleaned_data.get("ask_amount") if hasattr(form, "cleaned_data") else None
    return pitch.ask_amount if pitch else None


def _errors_to_forms(error: ValidationError, form, formsets) -> None:
    """The service's refusals on the field, or the row formset, they are about."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, errors in error.message_dict.items():
        if name in formsets:
            formsets[name]._non_form_errors = formsets[name].error_class(
                [*formsets[name].non_form_errors(), *errors]
            )
        elif name in form.fields:
            for message in errors:
                form.add_error(name, message)
        else:
            for message in errors:
                form.add_error(None, message)


class PitchSubmitView(SellerPitchMixin, View):
    def post(self, request, pk):
        pitch = self.get_pitch()
        try:
            services.pitch_submit(user=request.user, pitch=pitch)
        except access.NotAllowed:
            raise Http404 from None
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Sent for review: the officers of your youth union unit are told.")
            )
        return redirect("dashboard:pitch-edit", pk=pitch.pk)


class PitchUpdatesView(SellerPitchMixin, TemplateView):
    template_name = "startups/pitches/dashboard_updates.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pitch = kwargs.get("pitch") or self.get_pitch()
        ctx.update(
            pitch=pitch,
            form=kwargs.get("form") or PitchUpdateForm(),
            updates=pitch_updates(pitch, limit=200),
        )
        return ctx

    def post(self, request, pk):
        pitch = self.get_pitch()
        form = PitchUpdateForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.pitch_update_post(
                    user=request.user,
                    pitch=pitch,
                    text=form.cleaned_data["text"],
                    picture=form.cleaned_data.get("picture") or None,
                    figure_label=form.cleaned_data["figure_label"],
                    figure_value=form.cleaned_data["figure_value"],
                )
            except access.NotAllowed:
                raise Http404 from None
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Posted. The startup's followers are told."))
                return redirect("dashboard:pitch-updates", pk=pitch.pk)
        response = self.render_to_response(self.get_context_data(pitch=pitch, form=form))
        response.status_code = 400
        return response


class PitchQuestionsView(SellerPitchMixin, TemplateView):
    """The pitch's questions for its startup: mark held ones seen, answer in public."""

    template_name = "startups/pitches/dashboard_questions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pitch = kwargs.get("pitch") or self.get_pitch()
        ctx.update(
            pitch=pitch,
            questions=pitch_questions_for_startup(pitch),
            failed=kwargs.get("failed"),
        )
        return ctx

    def post(self, request, pk):
        pitch = self.get_pitch()
        question = get_object_or_404(Question, pitch=pitch, pk=request.POST.get("question") or 0)
        action = request.POST.get("action")
        try:
            if action == "answer":
                form = AnswerForm(request.POST)
                if not form.is_valid():
                    response = self.render_to_response(
                        self.get_context_data(pitch=pitch, failed=(question.pk, form))
                    )
                    response.status_code = 400
                    return response
                services.question_answer(
                    user=request.user, question=question, answer=form.cleaned_data["answer"]
                )
                messages.success(request, _("Answered."))
            elif action == "seen":
                services.question_mark_seen(user=request.user, question=question)
                messages.success(request, _("The question is shown on the pitch."))
            else:
                messages.error(request, _("Unknown action."))
        except access.NotAllowed:
            raise Http404 from None
        return redirect("dashboard:pitch-questions", pk=pitch.pk)


# Public and officer pages (included by startups.urls) and seller pages in the shop's
# dashboard (route, view, name), registered from StartupsConfig.ready().
urlpatterns = [
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/goi-von/<slug:pitch_slug>/"),
        PitchDetailView.as_view(),
        name="pitch-detail",
    ),
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/goi-von/<slug:pitch_slug>/hoi/"),
        QuestionAskView.as_view(),
        name="pitch-ask",
    ),
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/goi-von/<slug:pitch_slug>/lich-su/"),
        PitchHistoryView.as_view(),
        name="pitch-history",
    ),
    path("union/pitches/", PitchQueueView.as_view(), name="pitch-queue"),
    path("union/pitches/questions/", OfficerQuestionsView.as_view(), name="pitch-question-desk"),
    path("union/pitches/<int:pk>/", PitchReviewView.as_view(), name="pitch-review"),
]
DASHBOARD_URLS = [
    ("pitches/", PitchListView.as_view(), "pitch-list"),
    ("pitches/new/", PitchEditorView.as_view(), "pitch-create"),
    ("pitches/<int:pk>/", PitchEditorView.as_view(), "pitch-edit"),
    ("pitches/<int:pk>/submit/", PitchSubmitView.as_view(), "pitch-submit"),
    ("pitches/<int:pk>/updates/", PitchUpdatesView.as_view(), "pitch-updates"),
    ("pitches/<int:pk>/questions/", PitchQuestionsView.as_view(), "pitch-questions"),
]
