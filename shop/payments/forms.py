import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")

# Whole đồng, written plainly or with thousands separators: 1250000, 1.250.000, 1,250,000.
_WHOLE_DONG = re.compile(r"\d{1,3}(?:([.,\s])\d{3})?(?:\1\d{3})*|\d+")
AMOUNT_MAX = Decimal(10) ** 12 - 1  # what Decimal(12, 0) holds


class PayoutForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Seller"), queryset=None, empty_label=_("Choose a seller")
    )
    amount = forms.CharField(
        label=_("Amount (₫)"), max_length=20, help_text=_("Whole đồng, e.g. 1.250.000")
    )
    reference = forms.CharField(
        label=_("Transfer reference"),
        max_length=64,
        help_text=_("The bank's reference for the transfer."),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        if not hasattr(partners, "model"):
            partners = Partner.objects.filter(pk__in=[p.pk for p in partners])
        self.fields["partner"].queryset = partners.order_by("name")

    def clean_amount(self):
        raw = self.cleaned_data["amount"].strip().removesuffix("₫").removesuffix("đ").strip()
        if not _WHOLE_DONG.fullmatch(raw):
            raise forms.ValidationError(
                _("Enter a whole number of đồng, e.g. 1250000 or 1.250.000.")
            )
        amount = Decimal(re.sub(r"[.,\s]", "", raw))
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than 0 ₫."))
        if amount > AMOUNT_MAX:
            raise forms.ValidationError(_("This amount is too large."))
        return amount

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        if not reference:
            raise forms.ValidationError(_("This field is required."))
        return reference
