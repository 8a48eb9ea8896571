"""What a listing URL may ask for: the text, the sort and the facet filters.

Nothing in a query string can break a page: text is normalised to NFC, stripped of control
characters and trimmed to ``MAX_QUERY_LENGTH``; an unknown sort or filter value is left out and
the page says so (``ignored``).
"""

import unicodedata

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from search import types

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 40


def clean_text(value: str, *, limit: int = MAX_QUERY_LENGTH) -> str:
    """NFC, control characters (NUL included) turned into spaces, runs of spaces collapsed,
    trimmed to ``limit`` characters."""
    text = unicodedata.normalize("NFC", value or "")
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())[:limit].strip()


class TrimmedTextField(forms.CharField):
    """A text box that shortens what is too long instead of refusing it."""

    def to_python(self, value):
        return clean_text(super().to_python(value))


class SearchForm(forms.Form):
    """The header search box and the sort control of every product listing."""

    SORT_CHOICES = list(types.SORTS.items())

    q = TrimmedTextField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "maxlength": MAX_QUERY_LENGTH,
                "placeholder": _("Search products, e.g. cà phê"),
                "aria-label": _("Search"),
            }
        ),
    )
    sort_by = forms.ChoiceField(required=False, choices=SORT_CHOICES, label=_("Sort by"))

    def __init__(self, *args, sorts=None, **kwargs):
        """``sorts``: the sorts of the listing (``types.SORTS`` for products)."""
        super().__init__(*args, **kwargs)
        if sorts is not None:
            self.fields["sort_by"].choices = list(sorts.items())


class ListingRequest:
    """The parsed query string of a listing page.

    ``facets`` are the facets the page lets the buyer filter on (a category page fixes the
    group itself); ``sorts`` the sorts it offers (the startup directory has its own). ``params`` is the canonical query string (only understood values), from
    which every link of the page is built, so a shared URL shows the same results.
    """

    def __init__(self, data: QueryDict, *, vocabulary, facets=types.PRODUCT_FACETS, sorts=None):
        self.form = SearchForm(data, sorts=sorts)
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        self.text: str = cleaned.get("q", "") or ""
        self.sort: str = cleaned.get("sort_by") or types.RELEVANCE
        self.ignored: bool = bool(data.get("sort_by")) and "sort_by" not in cleaned
        self.filters: dict[str, tuple[str, ...]] = {}
        for facet in facets:
            values = []
            for raw in data.getlist(facet)[:MAX_VALUES_PER_FACET]:
                value = raw.strip()
                if not value:
                    continue
                if vocabulary.known(facet, value):
                    if value not in values:
                        values.append(value)
                else:
                    self.ignored = True
            if values:
                self.filters[facet] = tuple(values)

        self.params = QueryDict(mutable=True)
        if self.text:
            self.params["q"] = self.text
        if self.sort != types.RELEVANCE:
            self.params["sort_by"] = self.sort
        for facet, values in self.filters.items():
            self.params.setlist(facet, list(values))

    def hidden_fields(self, *, without=("sort_by",)) -> list[tuple[str, str]]:
        """(name, value) pairs that a GET form (the sort control) must resend."""
        return [
            (name, value)
            for name, values in self.params.lists()
            if name not in without
            for value in values
        ]
