"""``{% product_cards products %}``: the product cards of a listing, each from the card cache
(``core.pagecache.cards``) unless its product changed."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from core import pagecache

register = template.Library()
CARD_TEMPLATE = "oscar/catalogue/partials/product.html"


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    card = context.template.engine.get_template(CARD_TEMPLATE)

    def render_one(product) -> str:
        with context.push(product=product):
            return card.render(context)

    html = pagecache.cards(list(products), render_one)
    return format_html_join("", "<li>{}</li>", ((mark_safe(h),) for h in html))
