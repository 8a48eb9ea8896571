"""Pages of the profiles domain: the startup's public page and its follow button, the seller's
edit page in the shop's dashboard, and the officers' list where they verify startups."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from catalog.selectors import seller_products
from core import pagecache
from shop.dashboard.access import is_seller_user
from startups import access
from startups.forms.profiles import AwardFormSet, StartupForm, TeamFormSet
from startups.models import Startup
from startups.models.profiles import YOUTH_MAX_AGE, LookingFor
from startups.selectors import (
    public_startups,
    seller_of_user,
    shown_text,
    startup_followed_by,
    startup_ocop_stars,
    startup_of_partner,
    startup_page,
    startup_preview_pk,
    startup_products,
    startup_public_pitches,
    startup_public_pk,
    startups_for_officer,
)
from startups.services import profiles
from startups.views.mixins import CONFLICT_MESSAGE, OfficerRequiredMixin

DASHBOARD_PRODUCTS = 50
LINK_LABELS = (
    ("website", pgettext_lazy("startup link", "Website")),
    ("facebook", "Facebook"),
    ("zalo", "Zalo"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
)


# --- the public page ----------------------------------------------------------------------


class StartupDetailView(pagecache.CachedPageMixin, TemplateView):
    """A public startup's page; its seller also sees it while it is hidden, with a banner.
    Anonymous visitors get it from the page cache while the startup (``startup:<id>``), its
    seller's product list and the products shown are unchanged."""

    template_name = "startups/profiles/startup_detail.html"

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        self.preview = False
        pk = startup_public_pk(slug)
        if pk is None:
            pk = startup_preview_pk(slug, request.user)
            if pk is None:
                raise Http404
            self.preview = True
        pagecache.note(profiles.startup_key(pk))  # before the rows it guards are read
        self.startup = startup_page(pk)
        return super().get(request, *args, **kwargs)

    def products(self, startup) -> list:
        pagecache.note(pagecache.LISTS, pagecache.seller_products_key(startup.partner_id))
        return startup_products(startup)  # their tokens are noted

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        startup, language = self.startup, get_language()
        team = list(startup.team.all())
        texts = {f: shown_text(startup, f, language) for f in ("name", "tagline", "story")}
        looking_for = set(startup.looking_for or [])
        ctx.update(
            startup=startup,
            preview=self.preview,
            texts=texts,
            shown_in_vietnamese=texts["tagline"].is_fallback or texts["story"].is_fallback,
            team=[(member, shown_text(member, "role", language)) for member in team],
            awards=list(startup.awards.all()),
            youth_team=profiles.is_youth_team(team),
            youth_max_age=YOUTH_MAX_AGE,
            ocop_stars=startup_ocop_stars(startup),
            products=self.products(startup),
            pitches=startup_public_pitches(startup),
            links=[
                (label, getattr(startup, field))
                for field, label in LINK_LABELS
                if getattr(startup, field).startswith("https://")
            ],
            looking_for=[label for code, label in LookingFor.choices if code in looking_for],
            following=startup_followed_by(startup, self.request.user),
        )
        return ctx


class StartupFollowView(View):
    """Follow or stop following (POST ``action``); a visitor not signed in signs in first."""

    http_method_names = ["post"]

    def post(self, request, slug):
        page = reverse("startups:startup-detail", kwargs={"slug": slug})
        if not request.user.is_authenticated:
            return redirect_to_login(page)
        startup = get_object_or_404(public_startups(), slug=slug)
        if request.POST.get("action") == "unfollow":
            profiles.startup_unfollow(user=request.user, startup=startup)
            messages.info(request, _("You no longer follow %(name)s.") % {"name": startup.name})
        else:
            profiles.startup_follow(user=request.user, startup=startup)
            messages.success(
                request,
                _("You now follow %(name)s.") % {"name": startup.name},
            )
        return redirect(page)


# --- the seller's page in the dashboard ---------------------------------------------------


class StartupEditView(TemplateView):
    """The seller's one startup (no id in the address: a seller only ever edits its own).
    Who opens the dashboard page is ``shop.dashboard.access``; anyone who runs no seller, or
    several, gets 404."""

    template_name = "startups/profiles/startup_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.partner = seller_of_user(request.user) if is_seller_user(request.user) else None
        if self.partner is None:
            raise Http404
        self.startup = startup_of_partner(self.partner)
        self.refusal = profiles.startup_refusal(self.partner)
        return super().dispatch(request, *args, **kwargs)

    def build_forms(self, data=None, files=None):
        instance = self.startup or Startup(partner=self.partner)
        initial = None
        if self.startup is None:  # a first profile starts from what the shop already says
            initial = {
                "name": self.partner.name,
                "province": self.partner.province_id,
                "story": self.partner.description,
                "founded_year": self.partner.founded_year,
            }
        return (
            StartupForm(data, files, instance=instance, initial=initial),
            TeamFormSet(data, files, instance=instance, prefix="team"),
            AwardFormSet(data, files, instance=instance, prefix="awards"),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            ctx["form"], ctx["team_formset"], ctx["award_formset"] = self.build_forms()
        form = ctx["form"]
        ctx.update(
            link_fields=[form[name] for name in profiles.LINK_CHECKS],
            partner=self.partner,
            startup=self.startup,
            refusal=self.refusal,
            products=list(seller_products(seller=self.partner)[:DASHBOARD_PRODUCTS]),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if self.refusal:
            messages.error(request, self.refusal)
            return redirect("dashboard:startup-edit")
        form, team, awards = self.build_forms(request.POST, request.FILES)
        if form.is_valid() & team.is_valid() & awards.is_valid():  # every error at once
            try:
                profiles.startup_save(
                    partner=self.partner,
                    user=request.user,
                    data=form.profile_data(),
                    team=team.rows(),
                    awards=awards.rows(),
                )
            except profiles.StartupRefused as refused:
                form.add_error(None, refused.message)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your startup's profile is saved."))
                return redirect("dashboard:startup-edit")
        return self.render_to_response(
            self.get_context_data(form=form, team_formset=team, award_formset=awards)
        )


# --- the officers' list -------------------------------------------------------------------


class StartupQueueView(OfficerRequiredMixin, ListView):
    """The startups of the officer's unit tree, verified or not, to verify or un-verify."""

    template_name = "startups/profiles/officer_list.html"
    context_object_name = "startups"
    paginate_by = 50
    FILTERS = {"yes": True, "no": False}

    def get_queryset(self):
        self.verified = self.request.GET.get("verified", "")
        return startups_for_officer(self.officer, verified=self.FILTERS.get(self.verified))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(officer=self.officer, verified=self.verified)
        return ctx


class StartupVerifyView(OfficerRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        startup = get_object_or_404(startups_for_officer(self.officer), pk=pk)
        action = request.POST.get("action")
        try:
            if action == "verify":
                profiles.startup_verify(officer=self.officer, startup=startup)
                messages.success(
                    request,
                    _("Verified: the page of %(name)s now says it is verified by %(unit)s.")
                    % {"name": startup.name, "unit": self.officer.unit.name},
                )
            elif action == "unverify":
                profiles.startup_unverify(officer=self.officer, startup=startup)
                messages.info(
                    request, _("%(name)s is no longer shown as verified.") % {"name": startup.name}
                )
            else:
                messages.error(request, _("Unknown action."))
        except access.ConflictOfInterest:
            messages.error(request, CONFLICT_MESSAGE)
        except access.NotAllowed:
            messages.error(
                request,
                _(
                    "A unit above yours verified this startup: only an officer of that unit "
                    "can remove its verification."
                ),
            )
        return redirect("startups:startup-queue")


urlpatterns = [
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/"),
        StartupDetailView.as_view(),
        name="startup-detail",
    ),
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/theo-doi/"),
        StartupFollowView.as_view(),
        name="follow",
    ),
    path("union/startups/", StartupQueueView.as_view(), name="startup-queue"),
    path("union/startups/<int:pk>/verify/", StartupVerifyView.as_view(), name="startup-verify"),
]
# Seller pages in the shop's dashboard (route, view, name), registered from
# StartupsConfig.ready() and named in shop.dashboard.access.SELLER_VIEWS.
DASHBOARD_URLS = [("startup/", StartupEditView.as_view(), "startup-edit")]
