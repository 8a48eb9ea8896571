"""The officer's home (``/union/``: the work waiting and this month's figures) and the report
of a unit (``/union/report/``, ``/union/report/<unit>/``) with its XLSX and PDF.

An officer reads its own unit and every unit below it; another unit's report is a 404
(``unit_for_officer``). The period comes from the page's GET form; a wrong one shows why and
falls back to this month.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.charts import breakdown, trend
from startups.forms.union_report import PERIOD_LABELS, PeriodForm
from startups.models import Lead
from startups.selectors.union_report import (
    MARKETPLACES,
    PAYMENTS,
    SELLER_KINDS,
    STARS,
    officer_work,
    period_of,
    today_vietnam,
    unit_ancestors,
    unit_for_officer,
    unit_report,
)
from startups.union_reports import (
    KIND_LABELS,
    LABELS,
    PAYMENT_LABELS,
    display_rows,
    period_label,
    previous_label,
    report_pdf,
    report_sections,
    report_xlsx,
)
from startups.views.mixins import OfficerRequiredMixin

EXPORTS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
SUMMARY = (  # the figures on the home page and at the top of the report
    "sellers_approved",
    "products_new",
    "products_public",
    "startups_verified",
    "pitches_published",
    "interest",
    "expos_held",
    "orders",
    "revenue",
)
RANKING_MAX = 20

# the desks of the work waiting: (key, URL name); labels in ``work_labels``
WORK = (
    ("applications", "startups:queue"),
    ("products", "startups:product-queue"),
    ("pitches", "startups:pitch-queue"),
    ("startups", "startups:startup-queue"),
    ("booths", "startups:union-expo-list"),
    ("pitch_questions", "startups:pitch-question-desk"),
    ("booth_questions", "startups:union-expo-list"),
)


def work_labels() -> dict:
    return {
        "applications": _("Seller applications to review"),
        "products": _("Products to review"),
        "pitches": _("Pitches to review"),
        "startups": _("Published startups to verify"),
        "booths": _("Booth applications to decide"),
        "pitch_questions": _("Questions on pitches to moderate"),
        "booth_questions": _("Questions at booths to moderate"),
    }


def summary(report) -> list[dict]:
    """The main figures with the previous period's and the change."""
    return [
        {
            "key": metric,
            "label": LABELS[metric],
            "value": report.current.get(metric, 0),
            "previous": report.previous.get(metric, 0),
            "change": report.change(metric),
            "money": metric == "revenue",
        }
        for metric in SUMMARY
    ]


def _slot_label(report, slot) -> str:
    return date_format(slot, "m/Y" if report.period.monthly else "d/m")


def report_charts(report) -> list:
    """Trends over the period, breakdowns by kind, the ranking of the units below."""
    per = _("Month") if report.period.monthly else _("Day")

    def over_time(metric, title, value_header, money=False):
        points = [(_slot_label(report, s), v) for s, v in report.trend.get(metric, {}).items()]
        if not points:
            points = [(_slot_label(report, s), 0) for s in report.period.slots()]
        return trend(points, title=title, label_header=per, value_header=value_header, money=money)

    current = report.current
    charts = [
        over_time("orders", _("Orders over the period"), _("Orders")),
        over_time("revenue", _("Revenue over the period"), _("Revenue"), money=True),
        over_time("sellers_approved", _("Sellers approved over the period"), _("Sellers")),
        over_time("products_new", _("New products online over the period"), _("Products")),
        breakdown(
            [(KIND_LABELS[k], current.get(f"sellers_{k}", 0)) for k in SELLER_KINDS],
            title=_("Sellers approved by kind"),
            label_header=_("Kind"),
            value_header=_("Sellers"),
        ),
        breakdown(
            [(_("%(stars)s stars") % {"stars": s}, current.get(f"ocop_{s}", 0)) for s in STARS],
            title=_("OCOP-certified products by stars (today)"),
            label_header=_("Stars"),
            value_header=_("Products"),
        ),
        breakdown(
            sorted(
                ((name, current.get(f"clicks_{value}", 0)) for value, name in MARKETPLACES),
                key=lambda item: -item[1],
            ),
            title=_("Marketplace clicks by marketplace"),
            label_header=_("Marketplace"),
            value_header=_("Clicks"),
        ),
        breakdown(
            [(Lead.Role(r).label, current.get(f"interest_{r}", 0)) for r in Lead.Role.values],
            title=_("Interest received by kind"),
            label_header=_("Kind"),
            value_header=_("Interest"),
        ),
        breakdown(
            [(PAYMENT_LABELS[m], current.get(f"revenue_{m}", 0)) for m in PAYMENTS],
            title=_("Revenue by payment method"),
            label_header=_("Payment method"),
            value_header=_("Revenue"),
            money=True,
        ),
    ]
    if report.rows:
        ranked = sorted(report.rows, key=lambda row: (-row["revenue"], -row["orders"]))
        charts.append(
            breakdown(
                [(row.unit.name, row["revenue"]) for row in ranked[:RANKING_MAX]],
                title=_("Units below ranked by revenue"),
                label_header=_("Unit"),
                value_header=_("Revenue"),
                money=True,
            )
        )
    return charts


class _ReportMixin(OfficerRequiredMixin):
    def report_unit(self):
        unit = unit_for_officer(self.officer, self.kwargs.get("pk"))
        if unit is None:
            raise Http404
        return unit

    def period_form(self):
        today = today_vietnam()
        data = self.request.GET if self.request.GET else None
        form = PeriodForm(data, today=today)
        return form, form.chosen()


class UnionHomeView(OfficerRequiredMixin, TemplateView):
    template_name = "startups/union/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        report = unit_report(self.officer.unit, period_of("this_month"))
        work = officer_work(self.officer)
        labels = work_labels()
        ctx.update(
            officer=self.officer,
            work=[
                {"key": key, "label": labels[key], "count": work[key], "url": url}
                for key, url in WORK
            ],
            work_total=sum(work.values()),
            report=report,
            summary=summary(report),
            period_label=period_label(report),
            previous_label=previous_label(report),
            charts=report_charts(report)[:2],
        )
        return ctx


class UnionReportView(_ReportMixin, TemplateView):
    template_name = "startups/union/report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        unit = self.report_unit()
        form, period = self.period_form()
        if form.is_bound and not form.is_valid():
            for error in form.non_field_errors():
                messages.error(self.request, error)
            if form.errors and not form.non_field_errors():
                messages.error(
                    self.request,
                    _(
                        "The period could not be read: choose one from the list, or give "
                        "the dates as day/month/year (e.g. 31/12/2025)."
                    ),
                )
            messages.info(self.request, _("Showing this month instead."))
        report = unit_report(unit, period)
        sections = report_sections(report)
        ctx.update(
            officer=self.officer,
            unit=unit,
            ancestors=unit_ancestors(unit, self.officer),
            form=form,
            period=period,
            period_name=PERIOD_LABELS[period.kind],
            period_label=period_label(report),
            previous_label=previous_label(report),
            report=report,
            summary=summary(report),
            charts=report_charts(report),
            sections=[
                (
                    s,
                    list(
                        zip(
                            s.links or [None] * len(s.rows),
                            s.metrics or [""] * len(s.rows),
                            display_rows(s),
                            strict=True,
                        )
                    ),
                )
                for s in sections
            ],
            query=self.request.GET.urlencode() if form.is_valid() else "",
            formats=EXPORTS,
        )
        return ctx


class UnionReportExportView(_ReportMixin, View):
    http_method_names = ["get"]

    def get(self, request, fmt, pk=None):
        if fmt not in EXPORTS:
            raise Http404
        unit = self.report_unit()
        _form, period = self.period_form()
        report = unit_report(unit, period)
        content = report_xlsx(report) if fmt == "xlsx" else report_pdf(report)
        name = f"bao-cao-{slugify(unit.code)}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
        response = HttpResponse(content, content_type=EXPORTS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


urlpatterns = [
    path("union/", UnionHomeView.as_view(), name="union-home"),
    path("union/report/", UnionReportView.as_view(), name="union-report"),
    path("union/report/<int:pk>/", UnionReportView.as_view(), name="union-report-unit"),
    path(
        "union/report/export/<str:fmt>/",
        UnionReportExportView.as_view(),
        name="union-report-export",
    ),
    path(
        "union/report/<int:pk>/export/<str:fmt>/",
        UnionReportExportView.as_view(),
        name="union-report-unit-export",
    ),
]
