"""The expos' public pages: the list of expos, the lobby, halls, sessions, booths, passport.

- Public pages (list, lobby, hall, session, booth) are cached for anonymous visitors
  (``core.pagecache``) under the expo's token (``Expo.token_key``, bumped by every write that
  changes what they show) and, where product cards show, the catalogue's. What differs per
  visitor comes afterwards from small requests: the passport's stamps from the visit beacon
  (``startups.views.expo_stats``), the booths with staff online from ``ExpoOnlineView``. A
  page is not stored when the expo changes phase within the cache's lifetime (its opening,
  its closing), so a cached page never outlives its phase.
- A draft expo is 404 to the public; the officers covering it get a preview, with a banner.
- Before opening: the countdown, schedule and halls; booths show once the expo opens. After
  closing: read-only (no contact or question forms), with the replays.
- The booth's forms post here: "leave your contact" (a lead of the booth, the interest form's
  rules) and a public question (signed in). The passport page reads the visitor's cookie and
  is never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core import pagecache
from startups import antispam
from startups.forms.expos import BoothQuestionForm, DrawEntryForm
from startups.forms.leads import LeadForm
from startups.models import BoothQuestion, DrawEntry, Expo
from startups.selectors.expo_stats import passport_status
from startups.selectors.expos import (
    EXPO_LIST_KEY,
    approved_booths,
    booth_featured_ids,
    booth_of_expo,
    booth_page,
    booths_shown,
    expo_frame,
    expo_pk_of,
    expo_shown,
    hall_page,
    lobby,
    next_boundary,
    public_expos,
    session_page,
    staff_online,
)
from startups.services import booth_questions, expo_visits
from startups.services.expo_visits import DrawRefused, visitor_of
from startups.services.profiles import startup_key
from startups.views.leads import lead_submit

ONLINE_SECONDS = 30  # the "staff online" fragment is shared by every visitor this long


def _cache_only_within_phase(request, expos, now) -> None:
    """Do not store this page if one of ``expos`` changes phase before it would expire."""
    boundary = next_boundary(expos, now)
    if boundary is not None and (boundary - now).total_seconds() < pagecache.page_seconds():
        pagecache.do_not_store(request)


class ExpoListView(pagecache.CachedPageMixin, TemplateView):
    """Expos live now, upcoming and past."""

    template_name = "startups/expos/public/expo_list.html"

    def page_cache_keys(self):
        return [EXPO_LIST_KEY]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        expos = public_expos(now)
        pagecache.note(*(expo.token_key for expo in expos.expos))
        _cache_only_within_phase(self.request, expos.expos, now)
        return super().get_context_data(expos=expos, now=now, **kwargs)


class ExpoPageMixin(pagecache.CachedPageMixin):
    """The expo of the address (``slug``) as the visitor may see it: ``self.expo``,
    ``self.preview`` (an officer's preview of a draft), ``self.now``."""

    def page_cache_keys(self):
        return []

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if pagecache.is_cache_render(request):  # the token before the rows it guards
            pk = expo_pk_of(slug)
            if pk is None:
                raise Http404
            pagecache.note(Expo(pk=pk).token_key)
        self.expo, self.preview = expo_shown(slug, request.user)
        if self.expo is None:
            raise Http404
        self.now = timezone.now()
        _cache_only_within_phase(request, [self.expo], self.now)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(expo_frame(self.expo, preview=self.preview, now=self.now))
        return ctx

    def note_startups(self, startup_ids) -> None:
        pagecache.note(*(startup_key(pk) for pk in startup_ids))


class ExpoLobbyView(ExpoPageMixin, TemplateView):
    template_name = "startups/expos/public/lobby.html"

    def get_context_data(self, **kwargs):
        # The booths' startups: under the expo's token, which their changes replace too
        # (startups.receivers.expos_of_startups).
        data = lobby(self.expo, now=self.now, preview=self.preview)
        return super().get_context_data(lobby=data, **kwargs)


class ExpoHallView(ExpoPageMixin, TemplateView):
    template_name = "startups/expos/public/hall.html"

    def get_context_data(self, **kwargs):
        data = hall_page(self.expo, self.kwargs["hall_pk"], now=self.now, preview=self.preview)
        if data is None:
            raise Http404
        return super().get_context_data(hall=data, **kwargs)


class ExpoSessionView(ExpoPageMixin, TemplateView):
    template_name = "startups/expos/public/session.html"

    def get_context_data(self, **kwargs):
        data = session_page(
            self.expo, self.kwargs["session_pk"], now=self.now, preview=self.preview
        )
        if data is None:
            raise Http404
        return super().get_context_data(session=data, **kwargs)


def booth_context(request, expo, data, *, contact_form=None, question_form=None) -> dict:
    """What the booth page shows besides the booth itself (also for a refused form)."""
    phase = expo.phase
    return {
        "booth_page": data,
        "booth": data.booth,
        "hall": data.booth.hall,
        "open_for_contact": phase == Expo.Phase.LIVE,
        "contact_form": contact_form or LeadForm(),
        "question_form": question_form or BoothQuestionForm(),
    }


class ExpoBoothView(ExpoPageMixin, TemplateView):
    """A booth: story, team, featured products (price, stock, add to basket), video,
    brochure, the expo-only offer, marketplace buttons, contact form, questions."""

    template_name = "startups/expos/public/booth.html"

    def get_context_data(self, **kwargs):
        booth_pk = self.kwargs["booth_pk"]
        product_ids, public_ids = booth_featured_ids(booth_pk)
        if pagecache.is_cache_render(self.request):
            startup_id = (
                approved_booths(self.expo)
                .filter(pk=booth_pk)
                .values_list("startup_id", flat=True)
                .first()
            )
            if startup_id is not None:
                self.note_startups([startup_id])
            pagecache.note_products(product_ids)
        data = booth_page(
            self.expo,
            booth_pk,
            user=self.request.user,
            now=self.now,
            preview=self.preview,
            product_ids=product_ids,
            public_ids=public_ids,
        )
        if data is None:
            raise Http404
        ctx = super().get_context_data(**kwargs)
        ctx.update(booth_context(self.request, self.expo, data))
        return ctx


class _BoothPostView(View):
    """A form of a booth page (POST only): the approved booth of a visible expo, else 404."""

    http_method_names = ["post"]

    def booth_and_page(self, request, slug, booth_pk):
        expo, preview = expo_shown(slug, request.user)
        if expo is None:
            raise Http404
        booth = booth_of_expo(expo, booth_pk, preview=preview)
        if booth is None:
            raise Http404
        return expo, booth

    def booth_url(self, expo, booth) -> str:
        return reverse("startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": booth.pk})

    def page(self, request, expo, booth_pk, status: int, **forms):
        data = booth_page(expo, booth_pk, user=request.user, preview=True)
        context = {
            **expo_frame(expo, preview=not expo.published),
            **booth_context(request, expo, data, **forms),
        }
        return render(request, "startups/expos/public/booth.html", context, status=status)


class ExpoBoothContactView(_BoothPostView):
    """ "Leave your contact": a lead of the booth, with the interest form's rules (honeypot,
    links, duplicates, rate limits). A refusal comes back on the booth page with the reason
    (400), or on a page saying how long to wait (429)."""

    def post(self, request, slug, booth_pk):
        expo, booth = self.booth_and_page(request, slug, booth_pk)
        form = LeadForm(request.POST, account=request.user)
        if expo.phase != Expo.Phase.LIVE:
            form.is_valid()
            form.add_error(None, _("The expo is not open: booths take contacts while it runs."))
            return self.page(request, expo, booth.pk, 400, contact_form=form)
        if form.is_valid():
            try:
                lead_submit(request, form, startup=booth.startup, booth=booth)
            except antispam.RateLimited as refused:
                context = {"expo": expo, "booth": booth, "reason": refused.reason}
                return render(request, "startups/expos/public/refused.html", context, status=429)
            except antispam.Refused as refused:
                form.add_error(None, refused.reason)
            else:
                messages.success(
                    request,
                    _("Thank you: %(name)s has your contact and will get back to you.")
                    % {"name": booth.startup.name},
                )
                return redirect(self.booth_url(expo, booth) + "#contact")
        return self.page(request, expo, booth.pk, 400, contact_form=form)


class ExpoBoothAskView(_BoothPostView):
    """A public question at a booth, signed in (a visitor who is not is sent to log in). A
    first question is held until the booth's staff or the organisers have seen it."""

    def post(self, request, slug, booth_pk):
        expo, booth = self.booth_and_page(request, slug, booth_pk)
        if not request.user.is_authenticated:
            return redirect_to_login(self.booth_url(expo, booth) + "#questions")
        form = BoothQuestionForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                question = booth_questions.booth_question_ask(
                    user=request.user,
                    booth=booth,
                    text=form.cleaned_data["text"],
                    address=antispam.client_address(request),
                )
            except antispam.Refused as refused:
                form.add_error("text", refused.reason)
                status = refused.status
            else:
                if question.status == BoothQuestion.Status.HELD:
                    messages.info(
                        request,
                        _(
                            "Thank you. Your question shows once the booth's team or the "
                            "organisers have seen it."
                        ),
                    )
                else:
                    messages.success(request, _("Thank you: your question is on the page."))
                return redirect(self.booth_url(expo, booth) + "#questions")
        return self.page(request, expo, booth.pk, status, question_form=form)


class ExpoPassportView(TemplateView):
    """The visitor's passport: the booths stamped, the reward once unlocked (the voucher
    code, or the draw entry form), and after the draw its seed, tickets and winners. Read
    from the visitor's cookie: never cached."""

    template_name = "startups/expos/public/passport.html"

    def dispatch(self, request, *args, **kwargs):
        self.expo, self.preview = expo_shown(kwargs["slug"], request.user)
        if self.expo is None:
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        expo = self.expo
        status = passport_status(expo, visitor_of(self.request))
        booths = list(approved_booths(expo)) if booths_shown(expo, preview=self.preview) else []
        drawn = expo.reward == Expo.Reward.DRAW and expo.draw_run_at is not None
        tickets = []
        if drawn:
            tickets = list(DrawEntry.objects.filter(expo=expo).values_list("ticket", flat=True))
        ctx = super().get_context_data(**kwargs)
        ctx.update(expo_frame(expo, preview=self.preview))
        ctx.update(
            passport=status,
            booths=[(booth, booth.pk in status.stamped) for booth in booths],
            remaining=max(status.goal - status.count, 0),
            drawn=drawn,
            tickets=tickets,
            draw_form=kwargs.get("draw_form") or DrawEntryForm(),
            reward_text=expo.reward_text_en
            if (get_language() or "").startswith("en") and expo.reward_text_en
            else expo.reward_text,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = DrawEntryForm(request.POST)
        if form.is_valid():
            try:
                entry = expo_visits.draw_enter(
                    expo=self.expo,
                    visitor=visitor_of(request) or "",
                    user=request.user,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                )
            except DrawRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("You are in the draw. Your ticket is %(ticket)s.") % {"ticket": entry.ticket},
                )
                return redirect("startups:expo-passport", slug=self.expo.slug)
        return self.render_to_response(self.get_context_data(draw_form=form), status=400)


class ExpoOnlineView(View):
    """The booths with staff online now, as a small HTML fragment the lobby's script fetches
    (so the lobby itself stays cacheable). Shared by every visitor for ``ONLINE_SECONDS``."""

    http_method_names = ["get", "head"]

    def get(self, request, slug):
        expo, preview = expo_shown(slug, request.user)
        if expo is None:
            raise Http404
        key = f"expo:online:{expo.pk}:{get_language()}"
        html = None if preview else cache.get(key)
        if html is None:
            html = render_to_string(
                "startups/expos/public/_online.html",
                {"expo": expo, "online": staff_online(expo)},
                request=None,
            )
            if not preview:
                cache.set(key, html, ONLINE_SECONDS)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = f"public, max-age={ONLINE_SECONDS}"
        response["X-Robots-Tag"] = "noindex"
        return response


urlpatterns = [
    path(pgettext_lazy("url", "trien-lam/"), ExpoListView.as_view(), name="expo-list"),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/"), ExpoLobbyView.as_view(), name="expo-lobby"
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/khu/<int:hall_pk>/"),
        ExpoHallView.as_view(),
        name="expo-hall",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/phien/<int:session_pk>/"),
        ExpoSessionView.as_view(),
        name="expo-session",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/gian/<int:booth_pk>/"),
        ExpoBoothView.as_view(),
        name="expo-booth",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/gian/<int:booth_pk>/lien-he/"),
        ExpoBoothContactView.as_view(),
        name="expo-booth-contact",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/gian/<int:booth_pk>/hoi/"),
        ExpoBoothAskView.as_view(),
        name="expo-booth-ask",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/ho-chieu/"),
        ExpoPassportView.as_view(),
        name="expo-passport",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/dang-truc/"),
        ExpoOnlineView.as_view(),
        name="expo-online",
    ),
]
