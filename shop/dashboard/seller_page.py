"""The seller's own shop page in the dashboard: its English name and story (optional), which
English pages show instead of the Vietnamese ones.

The Vietnamese name and story are the ones the youth union approved with the seller's
application, so the page shows them without changing them. There is no id in the address: a
seller only ever edits its own shop, whatever the POST says. Who opens the page at all is the
dashboard's table (``shop.dashboard.access``); an account that runs no seller, or several,
gets 404. The save is ``catalog.partner.services.seller_english_texts_set``.
"""

import unicodedata

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from oscar.core.loading import get_model

from catalog.partner.services import seller_english_texts_set
from shop.dashboard.access import is_seller_user

Partner = get_model("partner", "Partner")
NAME_MAX = Partner._meta.get_field("name").max_length  # the Vietnamese name's limit
DESCRIPTION_MAX = 5000


def _no_control_characters(value: str, *, newlines: bool) -> str:
    """``value`` in NFC; refused when it holds control or invisible formatting characters
    (a line break is allowed in a story)."""
    value = unicodedata.normalize("NFC", value or "")
    allowed = "\n\r\t" if newlines else ""
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in allowed for ch in value):
        raise forms.ValidationError(
            _("Remove the control characters: write the text with letters, digits and spaces.")
        )
    return value


class SellerTextsForm(forms.Form):
    name_en = forms.CharField(
        label=_("English name"),
        max_length=NAME_MAX,
        required=False,
        widget=forms.TextInput(attrs={"lang": "en", "autocomplete": "off"}),
        help_text=_(
            "e.g. Ea Tu Coffee Cooperative. Left blank, English pages show the Vietnamese name."
        ),
    )
    description_en = forms.CharField(
        label=_("English story"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"lang": "en", "rows": 8}),
        help_text=_("Left blank, English pages show the Vietnamese story."),
    )

    def clean_name_en(self):
        value = _no_control_characters(self.cleaned_data.get("name_en", ""), newlines=False)
        return " ".join(value.split())

    def clean_description_en(self):
        return _no_control_characters(
            self.cleaned_data.get("description_en", ""), newlines=True
        ).strip()


def _own_seller(user):
    """The one seller ``user`` runs, or None (none, or several: the page never guesses)."""
    if not is_seller_user(user):
        return None
    partners = list(Partner.objects.filter(users=user).select_related("province")[:2])
    return partners[0] if len(partners) == 1 else None


class SellerPageView(FormView):
    template_name = "dashboard/seller_page.html"
    form_class = SellerTextsForm

    def dispatch(self, request, *args, **kwargs):
        self.partner = _own_seller(request.user)
        if self.partner is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"name_en": self.partner.name_en, "description_en": self.partner.description_en}

    def get_context_data(self, **kwargs):
        return super().get_context_data(partner=self.partner, **kwargs)

    def form_valid(self, form):
        seller_english_texts_set(partner=self.partner, **form.cleaned_data)
        messages.success(self.request, _("Your shop's English texts are saved."))
        return redirect("dashboard:seller-page")
