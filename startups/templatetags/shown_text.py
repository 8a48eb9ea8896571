"""``{% shown_text text tag="p" css="..." testid="..." linebreaks=True %}``: one
``core.text.ShownText`` in an element, in the page's language or the Vietnamese text marked
``lang="vi"`` on an English page; ``{% booth_card card expo %}`` one booth of an expo's grid
(``startups.selectors.expos.BoothCard``).

Written in Python, not as included templates: the lobby repeats them for each of its booths,
and the includes took half of its template time."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def shown_text(text, tag="span", css="", testid="", linebreaks=False):
    value = linebreaksbr(text.value, autoescape=True) if linebreaks else esc(text.value)
    lang = getattr(text, "lang", "")
    tag = esc(tag or "span")
    attrs = (
        (f' class="{esc(css)}"' if css else "")
        + (f' data-testid="{esc(testid)}"' if testid else "")
        + (f' lang="{esc(lang)}"' if lang else "")
    )
    return mark_safe(f"<{tag}{attrs}>{value}</{tag}>")


def _booth_url(expo, pk) -> str:
    """A booth's address, its expo's part reversed once per expo and language (the lobby
    links 60 booths)."""
    parts = expo.__dict__.setdefault("_booth_url_parts", {})
    language = get_language()
    if language not in parts:
        marker = "987654321"
        url = reverse("startups:expo-booth", kwargs={"slug": expo.slug, "booth_pk": marker})
        head, _, tail = url.rpartition(marker)
        parts[language] = (head, tail)
    head, tail = parts[language]
    return f"{head}{int(pk)}{tail}"


@register.simple_tag
def booth_card(card, expo):
    booth, logo = card.booth, card.booth.startup.logo
    if logo:
        image = (
            f'<img src="{esc(logo.url)}" alt="" width="56" height="56" loading="lazy" '
            'class="expo-booth-card__logo">'
        )
    else:
        image = (
            '<span class="expo-booth-card__logo expo-booth-card__logo--none" '
            f'aria-hidden="true">{esc((card.name.value or "")[:1])}</span>'
        )
    featured = " expo-booth-card--featured" if booth.featured else ""
    return mark_safe(
        f'<li class="expo-booth-card{featured}" data-testid="booth-card">'
        f'<a href="{esc(_booth_url(expo, booth.pk))}">{image}'
        f"{shown_text(card.name, 'strong', 'expo-booth-card__name')}"
        f"{shown_text(card.tagline, 'span', 'expo-booth-card__tagline')}</a></li>"
    )
