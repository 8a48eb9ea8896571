"""Dashboard page for importing products from a CSV or Excel file, and the template downloads.

Who may import: staff, for any seller they choose; a seller user (linked to exactly one
partner), only for that partner, whatever the POST says. Who opens the page at all is the
dashboard's table (``shop.dashboard.access``); here only the seller is found. The work is done
by ``catalog.services.imports.products_import``; these views only parse the request and
render. Routed in ``DashboardConfig.get_urls`` under ``/shop/dashboard/catalogue/import/``.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from oscar.core.loading import get_model

from catalog.importing import template as import_template
from catalog.importing import template_csv, template_xlsx
from catalog.importing.reading import MAX_BYTES
from catalog.services.imports import held_message, products_import
from shop.dashboard.access import is_seller_user

Partner = get_model("partner", "Partner")


def importer_partner(user):
    """``(allowed, partner)``: staff may import for anyone (partner None: they choose); a seller
    user only for its own partner."""
    if user.is_staff and user.is_active:
        return True, None
    if not is_seller_user(user):
        return False, None
    partners = list(Partner.objects.filter(users=user)[:2])
    return (True, partners[0]) if len(partners) == 1 else (False, None)


def import_access(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        allowed, partner = importer_partner(request.user)
        if not allowed:
            raise PermissionDenied
        return view(request, partner, *args, **kwargs)

    return wrapped


class ProductImportForm(forms.Form):
    partner = forms.ModelChoiceField(queryset=Partner.objects.order_by("name"), label=_("Seller"))
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_("Fill in the template (.xlsx or .csv, UTF-8). At most 5 MB and 20,000 rows."),
    )

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partner is not None:  # a seller imports only for itself: no choice to tamper with
            del self.fields["partner"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into smaller files.")
            )
        return upload


@import_access
def product_import(request, partner):
    report = None
    if request.method == "POST":
        form = ProductImportForm(request.POST, request.FILES, partner=partner)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            target = partner or form.cleaned_data["partner"]
            report = products_import(
                partner=target, file=upload, filename=upload.name, approve=request.user.is_staff
            )
            if report.ok:
                messages.success(
                    request,
                    gettext(
                        "Import finished for %(seller)s: %(created)d products created, "
                        "%(updated)d updated."
                    )
                    % {"seller": target.name, "created": report.created, "updated": report.updated},
                )
                if report.held:
                    messages.info(request, held_message(report.held))
                return redirect("dashboard:product-import")
    else:
        form = ProductImportForm(partner=partner)
    return render(
        request,
        "dashboard/catalogue/product_import.html",
        {"form": form, "report": report, "partner": partner, "title": gettext("Import products")},
    )


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@import_access
def template_xlsx_download(request, partner):
    return _download(template_xlsx(), import_template.XLSX_TYPE, import_template.XLSX_NAME)


@require_GET
@import_access
def template_csv_download(request, partner):
    return _download(template_csv(), import_template.CSV_TYPE, import_template.CSV_NAME)
