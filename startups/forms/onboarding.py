import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.text import fold_vietnamese, vietnamese_sort_key
from shop.checkout.forms import normalise_vn_phone
from shop.payments.banks import bank_choices
from startups.models import SellerApplication, UnionUnit
from startups.services.onboarding import handover_refusal

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
ACCOUNT_NUMBER = re.compile(r"^[0-9]{6,19}$")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * (obj.depth - 1) + obj.name


def units_in_vietnamese_order(units) -> list:
    """The units as a tree (each unit under its parent), siblings in Vietnamese alphabetical
    order of their name; the province and city unions by their province's name, so "Tỉnh
    đoàn Cà Mau" comes before "Tỉnh đoàn Cao Bằng" and "Thành đoàn Đà Nẵng" after the Ds."""
    units = list(units.select_related("province"))
    by_path = {u.path: u for u in units}

    def name_key(unit):
        if unit.province_id and unit.level == UnionUnit.Level.PROVINCE:
            return vietnamese_sort_key(unit.province.name)
        return vietnamese_sort_key(unit.name)

    def key(unit):
        step = unit.steplen
        prefixes = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
        return tuple((name_key(by_path[p]) if p in by_path else ((), (), ()), p) for p in prefixes)

    return sorted(units, key=key)


class SellerApplicationForm(forms.ModelForm):
    bank_bin = forms.ChoiceField(label=_("Bank"), choices=())
    union_unit = UnitChoiceField(
        label=_("Youth union unit that knows you"), queryset=UnionUnit.objects.none()
    )

    class Meta:
        model = SellerApplication
        fields = [
            "kind",
            "display_name",
            "legal_name",
            "tax_code",
            "province",
            "commune",
            "phone",
            "union_unit",
            "bank_bin",
            "bank_account_number",
            "bank_account_holder",
            "description",
        ]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "display_name": _("The name buyers will see, e.g. HTX Cà phê Ea Tu."),
            "tax_code": _("Optional: 10 digits, or 10 digits, a dash and 3 digits for a branch."),
            "bank_account_holder": _("As printed by the bank, e.g. NGUYEN VAN AN."),
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_bin"].choices = [("", _("Choose a bank"))] + bank_choices()
        unit_field = self.fields["union_unit"]
        unit_field.queryset = units if units is not None else UnionUnit.objects.all()
        unit_field.choices = [("", unit_field.empty_label)] + [
            (u.pk, unit_field.label_from_instance(u))
            for u in units_in_vietnamese_order(unit_field.queryset)
        ]
        self.fields["province"].empty_label = _("Choose a province or city")
        self.fields["kind"].choices = SellerApplication.Kind.choices

    def clean_phone(self):
        return normalise_vn_phone(self.cleaned_data.get("phone", ""))

    def clean_tax_code(self):
        value = (self.cleaned_data.get("tax_code") or "").strip()
        if value and not TAX_CODE.match(value):
            raise forms.ValidationError(
                _("A tax code has 10 digits, or 10 digits, a dash and 3 digits.")
            )
        return value

    def clean_bank_account_number(self):
        value = re.sub(r"[\s.-]", "", self.cleaned_data.get("bank_account_number") or "")
        if not ACCOUNT_NUMBER.match(value):
            raise forms.ValidationError(_("An account number has 6 to 19 digits."))
        return value

    def clean_bank_account_holder(self):
        value = " ".join((self.cleaned_data.get("bank_account_holder") or "").split())
        folded = fold_vietnamese(value).upper()
        if not re.fullmatch(r"[A-Z ]{2,100}", folded):
            raise forms.ValidationError(_("Write the holder's name in letters only."))
        return folded

    def application_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OnBehalfForm(SellerApplicationForm):
    consent_note = forms.CharField(
        label=_("The producer's consent"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How and when the producer agreed that you set up and run the shop for them."),
    )
    contact_email = forms.EmailField(label=_("Producer's e-mail (optional)"), required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please say why the application is rejected."))
        return reason


class HandoverForm(forms.Form):
    """The producer's account that receives a union-run seller. When the producer's e-mail
    was recorded with their consent, only that account qualifies (the field is fixed to it)."""

    email = forms.EmailField(label=_("E-mail of the producer's account"))

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.recorded = (application.contact_email or "").strip() if application else ""
        if self.recorded:
            self.fields["email"].initial = self.recorded
            self.fields["email"].help_text = _(
                "The e-mail recorded with the producer's consent; the shop can only go to it."
            )

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self.recorded and email.strip().lower() != self.recorded.lower():
            raise forms.ValidationError(
                _(
                    "The shop can only go to the producer's e-mail recorded with their consent "
                    "(%(email)s)."
                )
                % {"email": self.recorded}
            )
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No account uses this e-mail. Ask the producer to register first.")
            )
        if self.application is not None:
            refusal = handover_refusal(self.application, user)
            if refusal:
                raise forms.ValidationError(refusal)
        self.producer = user
        return email
