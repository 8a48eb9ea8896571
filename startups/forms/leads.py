"""The interest form (a lead) and the startup's forms for its leads.

The interest form sits on cached public pages, so it renders the same for everyone; only its
validation knows who sends it: a signed-in visitor who leaves the name or the e-mail empty is
named and reached through the account."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from shop.checkout.forms import normalise_vn_phone
from startups.antispam import HONEYPOT_FIELD, HoneypotField
from startups.models import Lead


def national_phone(e164: str) -> str:
    """'+84912345678' -> '0912 345 678', as Vietnamese write a number (stays text in a
    spreadsheet); anything unreadable as it is."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "VN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


class LeadForm(forms.Form):
    role = forms.ChoiceField(
        label=_("You are"),
        choices=Lead.Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Please say whether you are an investor, a mentor, a buyer or a distributor."
            )
        },
    )
    amount_range = forms.ChoiceField(
        label=_("Amount you have in mind (investors, optional)"),
        required=False,
        choices=[("", _("Not said")), *Lead.AmountRange.choices],
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Please write a few words to the startup.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        required=False,
        help_text=_("Not needed when you are signed in: your account's name is used."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("An e-mail address, a Vietnamese phone number, or both."),
    )

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account if account is not None and account.is_authenticated else None
        self.fields[HONEYPOT_FIELD] = HoneypotField()
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["name"].widget.attrs.update(autocomplete="name")

    honeypot_name = HONEYPOT_FIELD

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        if not name and self.account is not None:
            name = (self.account.get_full_name() or self.account.get_username())[:100]
        if not name:
            raise forms.ValidationError(_("Please tell the startup your name."), code="required")
        return name

    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        if not email and self.account is not None:
            email = self.account.email or ""
        return email

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        return normalise_vn_phone(raw) if raw.strip() else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") != Lead.Role.INVESTOR:
            cleaned["amount_range"] = ""  # an amount range is an investor's answer only
        if (
            "email" not in self.errors
            and "phone" not in self.errors
            and not cleaned.get("email")
            and not cleaned.get("phone")
        ):
            raise forms.ValidationError(
                _("Please give an e-mail address or a phone number, so the startup can reply."),
                code="unreachable",
            )
        return cleaned


class LeadStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Lead.Status.choices)


class LeadFilterForm(forms.Form):
    """The lead list's filters; an unknown value filters nothing."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Lead.Status.choices]
    )
    role = forms.ChoiceField(
        label=_("Interested as"), required=False, choices=[("", _("All")), *Lead.Role.choices]
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
