"""``{% site_fragment "name" %}…{% endsite_fragment %}``: a part of every page that shows
everyone the same in a language until the site changes (categories, sellers, provinces, the
site settings), kept rendered in the cache (``core.pagecache.site_cached``). Nothing inside
may depend on the request beyond its language: no path, no query, no visitor."""

from django import template
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()


class SiteFragmentNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        with context.push():  # what the inside sets ({% ... as x %}) stays inside
            html = pagecache.site_cached(self.name, lambda: self.nodelist.render(context))
        return mark_safe(html)


@register.tag("site_fragment")
def site_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% site_fragment "name" %}')
    nodelist = parser.parse(("endsite_fragment",))
    parser.delete_first_token()
    return SiteFragmentNode(bits[1][1:-1], nodelist)
