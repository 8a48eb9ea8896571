"""The seller's startup profile form, with its team and awards formsets. The checks are the
services' own (``startups.services.profiles``: links, years), so the page says what the save
would refuse, before anything is written."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from startups.models import Award, Startup, TeamMember
from startups.models.profiles import LookingFor
from startups.services.profiles import (
    AWARD_FIELDS,
    FIRST_BIRTH_YEAR,
    LINK_CHECKS,
    PROFILE_FIELDS,
    TEAM_FIELDS,
)

TEAM_MAX = 30
AWARDS_MAX = 50


def _not_future(value, message):
    if value is not None and value > timezone.localdate().year:
        raise forms.ValidationError(message)
    return value


class StartupForm(forms.ModelForm):
    looking_for = forms.MultipleChoiceField(
        label=_("Looking for"),
        choices=LookingFor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Startup
        fields = [*PROFILE_FIELDS, "logo"]  # the service saves the same fields
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "story_en": forms.Textarea(attrs={"rows": 8}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
            "facebook": forms.URLInput(attrs={"placeholder": "https://www.facebook.com/..."}),
            "zalo": forms.URLInput(attrs={"placeholder": "https://zalo.me/..."}),
            "tiktok": forms.URLInput(attrs={"placeholder": "https://www.tiktok.com/@..."}),
            "youtube": forms.URLInput(attrs={"placeholder": "https://www.youtube.com/@..."}),
        }
        help_texts = {
            "tagline": _("One line, at most 90 characters: what you make and for whom."),
            "name_en": _("Leave the English texts empty to show the Vietnamese ones."),
            "published": _("Your startup's page is shown to everyone while this is on."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].empty_label = _("Choose a province or city")
        for name in LINK_CHECKS:
            # Checked by the network's own rule below, not Django's looser URL check (which
            # would also turn "facebook.com/x" into "http://facebook.com/x").
            self.fields[name] = forms.CharField(
                label=self.fields[name].label,
                required=False,
                max_length=300,
                widget=self.fields[name].widget,
            )

    def clean_founded_year(self):
        return _not_future(
            self.cleaned_data.get("founded_year"),
            _("The founding year cannot be in the future."),
        )

    def clean(self):
        data = super().clean()
        for name, check in LINK_CHECKS.items():
            if name in data:
                try:
                    data[name] = check(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def profile_data(self) -> dict:
        """What ``startup_save`` takes: the profile fields, and the logo (a new upload,
        ``False`` to remove it, or the stored one, which is kept)."""
        return dict(self.cleaned_data)


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["name", "role", "role_en", "birth_year", "is_founder", "photo"]
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    def clean_birth_year(self):
        year = _not_future(
            self.cleaned_data.get("birth_year"), _("The year of birth cannot be in the future.")
        )
        if year is not None and year < FIRST_BIRTH_YEAR:
            raise forms.ValidationError(
                _("Enter a year from %(first)s on.") % {"first": FIRST_BIRTH_YEAR}
            )
        return year


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["name", "year", "rank"]
        help_texts = {"rank": _("e.g. First prize, Finalist")}

    def clean_year(self):
        return _not_future(
            self.cleaned_data.get("year"), _("The year of an award cannot be in the future.")
        )


def _rows(formset, fields) -> list[dict]:
    """The kept rows of a valid formset, in order, as ``startup_save`` takes them."""
    rows = []
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue  # a blank extra row
        if formset.can_delete and formset._should_delete_form(form):
            continue
        row = {name: form.cleaned_data.get(name) for name in fields}
        row["id"] = form.instance.pk
        if "photo" in form.fields:
            row["photo"] = form.cleaned_data.get("photo")  # new, False (remove) or kept
        rows.append(row)
    return rows


class _TeamFormSetBase(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        rows = self.rows()
        if not any(row.get("is_founder") for row in rows):
            raise forms.ValidationError(
                _("Name at least one founder of the startup."), code="no_founder"
            )

    def rows(self) -> list[dict]:
        return _rows(self, TEAM_FIELDS)


class _AwardFormSetBase(forms.BaseInlineFormSet):
    def rows(self) -> list[dict]:
        return _rows(self, AWARD_FIELDS)


TeamFormSet = forms.inlineformset_factory(
    Startup,
    TeamMember,
    form=TeamMemberForm,
    formset=_TeamFormSetBase,
    extra=2,
    can_delete=True,
    max_num=TEAM_MAX,
    validate_max=True,
)
AwardFormSet = forms.inlineformset_factory(
    Startup,
    Award,
    form=AwardForm,
    formset=_AwardFormSetBase,
    extra=2,
    can_delete=True,
    max_num=AWARDS_MAX,
    validate_max=True,
)
