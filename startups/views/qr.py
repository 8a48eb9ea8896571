"""Pages of the QR domain: the short address a poster's QR opens (public), the seller's
posters and cashless-stall card (dashboard), and the officers' sheet of posters for their unit
tree.

An expo's poster and its approved booths' posters are printed by the officers covering the
expo (from its organisers' pages), a booth's also by its exhibitor (from the booth's dashboard
page): ``startups.selectors.expo_posters`` says who may print what.

The short address ``/q/<code>/`` counts one QR visit (``startups.services.qr``) and sends the
visitor on to the public page with ``?src=qr``: that page is the normal (cached) page. Posters
are made only for public objects, since their QR must open a page; another seller's objects,
and an officer's ids outside its tree, are 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from startups import posters
from startups.models import QRVisitDay
from startups.selectors import (
    qr_code,
    qr_code_read,
    qr_destination,
    qr_officer_products,
    qr_officer_startups,
    qr_poster,
    qr_poster_rows,
    qr_sheet_posters,
    qr_stall,
)
from startups.selectors.expo_posters import (
    booth_poster_for_officer,
    booth_poster_for_user,
    expo_poster_for_officer,
)
from startups.services.expo_visits import visitor_cookie_set, visitor_new, visitor_of
from startups.services.qr import qr_visit_record
from startups.views.mixins import OfficerRequiredMixin

Partner = get_model("partner", "Partner")

POSTER_FORMATS = ("png", "svg", "pdf")
STALL_FORMATS = ("pdf", "png")
SHEET_MAX = 200  # posters in one PDF (pictures are scaled down: a few seconds, a few MB)
LIST_MAX = 200  # rows of each kind on the officers' page (the search narrows them)


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    # An SVG opened from our address must never run anything (ours holds no script anyway).
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def own_partners(user):
    """The approved sellers ``user`` runs."""
    return Partner.objects.filter(users=user, status=Partner.Status.APPROVED).order_by("name", "pk")


# --- public: the short address ----------------------------------------------------------------


class QRGoView(View):
    """Counts one QR visit (not for bots, nor for HEAD requests, which link checkers send) and
    redirects to the page; never cached, so that each scan reaches us."""

    http_method_names = ["get", "head"]

    def get(self, request, code):
        found = qr_code_read(code)
        destination = qr_destination(*found) if found else None
        if destination is None:
            raise Http404
        kind, pk = found
        expo_kind = kind in (QRVisitDay.Kind.EXPO, QRVisitDay.Kind.BOOTH)
        visitor = visitor_of(request) if expo_kind else None
        new_visitor = expo_kind and visitor is None
        if new_visitor:
            visitor = visitor_new()  # the expo's pages then count this browser as one visitor
        if request.method == "GET":
            qr_visit_record(
                kind=kind,
                object_id=pk,
                user_agent=request.headers.get("user-agent"),
                visitor=visitor,
            )
        response = HttpResponseRedirect(f"{destination}?src=qr")
        if new_visitor:
            visitor_cookie_set(response, visitor, secure=request.is_secure())
        add_never_cache_headers(response)
        return response


# --- seller: posters and the cashless stall (dashboard) ---------------------------------------


class QRPostersView(TemplateView):
    """The seller's startup, pitches and public products, each with its poster in three
    formats and its QR visits, and the cashless-stall card of each shop the user runs."""

    template_name = "startups/qr/posters.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        partners = list(own_partners(self.request.user))
        rows = qr_poster_rows(partners) if partners else []
        stalls = [(partner, *qr_stall(partner)) for partner in partners]
        ctx.update(
            rows=rows,
            partners=partners,
            stalls=stalls,
            formats=POSTER_FORMATS,
            recent_days=30,
        )
        return ctx


class QRPosterView(View):
    """One poster as PNG, SVG or PDF (A5): a public object of the seller's (staff: any)."""

    http_method_names = ["get"]

    def get(self, request, kind, pk, fmt):
        if kind not in posters.KINDS or fmt not in POSTER_FORMATS:
            raise Http404
        partners = None if request.user.is_staff else own_partners(request.user)
        content = qr_poster(kind, pk, partners=partners)
        if content is None:
            raise Http404
        data, content_type = posters.render(posters.poster_sheet(content), fmt)
        return _file(data, content_type, f"poster-{qr_code(kind, pk)}.{fmt}")


def _poster_size(request, fmt: str) -> str:
    """The ``?size=a5|a6`` (A5 by default) of an expo's or a booth's poster in ``fmt`` (png,
    svg or pdf); any other size or format is 404, before anything is read."""
    size = request.GET.get("size", "a5")
    if fmt not in POSTER_FORMATS or size not in posters.PAGE_SIZES:
        raise Http404
    return size


def _poster_file(content, *, kind: str, pk: int, fmt: str, size: str) -> HttpResponse:
    if content is None:  # nothing to print, or not the user's to print
        raise Http404
    data, content_type = posters.render(posters.poster_sheet(content, size=size), fmt)
    return _file(data, content_type, f"poster-{qr_code(kind, pk)}-{size}.{fmt}")


class BoothPosterView(View):
    """The exhibitor's poster of its own approved booth (another seller's booth: 404)."""

    http_method_names = ["get"]

    def get(self, request, pk, fmt):
        size = _poster_size(request, fmt)
        content = booth_poster_for_user(request.user, pk)
        return _poster_file(content, kind="booth", pk=pk, fmt=fmt, size=size)


class CashlessStallView(View):
    """The seller's static VietQR card: ``?size=a6|a5`` (A6 by default), ``?fmt=pdf|png``,
    ``?seller=<id>`` for a user who runs several shops. Without a usable bank account on file,
    a page saying how to add one (no card)."""

    http_method_names = ["get"]

    def get(self, request):
        size = request.GET.get("size", "a6")
        fmt = request.GET.get("fmt", "pdf")
        if size not in posters.PAGE_SIZES or fmt not in STALL_FORMATS:
            raise Http404
        partners = list(own_partners(request.user))
        partner = partners[0] if partners else None
        chosen = request.GET.get("seller", "")
        if chosen:
            partner = next((p for p in partners if str(p.pk) == chosen), None)
            if partner is None:
                raise Http404
        stall, problem = qr_stall(partner) if partner else (None, "no-shop")
        if stall is None:
            context = {"partner": partner, "problem": problem, "unit": _unit_of(partner)}
            return render(request, "startups/qr/stall_missing.html", context)
        sheet = posters.stall_sheet(stall, size=size)
        if fmt == "png":
            return _file(posters.png(sheet), "image/png", f"cashless-stall-{size}.png")
        return _file(posters.pdf(sheet), "application/pdf", f"cashless-stall-{size}.pdf")


def _unit_of(partner):
    """The youth-union unit the seller applied through (whose officers add bank details)."""
    application = getattr(partner, "application", None) if partner else None
    return application.union_unit if application is not None else None


# --- officers: a sheet of posters for the unit tree -------------------------------------------


class _Ids(forms.Field):
    """Ids from checkboxes sharing one name."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": gettext_lazy("The selection is not valid: reload the page and choose again.")
    }

    def to_python(self, value):
        values = value or []
        if not isinstance(values, list | tuple) or not all(
            isinstance(v, str) and v.isascii() and v.isdigit() and 0 < len(v) <= 9 for v in values
        ):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return sorted({int(v) for v in values})


class PosterSheetForm(forms.Form):
    startup = _Ids(required=False)
    product = _Ids(required=False)
    everything = forms.ChoiceField(
        choices=[("", ""), ("startups", "startups"), ("products", "products")], required=False
    )
    q = forms.CharField(max_length=100, required=False, strip=True)


class OfficerPostersView(OfficerRequiredMixin, TemplateView):
    """Choose public startups or products of the unit tree (or all of one kind matching the
    search) and download one PDF, one A5 poster a page, at most ``SHEET_MAX`` posters."""

    template_name = "startups/qr/officer_posters.html"

    def query(self, data) -> str:
        return str(data.get("q", "")).strip()[:100]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = kwargs.get("query", self.query(self.request.GET))
        startups = qr_officer_startups(self.officer, query=query)
        products = qr_officer_products(self.officer, query=query)
        ctx.update(
            officer=self.officer,
            query=query,
            startups=list(startups.prefetch_related(None)[:LIST_MAX]),
            products=list(products.prefetch_related(None).only("pk", "title")[:LIST_MAX]),
            startup_count=startups.count(),
            product_count=products.count(),
            list_max=LIST_MAX,
            sheet_max=SHEET_MAX,
            chosen_startups=kwargs.get("chosen_startups", ()),
            chosen_products=kwargs.get("chosen_products", ()),
        )
        return ctx

    def refuse(self, message, form=None):
        messages.error(self.request, message)
        data = form.cleaned_data if form is not None and hasattr(form, "cleaned_data") else {}
        context = self.get_context_data(
            query=self.query(self.request.POST),
            chosen_startups=data.get("startup") or (),
            chosen_products=data.get("product") or (),
        )
        return self.render_to_response(context, status=400)

    def post(self, request, *args, **kwargs):
        form = PosterSheetForm(request.POST)
        if not form.is_valid():
            return self.refuse(_("The selection is not valid: reload the page and choose again."))
        data = form.cleaned_data
        query = data["q"]
        if data["everything"] == "startups":
            startups, products = qr_officer_startups(self.officer, query=query), []
        elif data["everything"] == "products":
            startups, products = [], qr_officer_products(self.officer, query=query)
        else:
            startups = list(qr_officer_startups(self.officer).filter(pk__in=data["startup"]))
            products = list(qr_officer_products(self.officer).filter(pk__in=data["product"]))
            # an id outside the officer's tree (or not public) is not confirmed to exist
            if len(startups) != len(data["startup"]) or len(products) != len(data["product"]):
                raise Http404
        total = len(startups) + len(products)
        if total == 0:
            return self.refuse(_("Choose at least one startup or product."), form)
        if total > SHEET_MAX:
            return self.refuse(
                _(
                    "At most %(max)d posters fit in one PDF and you chose %(count)d. Choose "
                    "fewer, or narrow the search, and print the rest in another PDF."
                )
                % {"max": SHEET_MAX, "count": total},
                form,
            )
        sheets = [
            posters.poster_sheet(content)
            for content in qr_sheet_posters(startups=startups, products=products)
        ]
        title = _("QR posters: %(unit)s") % {"unit": self.officer.unit.name}
        return _file(
            posters.pdf(sheets, title=title),
            "application/pdf",
            f"qr-posters-{self.officer.unit.code}.pdf",
        )


class OfficerExpoPosterView(OfficerRequiredMixin, View):
    """The poster of an announced expo the officer's unit tree organises."""

    http_method_names = ["get"]

    def get(self, request, pk, fmt):
        size = _poster_size(request, fmt)
        content = expo_poster_for_officer(self.officer, pk)
        return _poster_file(content, kind="expo", pk=pk, fmt=fmt, size=size)


class OfficerBoothPosterView(OfficerRequiredMixin, View):
    """The poster of an approved booth of such an expo."""

    http_method_names = ["get"]

    def get(self, request, pk, booth_pk, fmt):
        size = _poster_size(request, fmt)
        content = booth_poster_for_officer(self.officer, pk, booth_pk)
        return _poster_file(content, kind="booth", pk=booth_pk, fmt=fmt, size=size)


# Public and officer pages (included by startups.urls) and seller pages in the shop's
# dashboard (route, view, name), registered from StartupsConfig.ready().
urlpatterns = [
    path("q/<str:code>/", QRGoView.as_view(), name="qr-go"),
    path("union/posters/", OfficerPostersView.as_view(), name="officer-posters"),
    path(
        "union/expos/<int:pk>/poster/<str:fmt>/",
        OfficerExpoPosterView.as_view(),
        name="union-expo-poster",
    ),
    path(
        "union/expos/<int:pk>/booths/<int:booth_pk>/poster/<str:fmt>/",
        OfficerBoothPosterView.as_view(),
        name="union-booth-poster",
    ),
]
DASHBOARD_URLS = [
    ("qr/", QRPostersView.as_view(), "qr-posters"),
    ("qr/cashless-stall/", CashlessStallView.as_view(), "cashless-stall"),
    ("qr/<str:kind>/<int:pk>/<str:fmt>/", QRPosterView.as_view(), "qr-poster"),
    ("expo/booths/<int:pk>/poster/<str:fmt>/", BoothPosterView.as_view(), "booth-poster"),
]
