"""The home page's way in, and error pages in the site's own look (Oscar's and Wagtail's
pages share one layout)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.views import serve as wagtail_serve

from cms import publishing
from cms.models import HomePage, not_private
from cms.sites import site_for_request
from core import pagecache
from startups.access import NotAllowed
from startups.views.mixins import OfficerRequiredMixin


@transaction.non_atomic_requests  # it only reads: no transaction (and no savepoints) to open
def home(request):
    """``/``: from the page cache before Wagtail routes the request. Wagtail serves it on a
    miss (its hooks, view restrictions, ``serve``), so the page is still the site's root page
    as edited in the CMS; only finding it is cheaper (``_home_route``)."""
    return pagecache.cached_page(request, lambda: _serve_home(request), keys=[pagecache.INDEX])


def _serve_home(request):
    route = _home_route(request)
    if route is not None:
        request._wagtail_route_for_request = route  # where Wagtail keeps the route it found
    return wagtail_serve(request, "")


def _home_route(request):
    """Wagtail's route to the site's root page in the active language, found with one query
    instead of five: Wagtail reads the site, the active ``Locale``, the page's own row, then its
    view restrictions (``check_view_restrictions``) and ``page.locale`` again (the header's
    language links). Here the site comes from the cache (``cms.sites``), then one query reads
    the live home page among the root page's translations in the active language with its
    locale and whether a view restriction covers it.

    None when there is no such page: Wagtail then routes the request itself, falling back as
    it does (the root page in its own language, or 404)."""
    site, root_key = site_for_request(request)
    if site is None:
        return None
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        return None
    page = (
        HomePage.objects.filter(
            translation_key=root_key,
            locale__language_code=language,
            live=True,
        )
        .select_related("locale")
        .annotate(unrestricted=not_private())
        .first()
    )
    if page is None:
        return None
    # An alias reads its source's restrictions too: left to the page's own rule.
    page.known_unrestricted = page.unrestricted and page.alias_of_id is None
    return page.route(request, [])


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep this template free of database lookups: the database may be the failure.
    return render(request, "500.html", status=500)


def closed_feature(request, *args, **kwargs):
    """Oscar features the site does not offer (wish lists, which would show other people's lists by id); Oscar's customer app
    wires their URLs itself, whatever ``OSCAR_HIDDEN_FEATURES`` says."""
    raise Http404


class EditorRoleView(OfficerRequiredMixin, TemplateView):
    """``/union/site/``: an officer of a province unit sees its province's section of the site
    and takes (or gives back) the editor role there, with the login it already has; then it
    edits the section in the CMS. Other officers are told who edits their pages."""

    template_name = "cms/union/editor_role.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit = publishing.editor_unit_of(self.officer)
        ctx["unit"] = unit
        if unit is not None:
            section = publishing.section_of(unit)
            ctx["section"] = section
            ctx["is_editor"] = publishing.is_editor(self.request.user, unit)
            if section is not None:
                ctx["edit_url"] = reverse("wagtailadmin_explore", args=[section.pk])
        return ctx

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("action") == "leave":
                publishing.editor_role_leave(user=request.user)
                messages.success(request, _("You no longer edit your province's pages."))
            else:
                publishing.editor_role_take(user=request.user)
                messages.success(
                    request,
                    _(
                        "You now edit your province's pages. What you write is published "
                        "once a moderator approves it."
                    ),
                )
        except NotAllowed:
            raise PermissionDenied from None
        return HttpResponseRedirect(reverse("cms-editor-role"))
