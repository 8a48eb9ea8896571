"""The report's period, from the page's GET form: a calendar period or any dates."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from startups.selectors.union_report import PERIOD_KINDS, Period, period_of

MAX_DAYS = 3 * 366 + 1  # a custom period of at most three years
FIRST_DAY = datetime.date(2000, 1, 1)
PERIOD_LABELS = {
    "this_month": _("This month"),
    "last_month": _("Last month"),
    "this_quarter": _("This quarter"),
    "last_quarter": _("Last quarter"),
    "this_year": _("This year"),
    "last_year": _("Last year"),
    "custom": _("Dates of your choice"),
}
DEFAULT = "this_month"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=[(k, PERIOD_LABELS[k]) for k in PERIOD_KINDS], required=False
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, *, today: datetime.date, **kwargs):
        self.today = today
        super().__init__(data, **kwargs)
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]

    def clean(self):
        data = super().clean()
        kind = data.get("period") or ("custom" if data.get("start") or data.get("end") else DEFAULT)
        data["period"] = kind
        if kind != "custom" or self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Give both the first and the last day of the period."))
        if end < start:
            raise forms.ValidationError(_("The last day comes before the first day."))
        if start < FIRST_DAY or end > self.today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose days between 2000 and next year."))
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(_("A report covers at most three years."))
        return data

    def chosen(self) -> Period:
        """The chosen period; this month when the form is not valid (the page says why)."""
        if not self.is_valid():
            return period_of(DEFAULT, today=self.today)
        data = self.cleaned_data
        return period_of(
            data["period"], start=data.get("start"), end=data.get("end"), today=self.today
        )
