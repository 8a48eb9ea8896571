"""The header's per-visitor parts: ``{% mini_basket %}`` and ``{% account_links %}``.

While a page is rendered for the page cache they are holes, filled for each request
(``core.pagecache``); otherwise the visitor's own, with the links and empty basket of
anonymous visitors rendered once per language and process."""

from django import template
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def mini_basket(context):
    request = context.get("request")
    if request is None:
        return ""
    if pagecache.is_cache_render(request):
        return mark_safe(pagecache.BASKET_HOLE)
    return mark_safe(pagecache.mini_basket(request))


@register.simple_tag(takes_context=True)
def account_links(context):
    request = context.get("request")
    if request is None:
        return ""
    if pagecache.is_cache_render(request):
        return mark_safe(pagecache.ACCOUNT_HOLE)
    return mark_safe(pagecache.account_links(request))
