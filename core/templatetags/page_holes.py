"""The header's per-visitor parts: ``{% mini_basket %}`` and ``{% account_links %}``.

While a page is rendered for the page cache they are holes, filled for each request
(``core.pagecache``); otherwise the visitor's own, with the links and empty basket of
anonymous visitors rendered once per language and process."""

from django import template
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()


def _hole_or(context, hole: str, fill) -> str:
    request = context.get("request")
    if request is None:
        return ""
    return mark_safe(hole if pagecache.is_cache_render(request) else fill(request))


@register.simple_tag(takes_context=True)
def mini_basket(context):
    return _hole_or(context, pagecache.BASKET_HOLE, pagecache.mini_basket)


@register.simple_tag(takes_context=True)
def account_links(context):
    return _hole_or(context, pagecache.ACCOUNT_HOLE, pagecache.account_links)
