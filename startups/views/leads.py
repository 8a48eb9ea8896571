"""Pages of the leads domain: the interest form's answers (public), the startup's leads in the
seller dashboard (list, one lead, CSV/XLSX export) and the officers' read-only list.

Contact details are shown only to the startup's own users and to the officers of its unit
tree; anyone else, another startup included, gets 404."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView
from openpyxl import Workbook

from core.exports import csv_writer, xlsx_append
from startups import access, antispam
from startups.forms.leads import LeadFilterForm, LeadForm, LeadStatusForm, national_phone
from startups.models import Lead, Startup
from startups.selectors import (
    lead_of_startup,
    leads_for_officer,
    leads_of_startup,
    public_pitch,
    seller_startup,
    startup_open_to_interest,
)
from startups.services import leads as services
from startups.views.mixins import OfficerRequiredMixin

# --- public: the interest form's answers ----------------------------------------------------


def lead_submit(request, form, *, startup, pitch=None, booth=None):
    """Write the lead of a valid ``LeadForm`` (a pitch's, a startup's or a booth's); the
    anti-spam refusals (``antispam.Refused``, ``RateLimited``) are the caller's to answer."""
    data = form.cleaned_data
    return services.lead_create(
        startup=startup,
        pitch=pitch,
        booth=booth,
        role=data["role"],
        message=data["message"],
        amount_range=data["amount_range"],
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        user=request.user,
        address=antispam.client_address(request),
        honeypot=data[antispam.HONEYPOT_FIELD],
    )


class InterestView(View):
    """POST only: the form is on the pitch page (or the startup page), cached for anonymous
    visitors. A refused message comes back with the form and the reason (400), or on a page
    saying how long to wait (429)."""

    http_method_names = ["post"]

    def target(self):
        pitch_slug = self.kwargs.get("pitch_slug")
        if pitch_slug is None:
            startup, pitch = startup_open_to_interest(self.kwargs["slug"]), None
        else:
            pitch = public_pitch(self.kwargs["slug"], pitch_slug)
            startup = pitch.startup if pitch is not None else None
        if startup is None:
            raise Http404
        return startup, pitch

    def post(self, request, *args, **kwargs):
        startup, pitch = self.target()
        form = LeadForm(request.POST, account=request.user)
        if form.is_valid():
            try:
                lead_submit(request, form, startup=startup, pitch=pitch)
            except antispam.RateLimited as refused:
                context = {"startup": startup, "pitch": pitch, "reason": refused.reason}
                return render(request, "startups/leads/refused.html", context, status=429)
            except antispam.Refused as refused:
                form.add_error(None, refused.reason)
            else:
                return redirect("startups:interest-thanks", slug=startup.slug)
        context = {"startup": startup, "pitch": pitch, "form": form}
        return render(request, "startups/leads/interest_page.html", context, status=400)


class InterestThanksView(TemplateView):
    template_name = "startups/leads/thanks.html"

    def get_context_data(self, **kwargs):
        startup = startup_open_to_interest(self.kwargs["slug"])
        if startup is None:
            raise Http404
        return super().get_context_data(startup=startup, **kwargs)


# --- the seller dashboard ---------------------------------------------------------------------


class SellerStartupMixin:
    """The startup of the seller the signed-in user runs (None when it has none yet)."""

    def dispatch(self, request, *args, **kwargs):
        self.startup = seller_startup(request.user)
        return super().dispatch(request, *args, **kwargs)


class LeadListView(SellerStartupMixin, ListView):
    template_name = "startups/leads/lead_list.html"
    context_object_name = "leads"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = LeadFilterForm(self.request.GET)
        if self.startup is None:
            return Lead.objects.none()
        return leads_of_startup(self.startup, **self.filter_form.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            startup=self.startup, filter_form=self.filter_form, **kwargs
        )


class LeadDetailView(SellerStartupMixin, TemplateView):
    template_name = "startups/leads/lead_detail.html"

    def get_lead(self):
        lead = lead_of_startup(self.startup, self.kwargs["pk"])
        if lead is None:
            raise Http404
        return lead

    def get_context_data(self, **kwargs):
        lead = kwargs.pop("lead", None) or self.get_lead()
        form = kwargs.pop("form", None) or LeadStatusForm(initial={"status": lead.status})
        return super().get_context_data(lead=lead, status_form=form, **kwargs)

    def post(self, request, *args, **kwargs):
        lead = self.get_lead()
        form = LeadStatusForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(lead=lead, form=form)
            return self.render_to_response(context, status=400)
        services.lead_status_set(user=request.user, lead=lead, status=form.cleaned_data["status"])
        messages.success(request, _("Status saved."))
        return redirect("dashboard:lead-detail", pk=lead.pk)


# The export's columns: Vietnamese, as the sellers' spreadsheets are.
EXPORT_HEADERS = [
    "Ngày gửi",
    "Quan tâm với vai trò",
    "Họ tên",
    "E-mail",
    "Điện thoại",
    "Khoản tiền dự kiến",
    "Lời nhắn",
    "Trạng thái",
    "Gửi từ",
    "Bài gọi vốn",
]
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DATE_COLUMN, _PHONE_COLUMN = 1, 5


def _export_rows(leads):
    """One row per lead: a local date and time, labels in Vietnamese, the phone as written."""
    with translation.override("vi"):
        for lead in leads:
            yield [
                timezone.localtime(lead.created).replace(tzinfo=None, microsecond=0),
                str(lead.get_role_display()),
                lead.name,
                lead.email,
                national_phone(lead.phone),
                str(lead.get_amount_range_display()) if lead.amount_range else "",
                lead.message,
                str(lead.get_status_display()),
                str(lead.get_source_display()),
                lead.pitch.title if lead.pitch else "",
            ]


def leads_csv(leads) -> bytes:
    out = io.StringIO(newline="")
    writer = csv_writer(out)
    writer.writerow(EXPORT_HEADERS)
    for row in _export_rows(leads):
        row[0] = row[0].strftime("%Y-%m-%d %H:%M")  # what every spreadsheet reads as a date
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def leads_xlsx(leads) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Quan tâm"
    xlsx_append(sheet, EXPORT_HEADERS)
    for row in _export_rows(leads):
        xlsx_append(sheet, row)
        date_cell = sheet.cell(row=sheet.max_row, column=_DATE_COLUMN)
        date_cell.number_format = "dd/mm/yyyy hh:mm"
        phone_cell = sheet.cell(row=sheet.max_row, column=_PHONE_COLUMN)
        phone_cell.data_type, phone_cell.number_format = "s", "@"
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (17, 16, 24, 28, 15, 22, 60, 14, 14, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


EXPORTS = {"csv": (leads_csv, CSV_TYPE), "xlsx": (leads_xlsx, XLSX_TYPE)}


class LeadExportView(SellerStartupMixin, View):
    def get(self, request, fmt):
        if fmt not in EXPORTS:
            raise Http404
        if self.startup is None:
            return redirect("dashboard:lead-list")
        write, content_type = EXPORTS[fmt]
        response = HttpResponse(write(leads_of_startup(self.startup)), content_type=content_type)
        name = f"quan-tam-{self.startup.slug}-{timezone.localdate():%Y%m%d}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- officers ---------------------------------------------------------------------------------


class OfficerLeadListView(OfficerRequiredMixin, ListView):
    """Leads of the startups of the officer's unit tree, read only; ``?startup=<id>`` narrows
    to one of them (a startup of another tree is not found)."""

    template_name = "startups/leads/officer_leads.html"
    context_object_name = "leads"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:  # not an officer: contact details are not there to find
            raise Http404 from None

    def get_queryset(self):
        self.startup = None
        raw = self.request.GET.get("startup", "")
        if raw:
            startup = None
            if raw.isascii() and raw.isdigit() and len(raw) <= 9:
                startup = Startup.objects.select_related("union_unit").filter(pk=raw).first()
            if startup is None or not access.officer_covers_startup(self.officer, startup):
                raise Http404
            self.startup = startup
        return leads_for_officer(self.officer, startup=self.startup)

    def get_context_data(self, **kwargs):
        return super().get_context_data(officer=self.officer, startup=self.startup, **kwargs)


urlpatterns = [
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/goi-von/<slug:pitch_slug>/quan-tam/"),
        InterestView.as_view(),
        name="interest",
    ),
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/quan-tam/"),
        InterestView.as_view(),
        name="startup-interest",
    ),
    path(
        pgettext_lazy("url", "khoi-nghiep/<slug:slug>/quan-tam/cam-on/"),
        InterestThanksView.as_view(),
        name="interest-thanks",
    ),
    path("union/leads/", OfficerLeadListView.as_view(), name="officer-leads"),
]
DASHBOARD_URLS = [
    ("leads/", LeadListView.as_view(), "lead-list"),
    ("leads/<int:pk>/", LeadDetailView.as_view(), "lead-detail"),
    ("leads/export/<str:fmt>/", LeadExportView.as_view(), "lead-export"),
]
