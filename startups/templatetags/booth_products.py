"""``{% booth_products rows %}``: the featured products of a booth page
(``templates/startups/expos/public/_booth_product.html``), each from the card cache while its
product is unchanged when ``rows`` are a ``startups.selectors.expos.BoothProducts`` (ids whose
rows are read only for the products not cached), else drawn from the rows given.

A kept row holds the CSRF hole in its basket form; the page's own token (or the page cache's
hole, when the page is rendered for the cache) is put in on the way out."""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()

ROW_TEMPLATE = "startups/expos/public/_booth_product.html"


@register.simple_tag(takes_context=True)
def booth_products(context, rows):
    row_template = get_template(ROW_TEMPLATE)
    request, expo, booth = context["request"], context["expo"], context["booth"]
    open_for_contact = bool(context.get("open_for_contact"))
    base = {
        "request": request,
        "expo": expo,
        "booth": booth,
        "open_for_contact": open_for_contact,
    }

    def draw(row, csrf_token):
        # No request: the page's context processors have run already, and the row needs none.
        return row_template.render({**base, "row": row, "csrf_token": csrf_token})

    token = context.get("csrf_token", "")
    load = getattr(rows, "load", None)
    if load is None:
        return mark_safe("".join(draw(row, token) for row in rows))
    html = pagecache.cards(
        rows,
        lambda row: draw(row, pagecache.CSRF_HOLE),
        load=load,
        prefix=f"{pagecache.CARD_PREFIX}booth:{booth.pk}:{expo.slug}:{int(open_for_contact)}:",
    )
    html = "".join(html)
    if pagecache.CSRF_HOLE in html:  # asked only then: a token asked for sets the cookie
        html = html.replace(pagecache.CSRF_HOLE, str(token))
    return mark_safe(html)
