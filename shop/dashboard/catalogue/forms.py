"""Dashboard product form with the OCOP certificate and origin fields."""

from django import forms
from oscar.apps.dashboard.catalogue import forms as oscar_forms

OCOP_FIELDS = [
    "origin_province",
    "origin_place",
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_issuing_authority",
    "ocop_decision_number",
    "ocop_decision_date",
    "ocop_valid_from",
    "ocop_valid_until",
]


class ProductForm(oscar_forms.ProductForm):
    class Meta(oscar_forms.ProductForm.Meta):
        fields = oscar_forms.ProductForm.Meta.fields + OCOP_FIELDS
        widgets = {
            **oscar_forms.ProductForm.Meta.widgets,
            "ocop_decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ocop_valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ocop_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
