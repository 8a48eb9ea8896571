"""Forms of organising expos (the officers' pages, ``startups.views.expo_union``; the
visitors' forms are in ``startups.forms.expos``): the expo (both languages, banner, dates in Viet Nam's time),
its halls and sessions as row formsets on the same page, and the officer's decision on a
booth. The rules are the service's (``startups.services.expos``): the forms call its checks so
the page says what the save would refuse, and the view puts the service's own refusals on the
row and field they are about."""

from __future__ import annotations

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from startups.access import units_of
from startups.models import Expo, ExpoSession, Hall, Officer
from startups.selectors.expo_organising import (
    expo_editor_halls,
    expo_editor_sessions,
    session_startups_allowed,
)
from startups.services.expos import (
    MAX_HALLS,
    MAX_SESSIONS,
    dates_check,
    hall_check,
    reward_check,
    session_time_check,
    video_link_check,
)

Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

VIET_NAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class VietNamDateTimeField(forms.DateTimeField):
    """A date and time entered and shown in Viet Nam's time (a ``datetime-local`` box),
    whatever time zone the request runs in."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)
        )
        kwargs.setdefault("input_formats", [DATETIME_LOCAL, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)

    def prepare_value(self, value):
        with timezone.override(VIET_NAM):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(VIET_NAM):
            return super().to_python(value)


def _errors_on(form, error: ValidationError) -> None:
    """A check's refusal on the form's fields (the rest on the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ExpoForm(forms.ModelForm):
    applications_close_at = VietNamDateTimeField(
        label=_("Applications close at"),
        help_text=_("Viet Nam time. Sellers apply for a booth until then."),
    )
    opens_at = VietNamDateTimeField(label=_("Opens at"), help_text=_("Viet Nam time."))
    closes_at = VietNamDateTimeField(label=_("Closes at"), help_text=_("Viet Nam time."))

    class Meta:
        model = Expo
        fields = [
            "unit",
            "title",
            "title_en",
            "theme",
            "theme_en",
            "description",
            "description_en",
            "banner",
            "applications_close_at",
            "opens_at",
            "closes_at",
            "passport_goal",
            "reward",
            "reward_voucher_code",
            "reward_text",
            "reward_text_en",
            "draw_prizes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "banner": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }
        help_texts = {
            "title_en": _("Leave the English texts empty to show the Vietnamese ones."),
            "banner": _("A JPEG, PNG or WebP picture, wide (e.g. 1600 × 600)."),
            "reward_voucher_code": _(
                "The code of a voucher made in the dashboard's vouchers, given to visitors "
                "who complete the passport."
            ),
            "draw_prizes": _("How many winners the draw picks."),
        }

    def __init__(self, *args, officer: Officer, **kwargs):
        super().__init__(*args, **kwargs)
        self.officer = officer
        units = units_of(officer).order_by("path")
        self.fields["unit"].queryset = units
        self.fields["unit"].label = _("Organised by")
        self.fields["unit"].empty_label = None
        self.fields["unit"].label_from_instance = lambda unit: (
            "\u2003" * (unit.depth - officer.unit.depth) + unit.name
        )
        if not self.instance.pk:
            self.initial.setdefault("unit", officer.unit.pk)

    def clean(self):
        data = super().clean()
        dates = {
            name: data.get(name) for name in ("applications_close_at", "opens_at", "closes_at")
        }
        try:
            dates_check(**dates)
        except ValidationError as error:
            _errors_on(self, error)
        if "reward" in data:
            try:
                data["reward_voucher_code"] = reward_check(
                    passport_goal=data.get("passport_goal"),
                    reward=data.get("reward"),
                    reward_voucher_code=data.get("reward_voucher_code", ""),
                    draw_prizes=data.get("draw_prizes"),
                )
            except ValidationError as error:
                _errors_on(self, error)
        return data

    def service_data(self) -> dict:
        """What ``expo_save`` takes: the fields, the unit, and the banner (a new upload,
        False to remove it, or the stored one, which is kept)."""
        return dict(self.cleaned_data)


# --- halls and sessions -----------------------------------------------------------------


def ocop_group_choices() -> list[tuple[str, str]]:
    """The OCOP product groups and their sub-groups, by code (one query)."""
    rows = (
        Category.objects.exclude(ocop_code="").order_by("path").only("name", "ocop_code", "depth")
    )
    return [("", "---------")] + [
        (c.ocop_code, ("\u2003" * (c.depth - 1)) + f"{c.ocop_code} {c.name}") for c in rows
    ]


class HallForm(forms.ModelForm):
    ocop_group = forms.ChoiceField(label=_("OCOP product group"), required=False)

    class Meta:
        model = Hall
        fields = ["name", "name_en", "kind", "ocop_group", "province", "position"]
        labels = {"position": _("Order")}

    def __init__(self, *args, ocop_choices=(), province_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ocop_group"].choices = ocop_choices
        self.fields["province"].choices = province_choices
        self.fields["position"].required = False
        self.fields["position"].widget.attrs.update(min=0, max=999)

    def clean(self):
        data = super().clean()
        if self.has_changed() and "kind" in data:
            try:
                hall_check(
                    kind=data.get("kind"),
                    ocop_group=data.get("ocop_group"),
                    province=data.get("province"),
                )
            except ValidationError as error:
                _errors_on(self, error)
        return data


class SessionForm(forms.ModelForm):
    starts_at = VietNamDateTimeField(label=_("Starts at"))
    ends_at = VietNamDateTimeField(label=_("Ends at"))
    # Checked by the video rule (YouTube, Facebook, TikTok, https), not Django's URL check,
    # which would turn "youtu.be/x" into "http://youtu.be/x".
    stream_url = forms.CharField(
        label=_("Livestream address"),
        required=False,
        max_length=300,
        widget=forms.URLInput(attrs={"placeholder": "https://www.youtube.com/live/..."}),
        help_text=_("YouTube, Facebook or TikTok."),
    )
    replay_url = forms.CharField(
        label=_("Replay address"),
        required=False,
        max_length=300,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_("Once the session is over: its recording on YouTube, Facebook or TikTok."),
    )

    class Meta:
        model = ExpoSession
        fields = [
            "kind",
            "title",
            "title_en",
            "description",
            "description_en",
            "starts_at",
            "ends_at",
            "hall",
            "speakers",
            "startups",
            "stream_url",
            "replay_url",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
            "startups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "startups": _("Startups with an approved booth in this expo."),
            "speakers": _("Names and roles, separated by commas."),
        }

    def __init__(
        self, *args, halls=None, hall_choices=(), startups=None, startup_choices=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        # The choices are read once for every row (the page's queries do not grow with its
        # rows); the querysets check what is sent.
        self.fields["hall"].queryset = halls if halls is not None else Hall.objects.none()
        self.fields["hall"].choices = hall_choices
        self.fields["hall"].required = False
        self.fields["startups"].queryset = startups
        self.fields["startups"].choices = startup_choices
        self.fields["startups"].required = False

    def clean_stream_url(self):
        return video_link_check(self.cleaned_data.get("stream_url"))

    def clean_replay_url(self):
        return video_link_check(self.cleaned_data.get("replay_url"))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and not starts < ends:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


class RowsFormSet(forms.BaseInlineFormSet):
    """Rows kept as ``expo_save`` takes them: new filled-in rows and stored ones, less those
    marked for removal, with ``id`` for a stored row. ``row_forms`` keeps the form of each
    row, so a refusal of row n goes back on its form."""

    row_fields: tuple = ()

    def rows(self) -> list[dict]:
        rows, self.row_forms = [], []
        for form in self.forms:
            if not form.has_changed() and form.instance.pk is None:
                continue  # a blank extra row
            if self.can_delete and self._should_delete_form(form):
                continue
            row = {name: form.cleaned_data.get(name) for name in self.row_fields}
            row["id"] = form.instance.pk
            rows.append(row)
            self.row_forms.append(form)
        return rows

    def row_error(self, n: int, name: str, errors) -> None:
        forms_ = getattr(self, "row_forms", None) or []
        if n < len(forms_) and name in forms_[n].fields:
            forms_[n].add_error(name, errors)
        else:
            self._non_form_errors = self.error_class([*self.non_form_errors(), *errors])

    def add_general_error(self, errors) -> None:
        self._non_form_errors = self.error_class([*self.non_form_errors(), *errors])


class HallFormSet(RowsFormSet):
    row_fields = ("name", "name_en", "kind", "ocop_group", "province", "position")


class SessionFormSet(RowsFormSet):
    row_fields = (
        "kind",
        "title",
        "title_en",
        "description",
        "description_en",
        "starts_at",
        "ends_at",
        "hall",
        "speakers",
        "startups",
        "stream_url",
        "replay_url",
    )

    def dates_check(self, *, opens_at, closes_at) -> bool:
        """Every kept session within the expo's (new) dates; False with the errors on the
        rows when one is not."""
        good = True
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed():
                if form.instance.pk is None:
                    continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", {})
            try:
                session_time_check(
                    starts_at=data.get("starts_at"),
                    ends_at=data.get("ends_at"),
                    opens_at=opens_at,
                    closes_at=closes_at,
                )
            except ValidationError as error:
                _errors_on(form, error)
                good = False
        return good


HallFormSetFactory = forms.inlineformset_factory(
    Expo,
    Hall,
    form=HallForm,
    formset=HallFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_HALLS,
    validate_max=True,
)
SessionFormSetFactory = forms.inlineformset_factory(
    Expo,
    ExpoSession,
    form=SessionForm,
    formset=SessionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_SESSIONS,
    validate_max=True,
)


def expo_formsets(data=None, *, expo: Expo | None) -> dict:
    """The halls and sessions formsets of the editor. Their choices (OCOP groups,
    provinces, the expo's halls, the startups that may pitch) are read once here."""
    instance = expo if expo is not None else Expo()
    halls = expo_editor_halls(expo)
    hall_rows = list(halls)
    startups = session_startups_allowed(expo)
    startup_rows = list(startups)
    return {
        "halls": HallFormSetFactory(
            data,
            instance=instance,
            prefix="halls",
            queryset=halls,
            form_kwargs={
                "ocop_choices": ocop_group_choices(),
                "province_choices": [("", "---------")]
                + [(p.pk, p.name) for p in Province.objects.order_by("name")],
            },
        ),
        "sessions": SessionFormSetFactory(
            data,
            instance=instance,
            prefix="sessions",
            queryset=expo_editor_sessions(expo),
            form_kwargs={
                "halls": halls,
                "hall_choices": [("", "---------")] + [(h.pk, h.name) for h in hall_rows],
                "startups": startups,
                "startup_choices": [(s.pk, s.name) for s in startup_rows],
            },
        ),
    }


# --- booths -----------------------------------------------------------------------------


class BoothDecisionForm(forms.Form):
    APPROVE, REFUSE = "approve", "refuse"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to approve or refuse.")},
    )
    reason = forms.CharField(
        label=_("Reason (the exhibitor reads it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REFUSE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for refusing: the exhibitor reads it."))
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class BoothFeatureForm(forms.Form):
    featured = forms.BooleanField(label=_("Featured in the lobby"), required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)
