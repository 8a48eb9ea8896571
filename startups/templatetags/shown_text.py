"""``{% shown_text text tag="p" css="..." testid="..." linebreaks=True %}``: one
``core.text.ShownText`` in an element, in the page's language or the Vietnamese text marked
``lang="vi"`` on an English page; ``{% booth_card card expo %}`` one booth of an expo's grid
(``startups.selectors.expos.BoothCard``).

Written in Python, not as included templates: the lobby repeats them for each of its booths,
and the includes took half of its template time."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def shown_text(text, tag="span", css="", testid="", linebreaks=False):
    value = text.value
    return format_html(
        "<{tag}{css}{testid}{lang}>{value}</{tag}>",
        tag=tag or "span",
        css=format_html(' class="{}"', css) if css else "",
        testid=format_html(' data-testid="{}"', testid) if testid else "",
        lang=format_html(' lang="{}"', text.lang) if getattr(text, "lang", "") else "",
        value=linebreaksbr(value, autoescape=True) if linebreaks else value,
    )


@register.simple_tag
def booth_card(card, expo):
    booth, logo = card.booth, card.booth.startup.logo
    if logo:
        image = format_html(
            '<img src="{}" alt="" width="56" height="56" loading="lazy" '
            'class="expo-booth-card__logo">',
            logo.url,
        )
    else:
        image = format_html(
            '<span class="expo-booth-card__logo expo-booth-card__logo--none" '
            'aria-hidden="true">{}</span>',
            (card.name.value or "")[:1],
        )
    return format_html(
        '<li class="expo-booth-card{featured}" data-testid="booth-card"><a href="{url}">'
        "{image}{name}{tagline}</a></li>",
        featured=" expo-booth-card--featured" if booth.featured else "",
        url=reverse("startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": booth.pk}),
        image=image,
        name=shown_text(card.name, "strong", "expo-booth-card__name"),
        tagline=shown_text(card.tagline, "span", "expo-booth-card__tagline"),
    )
