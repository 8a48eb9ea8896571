"""Rendering e-mails in the recipient's language.

When the recipient's language is known (an order stores the one the buyer ordered in; a
request has the visitor's), the e-mail is written in it. When it is not (sellers, applicants,
stock-alert subscribers: no language is stored for them), the e-mail carries both texts,
Vietnamese first, then English, each with links of its own language.
"""

from django.template.loader import render_to_string
from django.utils import translation

LANGUAGES = ("vi", "en")
SEPARATOR = "\n\n---- English ----\n\n"


def render_text(template_name: str, context: dict, language: str | None = None) -> str:
    """The template rendered in ``language``, or in Vietnamese then English when None."""
    if language:
        with translation.override(language):
            return render_to_string(template_name, context)
    parts = []
    for code in LANGUAGES:
        with translation.override(code):
            parts.append(render_to_string(template_name, context).strip())
    return SEPARATOR.join(parts) + "\n"


def render_subject(template_name: str, context: dict, language: str | None = None) -> str:
    """A one-line subject; both languages joined by " / " when the language is unknown."""
    if language:
        with translation.override(language):
            return " ".join(render_to_string(template_name, context).split())
    subjects = []
    for code in LANGUAGES:
        with translation.override(code):
            subjects.append(" ".join(render_to_string(template_name, context).split()))
    return " / ".join(dict.fromkeys(subjects))
