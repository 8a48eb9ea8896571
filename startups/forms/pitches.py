"""Forms of the pitches domain: the editor (the pitch and its row formsets), updates,
questions and answers, the officer's review. The rules that span forms (uses of funds adding
up to the ask, a deck whose first page can be drawn) are the service's
(``startups.services.pitches``); the views put its refusals on the right field."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.importing.parsing import CellError, whole_number
from core.video import video_parse
from startups.models import Pitch, PitchUpdate, Question
from startups.models.pitches import Section

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_VND = 10**15  # a thousand trillion đồng: beyond any real figure, within the columns


class WholeNumberField(forms.CharField):
    """A whole number as people write it: 1250000, 1.250.000, 1,250,000, "1.250.000 ₫"."""

    def __init__(self, *, min_value: int = 0, **kwargs):
        self.min_value = min_value
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = whole_number(value)
        except CellError as error:
            raise ValidationError(error.message, code="invalid") from None
        if number < self.min_value:
            raise ValidationError(
                _("Enter %(n)s or more.") % {"n": self.min_value}, code="min_value"
            )
        if number >= MAX_VND:
            raise ValidationError(_("This number is too large."), code="max_value")
        return number


class PitchForm(forms.ModelForm):
    market_size = WholeNumberField(
        label=_("Market size (VND a year)"),
        required=False,
        help_text=_("What buyers in your market spend a year, in đồng, e.g. 1.250.000.000."),
    )
    ask_amount = WholeNumberField(
        label=_("Amount asked (VND)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for mentoring, a distribution partner or a bulk buyer."),
    )

    class Meta:
        model = Pitch
        fields = [
            "title",
            "problem",
            "solution",
            "product",
            "market",
            "market_size",
            "business_model",
            "competition",
            "team_note",
            "ask_kind",
            "ask_amount",
            "risks",
            "video_url",
            "deck",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "problem",
                "solution",
                "product",
                "market",
                "business_model",
                "competition",
                "team_note",
                "risks",
            )
        }
        help_texts = {
            "video_url": _("A YouTube, Facebook or TikTok video link (https)."),
            "deck": _("A PDF of at most 20 MB; its first page is shown as a preview."),
        }

    def clean_video_url(self):
        url = (self.cleaned_data.get("video_url") or "").strip()
        if url:
            video_parse(url)
        return url

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields if name != "deck"}

    def new_deck(self):
        """The deck to store: a new upload, False to remove the stored one, None to keep it."""
        if "deck" not in self.changed_data:
            return None
        return self.cleaned_data.get("deck") or False


class TractionForm(forms.Form):
    label = forms.CharField(label=_("Figure"), max_length=100)
    value = WholeNumberField(label=_("Value"))
    unit = forms.CharField(label=_("Unit"), max_length=30, required=False)
    as_of = forms.DateField(label=_("As of"), widget=DATE_WIDGET)

    def clean_as_of(self):
        as_of = self.cleaned_data["as_of"]
        if as_of > timezone.localdate():
            raise ValidationError(_("A figure cannot be dated in the future."))
        return as_of


class FundUseForm(forms.Form):
    label = forms.CharField(label=_("Use"), max_length=150)
    amount = WholeNumberField(label=_("Amount (VND)"), min_value=1)


class MilestoneForm(forms.Form):
    when = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    text = forms.CharField(label=_("Milestone"), max_length=200)
    done = forms.BooleanField(label=_("Reached"), required=False)


class RowFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The rows kept: the stored ones and the filled-in new ones, less those marked for
        removal (an empty new row has no cleaned data)."""
        return [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


MAX_ROWS = 30


def _formset(form):
    return forms.formset_factory(
        form,
        formset=RowFormSet,
        extra=2,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
        absolute_max=MAX_ROWS + 10,
    )


TractionFormSet = _formset(TractionForm)
FundUseFormSet = _formset(FundUseForm)
MilestoneFormSet = _formset(MilestoneForm)


def editor_formsets(data=None, *, pitch: Pitch | None = None) -> dict:
    """The three row formsets of the editor, filled from the pitch's rows."""

    def initial(rows, fields):
        return [{f: getattr(row, f) for f in fields} for row in rows] if pitch else []

    return {
        "traction": TractionFormSet(
            data,
            prefix="traction",
            initial=initial(
                pitch.traction.all() if pitch else [], ["label", "value", "unit", "as_of"]
            ),
        ),
        "fund_uses": FundUseFormSet(
            data,
            prefix="fund_uses",
            initial=initial(pitch.fund_uses.all() if pitch else [], ["label", "amount"]),
        ),
        "milestones": MilestoneFormSet(
            data,
            prefix="milestones",
            initial=initial(pitch.milestones.all() if pitch else [], ["when", "text", "done"]),
        ),
    }


class PitchUpdateForm(forms.ModelForm):
    class Meta:
        model = PitchUpdate
        fields = ["text", "picture", "figure_label", "figure_value"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean(self):
        cleaned = super().clean()
        label = (cleaned.get("figure_label") or "").strip()
        value = (cleaned.get("figure_value") or "").strip()
        if bool(label) != bool(value):
            raise ValidationError(_("A figure needs both its name and its value."))
        return cleaned


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text"]
        labels = {"text": _("Your question")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    """The officer's decision: a comment box per section (for sending back) and a note."""

    note = forms.CharField(
        label=_("Note to the startup"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Section.choices:
            self.fields[f"comment_{value}"] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def comments(self) -> dict:
        return {value: self.cleaned_data.get(f"comment_{value}", "") for value in Section.values}

    def comment_field(self, section: str):
        return self[f"comment_{section}"]


# The editor's layout: each section with its fields of ``PitchForm`` and its row formset.
EDITOR_SECTIONS = [
    (Section.PROBLEM, ["problem"], None),
    (Section.SOLUTION, ["solution"], None),
    (Section.PRODUCT, ["product"], None),
    (Section.MARKET, ["market", "market_size"], None),
    (Section.BUSINESS_MODEL, ["business_model"], None),
    (Section.TRACTION, [], "traction"),
    (Section.COMPETITION, ["competition"], None),
    (Section.TEAM, ["team_note"], None),
    (Section.ASK, ["ask_kind", "ask_amount"], None),
    (Section.USE_OF_FUNDS, [], "fund_uses"),
    (Section.MILESTONES, [], "milestones"),
    (Section.RISKS, ["risks"], None),
    (Section.MEDIA, ["video_url", "deck"], None),
]


def editor_sections(form, formsets, comments: dict) -> list[dict]:
    """What the editor shows per section, in order: label, fields, rows, the officer's
    comment from the last send-back."""
    return [
        {
            "section": section.value,
            "label": section.label,
            "fields": [form[name] for name in names],
            "formset": formsets.get(rows) if rows else None,
            "rows": rows or "",
            "comment": comments.get(section.value, ""),
        }
        for section, names, rows in EDITOR_SECTIONS
    ]


def fund_total(formset, pitch: Pitch | None) -> int:
    """The sum of the uses of funds the editor shows: what was sent, else what is stored."""
    if formset.is_bound:
        total = 0
        for form in formset.forms:
            amount = form.cleaned_data.get("amount") if hasattr(form, "cleaned_data") else None
            if amount and not form.cleaned_data.get("DELETE"):
                total += amount
        return total
    return sum(f.amount for f in pitch.fund_uses.all()) if pitch else 0
