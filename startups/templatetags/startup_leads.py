"""``{% interest_form form as interest_form %}``: the interest form for the include
``startups/leads/interest_form.html`` (the bound one after a refusal, else a blank one, the
same for every visitor, so pages that include it can be cached); ``|vn_phone``: a stored
E.164 number as Vietnamese write it; ``{% lead_fields form %}`` the form's fields
(``startups/leads/_lead_fields.html``): a blank form's are the same for every visitor and
kept per language until the site changes (``core.pagecache.site_cached``), a refused one's
drawn with its values and errors. Their widgets were a fifth of a startup page rendered
afresh."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import pagecache
from startups.forms.leads import LeadForm, national_phone

register = template.Library()


@register.simple_tag
def interest_form(form=None):
    return form if isinstance(form, LeadForm) else LeadForm()


FIELDS_TEMPLATE = "startups/leads/_lead_fields.html"


@register.simple_tag
def lead_fields(form):
    if form.is_bound or form.initial:  # what was typed, or values given: this form only
        return mark_safe(render_to_string(FIELDS_TEMPLATE, {"form": form}))
    return mark_safe(
        pagecache.site_cached(
            "lead-fields", lambda: render_to_string(FIELDS_TEMPLATE, {"form": LeadForm()})
        )
    )


@register.filter
def vn_phone(value):
    return national_phone(str(value or ""))
