"""``{% absolute path %}``: a link of our site for e-mails, from the one ``SITE_URL`` setting."""

from django import template

from core.siteurl import absolute_url

register = template.Library()


@register.simple_tag
def absolute(path):
    return absolute_url(str(path or ""))
