"""``{% product_cards products %}``: the product cards of a listing (``catalog.cards``), each
from the card cache (``core.pagecache.cards``) unless its product changed;
``{% product_card product %}`` one card, for templates of Oscar's that include
``oscar/catalogue/partials/product.html``; ``{% ocop_badge stars %}`` the OCOP badge.

``{{ product|shown:"title" }}``: a product's, category's or seller's text in the page's
language (``core.text.ShownText``): the English one on an English page when given, else the
Vietnamese one, which ``{{ text|lang_attr }}`` marks ``lang="vi"`` on the element around it::

    {% with title=product|shown:"title" %}<h1{{ title|lang_attr }}>{{ title }}</h1>{% endwith %}

``{{ product|head_text:"title" }}`` (or ``"description"``; a category's ``"name"``): what the
page's head says (``<title>``, meta description, link previews): the English text on an
English page when given, else the meta title or description, else the Vietnamese text.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from catalog.cards import ocop_badge_html, product_card_html, shown
from core import pagecache

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products):
    """``products``: products, or a ``catalog.selectors.ListedProducts`` (ids, whose products
    are read only for the cards not cached)."""
    request = context["request"]
    html = pagecache.cards(
        products,
        lambda product: product_card_html(request, product),
        load=getattr(products, "load", None),
    )
    return format_html_join("", "<li>{}</li>", ((mark_safe(h),) for h in html))


@register.simple_tag(takes_context=True)
def product_card(context, product):
    return product_card_html(context["request"], product)


@register.simple_tag
def ocop_badge(stars):
    return ocop_badge_html(stars)


register.filter("shown", shown)


@register.filter
def lang_attr(text) -> str:
    """`` lang="vi"`` for a ShownText that fell back to Vietnamese on an English page, else
    nothing."""
    lang = getattr(text, "lang", "")
    return format_html(' lang="{}"', lang) if lang else ""


@register.filter
def head_text(obj, field: str) -> str:
    """A product's or category's name (``"title"``/``"name"``) or description for the page's
    head: on an English page its English text when one is written; otherwise its meta title
    or meta description (Oscar's fields, written in Vietnamese), else its Vietnamese text.
    Plain text: the head's tags strip and shorten it."""
    if obj is None:
        return ""
    text = shown(obj, field)
    if (get_language() or "").startswith("en") and text.value and not text.is_fallback:
        return text.value
    meta = obj.get_meta_description() if field == "description" else obj.get_meta_title()
    return meta or text.value
