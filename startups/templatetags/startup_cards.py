"""``{% startup_card startup %}``: one startup's card (``startups.cards``)."""

from django import template

from startups.cards import startup_card_html

register = template.Library()


@register.simple_tag
def startup_card(startup):
    return startup_card_html(startup)
