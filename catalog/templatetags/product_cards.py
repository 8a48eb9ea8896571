"""``{% product_cards products %}``: the product cards of a listing, each from the card cache
(``core.pagecache.cards``) unless its product changed.

``{{ product|shown:"title" }}``: a product's, category's or seller's text in the page's
language (``core.text.ShownText``): the English one on an English page when given, else the
Vietnamese one, which ``{{ text|lang_attr }}`` marks ``lang="vi"`` on the element around it::

    {% with title=product|shown:"title" %}<h1{{ title|lang_attr }}>{{ title }}</h1>{% endwith %}
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import pagecache
from core.text import ShownText, shown_text

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


@register.filter
def shown(obj, field: str) -> ShownText:
    """``obj.<field>`` as the page's language shows it. A variant without a name of its own
    shows its parent's, in English too (as Oscar's ``get_title`` does)."""
    if obj is None:
        return ShownText("")
    if field == "title" and not getattr(obj, "title", "") and getattr(obj, "parent_id", None):
        obj = obj.parent
    return shown_text(obj, field, get_language() or "")


@register.filter
def lang_attr(text) -> str:
    """`` lang="vi"`` for a ShownText that fell back to Vietnamese on an English page, else
    nothing."""
    lang = getattr(text, "lang", "")
    return format_html(' lang="{}"', lang) if lang else ""
