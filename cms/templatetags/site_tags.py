"""``{% site_chrome as chrome %}``: the site settings' part of the header and footer
(``cms.site_settings``), read once a request."""

from django import template

from cms.site_settings import site_chrome as chrome_of

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    return chrome_of(context.get("request"))
