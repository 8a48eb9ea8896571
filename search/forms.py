from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The header search box and the sort control of every product listing."""

    SORT_CHOICES = [
        ("", _("Relevance")),
        ("newest", _("Newest")),
        ("price_asc", _("Price: low to high")),
        ("price_desc", _("Price: high to low")),
        ("stars", _("OCOP stars")),
    ]

    q = forms.CharField(
        required=False, max_length=200, label=_("Search"),
        widget=forms.SearchInput(attrs={"placeholder": _("Search products, e.g. cà phê"),
                                        "aria-label": _("Search")}),
    )
    sort_by = forms.ChoiceField(required=False, choices=SORT_CHOICES, label=_("Sort by"))

    def clean_q(self):
        import unicodedata

        return unicodedata.normalize("NFC", self.cleaned_data.get("q") or "").strip()
