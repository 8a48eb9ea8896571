"""The seller centre's period, from the page's GET form: the last 7 or 30 days, this month,
or any dates."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from startups.selectors.seller_centre import PERIOD_KINDS, Period, period_of

MAX_DAYS = 366  # a custom period of at most a year
FIRST_DAY = datetime.date(2000, 1, 1)
PERIOD_LABELS = {
    "7d": _("Last 7 days"),
    "30d": _("Last 30 days"),
    "month": _("This month"),
    "custom": pgettext_lazy("seller centre period", "Choose the dates"),
}
DEFAULT = "7d"


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=pgettext_lazy("seller centre", "Period"),
        choices=[(k, PERIOD_LABELS[k]) for k in PERIOD_KINDS],
        required=False,
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
        if start < FIRST_DAY or end > self.today:
            raise forms.ValidationError(_("Choose days from 2000 up to today."))
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(_("Choose a period of at most a year."))
        return data

    def chosen(self) -> Period:
        """The chosen period; the last 7 days when the form is not valid (the page says why)."""
        if not self.is_valid():
            return period_of(DEFAULT, today=self.today)
        data = self.cleaned_data
        return period_of(
            data["period"], start=data.get("start"), end=data.get("end"), today=self.today
        )

    def problems(self) -> list[str]:
        """What is wrong with the period asked for, in the user's language."""
        if not self.is_bound or self.is_valid():
            return []
        if self.non_field_errors():
            return list(self.non_field_errors())
        return [
            str(
                _(
                    "The period could not be read: choose one from the list, or give the dates "
                    "as day/month/year (e.g. 31/12/2025)."
                )
            )
        ]
