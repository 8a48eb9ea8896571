"""Forms of the exhibitors' pages: the booth (apply and edit), its expo-only offer, the
follow-up message to the booth's leads."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.video import video_parse
from startups.models import Booth, Hall
from startups.services.booths import MAX_OFFER_PERCENT, MAX_PRODUCTS, own_products, own_staff
from startups.services.followups import booth_products


class _UserChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class BoothForm(forms.ModelForm):
    """The booth's fields; the brochure is checked by the model field (a real PDF)."""

    products = forms.ModelMultipleChoiceField(
        label=_("Products to feature"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From 1 to %(n)d of your products on sale.") % {"n": MAX_PRODUCTS},
    )
    staff = _UserChoice(
        label=_("Staff who answer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Booth
        fields = ["hall", "pitch", "pitch_en", "video_url", "brochure"]
        widgets = {
            "pitch": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
            "pitch_en": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }

    def __init__(self, *args, expo, startup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = Hall.objects.filter(expo=expo)
        self.fields["hall"].empty_label = None
        self.fields["products"].queryset = own_products(startup).order_by("title")
        self.fields["staff"].queryset = own_staff(startup).order_by("username")
        if self.instance.pk:
            self.initial.setdefault(
                "products",
                [bp.product_id for bp in self.instance.booth_products.order_by("position")],
            )
            self.initial.setdefault("staff", [u.pk for u in self.instance.staff.all()])

    def clean_products(self):
        products = list(self.cleaned_data["products"])
        if len(products) > MAX_PRODUCTS:
            raise forms.ValidationError(
                _("Choose between 1 and %(n)d of your products to feature.") % {"n": MAX_PRODUCTS}
            )
        return products

    def clean_video_url(self):
        url = (self.cleaned_data.get("video_url") or "").strip()
        if url:
            video_parse(url)
        return url

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "hall": data["hall"],
            "products": data["products"],
            "staff": list(data.get("staff") or []),
            "pitch": data["pitch"],
            "pitch_en": data.get("pitch_en", ""),
            "video_url": data.get("video_url", ""),
            "brochure": self.new_brochure(),
        }

    def new_brochure(self):
        """A new upload, False to remove the stored one, None to keep it."""
        if "brochure" not in self.changed_data:
            return None
        return self.cleaned_data.get("brochure") or False


class OfferForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Discount (%)"),
        min_value=0,
        max_value=MAX_OFFER_PERCENT,
        required=False,
        help_text=_("0 removes the offer."),
    )
    text = forms.CharField(label=_("What the offer is"), max_length=160, required=False)
    text_en = forms.CharField(
        label=_("What the offer is, in English"), max_length=160, required=False
    )


class FollowUpForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 8})
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products to link"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leads = forms.ModelMultipleChoiceField(
        label=_("Send to"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every lead of the booth who can be written to."),
    )

    def __init__(self, *args, booth, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = booth_products(booth).order_by("title")
        self.fields["leads"].queryset = leads
        self.fields["leads"].label_from_instance = lambda lead: f"{lead.name} <{lead.email}>"
