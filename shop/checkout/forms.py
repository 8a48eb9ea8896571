"""The checkout's forms: a Vietnamese shipping address and the choice of payment method.

Vietnamese postal addresses and phone numbers: since 1 July 2025 an address has two
administrative tiers, commune or ward, then one of the 34 provinces and cities. Oscar's address
fields are used as follows: ``first_name`` holds the full name (Vietnamese names are not split
for addressing), ``line1`` the house number and street or village, ``line4`` the commune or
ward, ``state`` the province's name. The phone check is also the seller application's
(``startups.forms.onboarding``).
"""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import ShippingAddressForm as OscarShippingAddressForm

from catalog.models import Province
from shop.payments.methods import available_methods


def normalise_vn_phone(raw: str) -> str:
    """Return the E.164 form of a Vietnamese phone number or raise ``ValidationError``."""
    raw = (raw or "").strip()
    if not raw:
        raise forms.ValidationError(_("Please enter a phone number."), code="required")
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        raise forms.ValidationError(
            _("Please enter a Vietnamese phone number, e.g. 0912 345 678."), code="invalid"
        ) from None
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(
            _("Please enter a Vietnamese phone number, e.g. 0912 345 678."), code="invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def province_choices():
    return [("", _("Choose a province or city"))] + [
        (p.name, p.name)
        for p in Province.objects.all()  # Vietnamese alphabetical order
    ]


class VietnameseAddressFormMixin:
    """Labels, required fields, province choice and phone validation for a VN address."""

    hidden_fields = ("last_name", "line2", "line3", "postcode")

    def setup_vietnamese_fields(self):
        for name in self.hidden_fields:
            self.fields.pop(name, None)
        self.fields["first_name"].label = _("Full name")
        self.fields["first_name"].required = True
        self.fields["line1"].label = _("House number, street or village")
        self.fields["line1"].required = True
        self.fields["line4"].label = _("Commune or ward")
        self.fields["line4"].required = True
        self.fields["state"] = forms.ChoiceField(
            label=_("Province or city"), choices=province_choices(), required=True
        )
        self.fields["phone_number"] = forms.CharField(
            label=_("Phone number"),
            max_length=32,
            required=True,
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )
        if "notes" in self.fields:
            self.fields["notes"].label = _("Delivery notes")
        # Fields a buyer fills in on a phone: help the browser's autofill.
        self.fields["first_name"].widget.attrs.setdefault("autocomplete", "name")
        self.fields["line1"].widget.attrs.setdefault("autocomplete", "address-line1")

    def clean_phone_number(self):
        return normalise_vn_phone(self.cleaned_data.get("phone_number", ""))


class ShippingAddressForm(VietnameseAddressFormMixin, OscarShippingAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_vietnamese_fields()


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How would you like to pay?"), widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args, basket=None, **kwargs):
        super().__init__(*args, **kwargs)
        methods = available_methods(basket)
        self.fields["method"].choices = [(m.code, m.name) for m in methods]
        self.descriptions = {m.code: m.description for m in methods}
        if len(methods) == 1:
            self.fields["method"].initial = methods[0].code
