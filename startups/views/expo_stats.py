"""Counting and figures: the visit beacon, the counted links out of a booth, the organiser's
report and its exports, the draw, the exhibitor's own booth numbers.

The beacon (``BeaconView``) is the only way a page view is counted: the expo's pages may come
from the cache and never write anything; their script sends the event here afterwards. It is
csrf-exempt (a cached page carries no token) and so checks instead that the request comes from
one of our own pages (Origin, else Referer). It writes one or two rows
(``startups.services.expo_visits.event_record``) and answers the visitor's passport.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from openpyxl import Workbook
from oscar.templatetags.currency_filters import currency

from catalog.models import MarketplaceLink
from catalog.selectors import public_products
from core.charts import COLOURS, bar_chart, line_chart
from core.exports import csv_writer, xlsx_append
from startups.access import officer_covers_expo
from startups.models import (
    Booth,
    BoothProduct,
    DrawEntry,
    Expo,
    ExpoEvent,
)
from startups.selectors.expo_stats import beacon_plan, expo_figures, passport_json
from startups.services.expo_visits import (
    SEED_MAX,
    DrawRefused,
    draw_order,
    draw_run,
    event_record,
    server_event_id,
    visit_record,
    visitor_cookie_set,
    visitor_new,
    visitor_of,
)
from startups.views.mixins import OfficerRequiredMixin

BEACON_KINDS = (
    ExpoEvent.Kind.LOBBY,
    ExpoEvent.Kind.HALL,
    ExpoEvent.Kind.BOOTH,
    ExpoEvent.Kind.SESSION,
)


def same_origin(request) -> bool:
    """The request was sent by one of our pages: its Origin (or, without one, its Referer)
    names our host."""
    source = request.headers.get("origin") or request.headers.get("referer") or ""
    try:
        parts = urlsplit(source)
        host = request.get_host()
    except (ValueError, DisallowedHost):
        return False
    return parts.scheme in ("http", "https") and bool(host) and parts.netloc.lower() == host.lower()


class _Id(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2_147_483_647, **kwargs)


class BeaconForm(forms.Form):
    event_id = forms.UUIDField()
    expo = _Id()
    kind = forms.ChoiceField(choices=[(kind, kind) for kind in BEACON_KINDS])
    hall = _Id(required=False)
    booth = _Id(required=False)
    session = _Id(required=False)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (ExpoEvent.Kind.HALL, ExpoEvent.Kind.BOOTH, ExpoEvent.Kind.SESSION) and not (
            data.get(kind)
        ):
            raise forms.ValidationError("the %(kind)s is missing", params={"kind": kind})
        return data


def _no_store(response):
    add_never_cache_headers(response)
    return response


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class BeaconView(View):
    """POST ``event_id, expo, kind, hall, booth, session`` (form-encoded): 200 with the
    passport ``{"stamps", "goal", "unlocked"}`` when counted; 204 when not counted (a known
    bot, or outside the expo's dates); 400 bad input, 403 another site, 404 an expo (hall,
    booth, session) the public cannot see. Nothing is written unless it is counted."""

    http_method_names = ["post"]

    def post(self, request):
        if not same_origin(request):
            return _no_store(HttpResponseForbidden())
        form = BeaconForm(request.POST)
        if not form.is_valid():
            return _no_store(HttpResponse(status=400))
        data = form.cleaned_data
        plan = beacon_plan(data["expo"])
        if plan is None or not plan.is_open():
            raise Http404
        kind, hall_id, booth_id = data["kind"], None, None
        if kind == ExpoEvent.Kind.BOOTH:
            booth_id = data["booth"]
            if booth_id not in plan.booths:  # not this expo's, or not approved
                raise Http404
            hall_id = plan.booths[booth_id]
        elif kind == ExpoEvent.Kind.SESSION:
            if data["session"] not in plan.sessions:
                raise Http404
            hall_id = plan.sessions[data["session"]]
        elif kind == ExpoEvent.Kind.HALL:
            hall_id = data["hall"]
            if hall_id not in plan.halls:
                raise Http404
        visitor = visitor_of(request)
        new_visitor = visitor is None
        if new_visitor:
            visitor = visitor_new()
        stamps = visit_record(
            plan=plan,
            kind=kind,
            visitor=visitor,
            event_id=data["event_id"],
            hall_id=hall_id,
            booth_id=booth_id,
            user_agent=request.headers.get("user-agent", ""),
        )
        if stamps is None:
            return _no_store(HttpResponse(status=204))
        response = JsonResponse(passport_json(stamps, plan.passport_goal))
        if new_visitor:
            visitor_cookie_set(response, visitor, secure=request.is_secure())
        return _no_store(response)


# --- counted links out of a booth ----------------------------------------------------------


def _open_booth(slug: str, booth_pk: int) -> Booth:
    """An approved booth of an expo the public can see (live or closed), else 404."""
    booth = (
        Booth.objects.filter(
            pk=booth_pk, expo__slug=slug, expo__published=True, status=Booth.Status.APPROVED
        )
        .select_related("expo")
        .first()
    )
    if booth is None or not booth.expo.is_open:
        raise Http404
    return booth


def _counted_redirect(request, booth: Booth, *, kind: str, product_id: int, target: str, key):
    """Record one ``kind`` event of the browser (not for HEAD or known bots), with an id made
    from the visitor, the booth, ``key`` and the 10-minute window, then redirect."""
    visitor = visitor_of(request)
    new_visitor = visitor is None
    if new_visitor:
        visitor = visitor_new()
    if request.method == "GET":
        event_record(
            expo=booth.expo,
            kind=kind,
            visitor=visitor,
            event_id=server_event_id(visitor, kind, booth.pk, key),
            hall_id=booth.hall_id,
            booth_id=booth.pk,
            product_id=product_id,
            user_agent=request.headers.get("user-agent", ""),
        )
    response = HttpResponseRedirect(target)
    if new_visitor:
        visitor_cookie_set(response, visitor, secure=request.is_secure())
    response["X-Robots-Tag"] = "noindex"
    return _no_store(response)


class ProductGoView(View):
    """A featured product's link on a booth: counts a product view from the expo, then opens
    the product's page. 404 unless the product is featured at that booth and public."""

    http_method_names = ["get", "head"]

    def get(self, request, slug, booth_pk, product_pk):
        booth = _open_booth(slug, booth_pk)
        product = (
            public_products()
            .filter(
                pk=product_pk, pk__in=BoothProduct.objects.filter(booth=booth).values("product_id")
            )
            .only("pk", "slug")
            .first()
        )
        if product is None:
            raise Http404
        return _counted_redirect(
            request,
            booth,
            kind=ExpoEvent.Kind.PRODUCT,
            product_id=product.pk,
            target=product.get_absolute_url(),
            key=f"p{product.pk}",
        )


class MarketGoView(View):
    """An "also on Postmart / Lazada ..." button of a booth: counts a marketplace click of the
    expo, then goes through the site's counted ``marketplace-go`` redirect. The link must be
    of a product featured at that booth."""

    http_method_names = ["get", "head"]

    def get(self, request, slug, booth_pk, link_pk):
        booth = _open_booth(slug, booth_pk)
        link = (
            MarketplaceLink.objects.filter(
                pk=link_pk,
                product_id__in=BoothProduct.objects.filter(booth=booth).values("product_id"),
            )
            .only("pk", "product_id")
            .first()
        )
        if link is None:
            raise Http404
        return _counted_redirect(
            request,
            booth,
            kind=ExpoEvent.Kind.MARKETPLACE,
            product_id=link.product_id,
            target=reverse("marketplace-go", kwargs={"link_id": link.pk}),
            key=f"m{link.pk}",
        )


# --- the organiser's report, its exports and the draw ---------------------------------------

COLUMNS = (
    ("visitors", gettext_lazy("Visitors")),
    ("booth_visits", gettext_lazy("Booth visits")),
    ("product_views", gettext_lazy("Product views")),
    ("market_clicks", gettext_lazy("Marketplace clicks")),
    ("qr_visits", gettext_lazy("QR visits")),
    ("leads", gettext_lazy("Leads")),
    ("questions", gettext_lazy("Questions")),
    ("orders", gettext_lazy("Orders")),
)
FUNNEL_LABELS = {
    "visitors": gettext_lazy("Visitors"),
    "booth_visits": gettext_lazy("Booth visits"),
    "leads": gettext_lazy("Leads"),
    "orders": gettext_lazy("Orders"),
}
EXPORT_FORMATS = ("csv", "xlsx")
SECTION_TITLES = {  # also the sheets' names in the XLSX
    "totals": pgettext_lazy("expo figures", "Totals"),
    "days": pgettext_lazy("expo figures", "Per day"),
    "halls": pgettext_lazy("expo figures", "Per hall"),
    "booths": pgettext_lazy("expo figures", "Booths"),
    "funnel": pgettext_lazy("expo figures", "Conversion"),
}


def _row_values(row) -> list:
    return [row[metric] for metric, _label in COLUMNS] + [row.revenue]


def _headers(first) -> list[str]:
    return [str(first)] + [str(label) for _metric, label in COLUMNS] + [str(_("Revenue (VND)"))]


def figure_sections(figures) -> list[tuple[str, str, list, list]]:
    """The report's tables: (key, title, headers, rows), as the page and the exports show
    them. Cells are numbers (int; Decimal for money; float for a share), dates or text."""
    sections = [
        (
            "totals",
            SECTION_TITLES["totals"],
            _headers(_("Expo") if figures.booth is None else _("Booth")),
            [[figures.totals.label, *_row_values(figures.totals)]],
        ),
        (
            "days",
            SECTION_TITLES["days"],
            _headers(_("Day")),
            [[row.obj, *_row_values(row)] for row in figures.per_day],
        ),
    ]
    if figures.booth is None:
        sections.append(
            (
                "halls",
                SECTION_TITLES["halls"],
                _headers(_("Hall")),
                [[row.label, *_row_values(row)] for row in figures.halls],
            )
        )
        sections.append(
            (
                "booths",
                SECTION_TITLES["booths"],
                [str(_("Rank")), str(_("Hall")), *_headers(_("Booth"))],
                [
                    [rank, row.hall, row.label, *_row_values(row)]
                    for rank, row in enumerate(figures.booths, start=1)
                ],
            )
        )
    sections.append(
        (
            "funnel",
            SECTION_TITLES["funnel"],
            [
                str(pgettext("expo figures", "Stage")),
                str(_("Number")),
                str(_("Share of visitors (%)")),
            ],
            [
                [str(FUNNEL_LABELS[stage]), value, _share(value, figures.totals["visitors"])]
                for stage, value in figures.funnel
            ],
        )
    )
    return sections


def _share(value, base) -> float:
    return round(100 * value / base, 1) if base else 0.0


def _display(value) -> str:
    if isinstance(value, Decimal):
        return currency(value, "VND")
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, use_l10n=True)
    if isinstance(value, int):
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def display_sections(sections) -> list:
    """The sections with their cells as the page shows them (grouped numbers, VND)."""
    return [
        (key, title, headers, [[_display(cell) for cell in row] for row in rows])
        for key, title, headers, rows in sections
    ]


def figure_charts(figures) -> list:
    """The report's charts (inline SVG with their numbers as tables)."""
    days = [date_format(day, "d/m") for day in figures.days]
    charts = [
        line_chart(
            days,
            [
                (_("Visitors"), [row["visitors"] for row in figures.per_day]),
                (_("Booth visits"), [row["booth_visits"] for row in figures.per_day]),
            ],
            title=_("Visitors per day"),
            testid="per-day",
        )
    ]
    if figures.booth is None:
        charts.append(
            bar_chart(
                [(row.label, row["booth_visits"]) for row in figures.booths[:RANKING_CHART_MAX]],
                title=_("Booths ranked by visits"),
                value_label=_("Booth visits"),
                testid="ranking",
            )
        )
        charts.append(
            bar_chart(
                [(row.label, row["visitors"]) for row in figures.halls],
                title=_("Visitors per hall"),
                value_label=_("Visitors"),
                testid="halls",
                colour=COLOURS[2],
            )
        )
    charts.append(
        bar_chart(
            [(FUNNEL_LABELS[stage], value) for stage, value in figures.funnel],
            title=_("From visits to leads and orders"),
            value_label=_("Number"),
            testid="funnel",
            colour=COLOURS[1],
        )
    )
    return charts


RANKING_CHART_MAX = 20  # the chart shows the first 20 booths; the table shows them all


def figures_export(figures, fmt: str, filename: str) -> HttpResponse:
    """The report's tables as CSV (one file, sections one after the other) or XLSX (a sheet
    per section, numbers stored as numbers)."""
    sections = figure_sections(figures)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        for n, (_key, title, headers, rows) in enumerate(sections):
            if n:
                writer.writerow([])
            writer.writerow([title])
            writer.writerow(headers)
            writer.writerows(_cells_out(rows))
        content, content_type = buffer.getvalue().encode(), "text/csv; charset=utf-8"
    else:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for _key, title, headers, rows in sections:
            sheet = workbook.create_sheet(str(title)[:31])
            xlsx_append(sheet, headers)
            for row in _cells_out(rows, dates=False):
                xlsx_append(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _cells_out(rows, *, dates: bool = True):
    """Cells for a file: money as whole dong (int), dates ISO in a CSV (real dates in XLSX)."""
    for row in rows:
        yield [
            int(value)
            if isinstance(value, Decimal)
            else value.isoformat()
            if dates and isinstance(value, datetime.date)
            else value
            for value in row
        ]


class _OfficerExpoMixin(OfficerRequiredMixin):
    """The expo of the URL when the officer's unit tree organises it; else 404."""

    def expo(self) -> Expo:
        expo = Expo.objects.select_related("unit").filter(pk=self.kwargs["pk"]).first()
        if expo is None or not officer_covers_expo(self.officer, expo):
            raise Http404
        return expo


class ExpoReportView(_OfficerExpoMixin, TemplateView):
    template_name = "startups/expos/stats/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo = self.expo()
        figures = expo_figures(expo)
        ctx.update(
            expo=expo,
            phase_label=Expo.Phase(expo.phase).label,
            figures=figures,
            charts=figure_charts(figures),
            sections=display_sections(figure_sections(figures)),
            formats=EXPORT_FORMATS,
        )
        return ctx


class ExpoReportExportView(_OfficerExpoMixin, View):
    http_method_names = ["get"]

    def get(self, request, pk, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        expo = self.expo()
        return figures_export(expo_figures(expo), fmt, f"expo-{expo.slug}-report")


class ExpoDrawForm(forms.Form):
    seed = forms.CharField(label=gettext_lazy("Seed"), max_length=SEED_MAX, strip=True)


class ExpoDrawView(_OfficerExpoMixin, TemplateView):
    """The passport draw: after closing, the officer writes the seed they publish and runs it
    once; the page says how anyone can repeat it."""

    template_name = "startups/expos/stats/draw.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo = kwargs.get("expo") or self.expo()
        tickets = list(DrawEntry.objects.filter(expo=expo).values_list("ticket", flat=True))
        ctx.update(
            expo=expo,
            form=kwargs.get("form") or ExpoDrawForm(),
            tickets=tickets,
            order=draw_order(expo.draw_seed, tickets) if expo.draw_run_at else [],
            can_run=expo.draw_run_at is None
            and expo.reward == Expo.Reward.DRAW
            and expo.draw_prizes > 0
            and expo.phase == Expo.Phase.CLOSED,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        expo = self.expo()
        form = ExpoDrawForm(request.POST)
        if form.is_valid():
            try:
                draw_run(user=request.user, expo=expo, seed=form.cleaned_data["seed"])
            except DrawRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request, _("The draw has been run. Publish the seed and the result.")
                )
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(expo=expo, form=form), status=400)


# --- the exhibitor's own booth (dashboard) ---------------------------------------------------


def _own_booth(request, pk: int) -> Booth:
    """A booth of a seller the user runs; another seller's booth is 404."""
    booth = (
        Booth.objects.filter(pk=pk, startup__partner__users=request.user)
        .select_related("expo", "hall", "startup")
        .first()
    )
    if booth is None:
        raise Http404
    return booth


class BoothNumbersView(TemplateView):
    template_name = "startups/expos/stats/booth_numbers.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        booth = _own_booth(self.request, self.kwargs["pk"])
        figures = expo_figures(booth.expo, booth=booth)
        ctx.update(
            booth=booth,
            expo=booth.expo,
            figures=figures,
            charts=figure_charts(figures),
            sections=display_sections(figure_sections(figures)),
            formats=EXPORT_FORMATS,
        )
        return ctx


class BoothNumbersExportView(View):
    http_method_names = ["get"]

    def get(self, request, pk, fmt):
        if fmt not in EXPORT_FORMATS:
            raise Http404
        booth = _own_booth(request, pk)
        return figures_export(
            expo_figures(booth.expo, booth=booth), fmt, f"booth-{booth.pk}-numbers"
        )


urlpatterns = [
    path("expo/beacon/", BeaconView.as_view(), name="expo-beacon"),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/gian/<int:booth_pk>/sp/<int:product_pk>/"),
        ProductGoView.as_view(),
        name="expo-product-go",
    ),
    path(
        pgettext_lazy("url", "trien-lam/<slug:slug>/gian/<int:booth_pk>/cho/<int:link_pk>/"),
        MarketGoView.as_view(),
        name="expo-market-go",
    ),
    path("union/expos/<int:pk>/report/", ExpoReportView.as_view(), name="expo-report"),
    path(
        "union/expos/<int:pk>/report/<str:fmt>/",
        ExpoReportExportView.as_view(),
        name="expo-report-export",
    ),
    path("union/expos/<int:pk>/draw/", ExpoDrawView.as_view(), name="expo-draw"),
]
DASHBOARD_URLS = [
    ("expo/booths/<int:pk>/numbers/", BoothNumbersView.as_view(), "booth-numbers"),
    (
        "expo/booths/<int:pk>/numbers/<str:fmt>/",
        BoothNumbersExportView.as_view(),
        "booth-numbers-export",
    ),
]
