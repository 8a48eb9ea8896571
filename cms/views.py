"""The home page's way in, and error pages in the site's own look (Oscar's and Wagtail's
pages share one layout)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.views import serve as wagtail_serve

from cms import publishing
from core import pagecache
from startups.access import NotAllowed
from startups.views.mixins import OfficerRequiredMixin


@transaction.non_atomic_requests  # it only reads: no transaction (and no savepoints) to open
def home(request):
    """``/``: from the page cache before Wagtail routes the request (finding the site and the
    page costs four queries a visit). Wagtail serves it on a miss, so the page is still the
    site's root page as edited in the CMS."""
    return pagecache.cached_page(
        request, lambda: wagtail_serve(request, ""), keys=[pagecache.INDEX]
    )


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
