"""The visitors' forms of an expo: a question at a booth, the passport's draw entry. (The
"leave your contact" form of a booth is the interest form, ``startups.forms.leads.LeadForm``.)"""

from django import forms
from django.utils.translation import gettext_lazy as _


class BoothQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        error_messages={"required": _("Write your question.")},
    )


class DrawEntryForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        error_messages={"required": _("Write your name and e-mail address.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"required": _("Write your name and e-mail address.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["email"].widget.attrs.update(autocomplete="email")
