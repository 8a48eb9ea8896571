"""The product card of every listing (home, category, search, seller, booth, basket
suggestions), written in Python.

The card is the most repeated piece of the site: a listing draws 8 to 24 of them on every
render the page cache misses. As a template it cost about 0.7 ms a card, most of it the
template engine resolving a few dozen variables and an include; built here it costs a
fraction of that and gives the same HTML. The OCOP badge has its one home here as well
(``ocop_badge_html``, ``{% ocop_badge stars %}`` in templates).
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from core.text import ShownText, shown_text

STARS = "★★★★★"


def ocop_badge_html(stars) -> SafeString:
    """The OCOP badge for a certificate of ``stars`` stars; nothing without stars."""
    if not stars:
        return mark_safe("")
    return format_html(
        '<span class="ocop-badge ocop-badge--{stars}" title="{title}" data-testid="ocop-badge">'
        '<span class="ocop-badge__label">OCOP</span> '
        '<span class="ocop-badge__stars" aria-hidden="true">{marks}</span>'
        '<span class="sr-only">{spoken}</span></span>',
        stars=stars,
        title=_("OCOP %(stars)s-star product") % {"stars": stars},
        marks=STARS[: int(stars)],
        spoken=_("%(stars)s stars") % {"stars": stars},
    )


def shown(obj, field: str) -> ShownText:
    """``obj.<field>`` as the page's language shows it. A variant without a name of its own
    shows its parent's, in English too (as Oscar's ``get_title`` does)."""
    if obj is None:
        return ShownText("")
    if field == "title" and not getattr(obj, "title", "") and getattr(obj, "parent_id", None):
        obj = obj.parent
    return shown_text(obj, field, get_language() or "")


@lru_cache(maxsize=4096)
def _price(amount, code: str, language: str) -> str:
    """Oscar's price text (Babel's currency format of the active language, ``language``):
    a listing shows the same prices again and again, and Babel reads its pattern each time."""
    return currency(amount, code)


def _lang(text) -> SafeString:
    return format_html(' lang="{}"', text.lang) if text.lang else mark_safe("")


def product_card_html(request, product) -> SafeString:
    """One product's card: its picture (named by the product, for screen readers), the OCOP
    badge while the certificate is in force, its name in the page's language (the Vietnamese
    one marked ``lang="vi"`` on an English page without an English name), its province,
    the price the buyer pays and whether it is sold out."""
    language = get_language() or ""
    title = shown(product, "title")
    lang = _lang(title)
    url = product.get_absolute_url()
    images = product.get_all_images()  # the prefetched pictures, first shown first
    image = images[0] if images else None
    if image is None or not image.original:
        picture = mark_safe('<span class="product-card__no-image"></span>')
    else:
        picture = format_html(
            '<img src="{}" alt="{}"{} loading="lazy" width="600" height="600">',
            image.original.url,
            title,
            lang,
        )
    info = (
        request.strategy.fetch_for_parent(product)
        if product.is_parent
        else request.strategy.fetch_for_product(product)
    )
    price = mark_safe("")
    if info.price.exists:
        price = format_html(
            '<p class="product-card__price">{}</p>{}',
            _price(info.price.incl_tax, info.price.currency, language),
            mark_safe("")
            if info.availability.is_available_to_buy
            else format_html('<p class="product-card__soldout">{}</p>', _("Sold out")),
        )
    province = product.origin_province
    return format_html(
        '<article class="product-card">'
        '<a class="product-card__image" href="{url}" tabindex="-1" aria-hidden="true">'
        "{picture}</a>"
        '<div class="product-card__body">{badge}'
        '<h3 class="product-card__title"><a href="{url}"{lang}>{title}</a></h3>'
        "{origin}{price}</div></article>",
        url=url,
        picture=picture,
        badge=ocop_badge_html(product.ocop_badge_stars),
        lang=lang,
        title=title,
        origin=format_html('<p class="product-card__origin">{}</p>', province.name)
        if province
        else "",
        price=price,
    )
