"""``{% interest_form form as interest_form %}``: the interest form for the include
``startups/leads/interest_form.html`` (the bound one after a refusal, else a blank one, the
same for every visitor, so pages that include it can be cached); ``|vn_phone``: a stored
E.164 number as Vietnamese write it."""

from django import template

from startups.forms.leads import LeadForm, national_phone

register = template.Library()


@register.simple_tag
def interest_form(form=None):
    return form if isinstance(form, LeadForm) else LeadForm()


@register.filter
def vn_phone(value):
    return national_phone(str(value or ""))
