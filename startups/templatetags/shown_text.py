"""``{% shown_text text tag="p" css="..." testid="..." linebreaks=True %}``: one
``core.text.ShownText`` in an element, in the page's language or the Vietnamese text marked
``lang="vi"`` on an English page; ``{% booth_card card expo %}`` one booth of an expo's grid
(``startups.selectors.expos.BoothCard``); ``{% session_row row expo %}`` one session of a
schedule (``startups.selectors.expos.SessionRow``); ``{% lobby_hall row lobby expo %}`` one
hall of the lobby with its first booths' cards.

Written in Python, not as included templates: the lobby repeats them for each of its booths
and sessions, and the includes took half of its template time."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

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


def _expo_url(expo, name: str, pk_kwarg: str, pk) -> str:
    """The address of a booth, hall or session of ``expo`` (view ``name``, its id in
    ``pk_kwarg``), the expo's part reversed once per expo, view and language (the lobby links
    60 booths)."""
    parts = expo.__dict__.setdefault("_url_parts", {})
    language = get_language()
    if (name, language) not in parts:
        marker = "987654321"
        url = reverse(f"startups:{name}", kwargs={"slug": expo.slug, pk_kwarg: marker})
        head, _found, tail = url.rpartition(marker)
        parts[name, language] = (head, tail)
    head, tail = parts[name, language]
    return f"{head}{int(pk)}{tail}"


def _booth_url(expo, pk) -> str:
    return _expo_url(expo, "expo-booth", "booth_pk", pk)


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


def _when(value, fmt: str) -> str:
    """``{{ value|date:fmt }}`` in a template: in the current time zone, the language's names."""
    return esc(date_filter(template_localtime(value), fmt))


@register.simple_tag
def session_row(row, expo):
    """One session of a schedule; ``expo.js`` keeps "live now" right from the data
    attributes."""
    session = row.session
    state = " is-live" if row.live else (" is-ended" if row.ended else "")
    starts, ends = _when(session.starts_at, "c"), _when(session.ends_at, "c")
    hidden = "" if row.live else " hidden"
    url = _expo_url(expo, "expo-session", "session_pk", session.pk)
    speakers = f" · {esc(session.speakers)}" if session.speakers else ""
    replay = (
        f'<span class="expo-badge">{esc(_("Replay"))}</span>'
        if row.ended and session.replay_url
        else ""
    )
    return mark_safe(
        f'<li class="expo-session{state}" data-testid="session" data-session-starts="{starts}"'
        f' data-session-ends="{ends}">\n'
        f'    <time datetime="{starts}" class="expo-session__time">'
        f"{_when(session.starts_at, 'D j/n H:i')}–{_when(session.ends_at, 'H:i')}</time>\n"
        f'    <span class="expo-badge expo-badge--live" data-live-badge{hidden}>'
        f"{esc(_('Live now'))}</span>\n"
        f'    <a href="{esc(url)}" class="expo-session__title">{shown_text(row.title)}</a>\n'
        f'    <span class="expo-session__kind">{esc(session.get_kind_display())}{speakers}</span>\n'
        f"    {replay}\n"
        "</li>\n"
    )


@register.simple_tag
def lobby_hall(row, lobby, expo):
    """One hall of the lobby (``startups.selectors.expos.HallRow``): its name, its booths
    counted and, once they are shown, its first booths' cards."""
    url = esc(_expo_url(expo, "expo-hall", "hall_pk", row.hall.pk))
    count = {"counter": localize(row.booth_count)}
    booths = ""
    if lobby.booths_shown and row.booths:
        cards = "".join(booth_card(card, expo) for card in row.booths)
        booths = f'<ul class="expo-grid expo-grid--small">{cards}</ul>\n            '
        if row.more:
            more = ngettext(
                "See the hall's %(counter)s booth",
                "See all %(counter)s booths of the hall",
                row.booth_count,
            )
            booths += (
                f'<a class="expo-hall__more" data-testid="hall-more" href="{url}">'
                f"{more % count} →</a>"
            )
    counted = ngettext("%(counter)s booth", "%(counter)s booths", row.booth_count) % count
    return mark_safe(
        '\n        <li class="expo-hall" data-testid="hall">\n'
        f'            <a href="{url}" class="expo-hall__name">'
        f"{shown_text(row.name, 'strong')}</a>\n"
        f'            <span class="expo-hall__count">{counted}</span>\n'
        f"            {booths}\n"
        "        </li>"
    )
