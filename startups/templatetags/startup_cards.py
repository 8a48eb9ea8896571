"""``{% startup_card startup %}``: one startup's card (``startups.cards``);
``{% startup_cards startups %}`` the directory's grid, each card from the card cache
(``core.pagecache.cards``) when ``startups`` says what a card depends on (a
``search.selectors.ListedStartups``), else drawn."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from core import pagecache
from startups.cards import startup_card_html

register = template.Library()


@register.simple_tag
def startup_card(startup):
    return startup_card_html(startup)


@register.simple_tag
def startup_cards(startups):
    guards = getattr(startups, "guards", None)
    if guards is None:
        html = [startup_card_html(s) for s in startups]
    else:
        html = pagecache.cards(
            startups,
            startup_card_html,
            load=startups.load,
            guards=guards,
            prefix=startups.card_prefix,
        )
    return format_html_join("", "<li>{}</li>", ((mark_safe(h),) for h in html))
