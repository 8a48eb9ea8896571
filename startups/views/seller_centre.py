"""The seller centre: the dashboard's home for a seller (``/shop/dashboard/``), handed to the
shop's dashboard from ``StartupsConfig.ready`` (``shop.dashboard.views.seller_home_set``),
since it reads the startup's followers, pitches and booths, which the shop may not import.

What waits for the seller, and its figures over a period it chooses (``?period=7d|30d|month``
or ``?period=custom&start=&end=``), as charts with their numbers and as a workbook
(``?export=xlsx``). The figures are always those of the sellers the signed-in user runs;
nothing in the address can name another seller. A period that cannot be read is said so on
the page, which shows the last 7 days instead (a download asked for with it gives the page
and the message, not a file of another period).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from startups.forms.seller_centre import PERIOD_LABELS, PeriodForm
from startups.selectors.seller_centre import seller_centre, seller_scope, today_vietnam
from startups.seller_centre import (
    TASK_LABELS,
    centre_charts,
    centre_sections,
    centre_xlsx,
    display,
    display_rows,
    period_label,
    summary_rows,
)

COMMUNITY = frozenset({"followers", "new_followers", "new_interest", "interest"})
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE = "startups/seller_centre/centre.html"

# where each task is done: the list, and (when the task lists items) each item's page
TASK_LINKS = {
    "parts_to_confirm": "dashboard:order-list",
    "parcels_to_ship": "dashboard:order-list",
    "transfers_to_confirm": "dashboard:order-list",
    "low_stock": "dashboard:catalogue-product-list",
    "ocop_lapsing": "dashboard:catalogue-product-list",
    "products_sent_back": "dashboard:catalogue-product-list",
    "new_leads": "dashboard:lead-list",
    "pitch_questions": "dashboard:pitch-list",
    "booth_questions": "dashboard:booth-list",
    "pitches_sent_back": "dashboard:pitch-list",
}


def seller_centre_view(request, *args, **kwargs):
    """GET only (the dashboard's index answers the rest as Oscar does)."""
    if request.method not in ("GET", "HEAD"):
        raise Http404
    scope = seller_scope(request.user)
    if not scope.partners:
        return render(request, TEMPLATE, {"scope": scope})
    today = today_vietnam()
    form = PeriodForm(request.GET if request.GET.keys() - {"export"} else None, today=today)
    period = form.chosen()
    export = request.GET.get("export")
    if export not in (None, "xlsx"):
        raise Http404
    problems = form.problems()
    centre = seller_centre(scope, period, today=today)
    if export == "xlsx" and not problems:
        name = f"kenh-nguoi-ban-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
        response = HttpResponse(centre_xlsx(centre), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    for problem in problems:
        messages.error(request, problem)
    if problems:
        messages.info(request, _("Showing the last 7 days instead."))
    summary = [(key, label, display(value)) for key, label, value in summary_rows(centre)]
    sections = {s.key: (s, display_rows(s, centre)) for s in centre_sections(centre)}
    context = {
        "scope": scope,
        "centre": centre,
        "form": form,
        "period_name": PERIOD_LABELS[period.kind],
        "period_label": period_label(centre),
        "summary": [row for row in summary if row[0] not in COMMUNITY],
        "community": [row for row in summary if row[0] in COMMUNITY],
        "tasks": [
            {"task": t, "label": TASK_LABELS[t.key], "url_name": TASK_LINKS[t.key]}
            for t in centre.tasks
        ],
        "charts": centre_charts(centre),
        "sections": sections,
        "export_query": _export_query(request, form),
    }
    return render(request, TEMPLATE, context)


def _export_query(request, form) -> str:
    """The page's period for the download link (none when it could not be read)."""
    query = request.GET.copy()
    query.pop("export", None)
    if form.is_bound and not form.is_valid():
        query = query.__class__(mutable=True)
    query["export"] = "xlsx"
    return query.urlencode()
