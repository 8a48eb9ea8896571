"""The startup card of the directory and of the CMS startup blocks (the home's spotlight),
written in Python for the same reason as the product card (``catalog.cards``): it repeats
on every render the page cache misses, and the template engine cost more than the card.

It takes a startup as ``search.selectors.startups_in_order`` gives it: province and
verifying unit read, ``youth_team`` and ``has_ocop`` worked out (the CMS blocks read
neither: their cards show the verification only). English pages show the
English name and tagline where the startup wrote them, else the Vietnamese ones marked
``lang="vi"``.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

VI = mark_safe(' lang="vi"')
NOTHING = mark_safe("")


def _text(startup, field: str, english: bool) -> tuple[str, SafeString]:
    """The field in the page's language and the ``lang`` attribute it needs."""
    if english:
        translated = getattr(startup, f"{field}_en", "")
        if translated:
            return translated, NOTHING
        return getattr(startup, field), VI
    return getattr(startup, field), NOTHING


def startup_card_html(startup) -> SafeString:
    english = (get_language() or "").startswith("en")
    url = reverse("startups:startup-detail", kwargs={"slug": startup.slug})
    name, name_lang = _text(startup, "name", english)
    tagline, tagline_lang = _text(startup, "tagline", english)
    badges = []
    if startup.verified_by:
        badges.append(
            (
                "badge badge-success text-wrap text-left",
                "verified",
                mark_safe(  # the catalogue's text is ours; the unit's name is escaped
                    _('Verified by <span lang="vi">%(unit)s</span>')
                    % {"unit": conditional_escape(startup.verified_by.name)}
                ),
            )
        )
    if getattr(startup, "youth_team", False):
        badges.append(("badge badge-info", "youth-team", _("Youth team")))
    if getattr(startup, "has_ocop", False):
        badges.append(("badge badge-warning", "ocop", _("OCOP products")))
    badge_list = NOTHING
    if badges:
        badge_list = format_html(
            '<ul class="startup-card__badges list-inline" aria-label="{}">{}</ul>',
            _("Badges"),
            format_html_join(
                "",
                '<li class="list-inline-item {}" data-badge="{}">{}</li>',
                badges,
            ),
        )
    followers = startup.follower_count
    logo = (
        format_html(
            '<img src="{}" alt="" loading="lazy" width="160" height="160">', startup.logo.url
        )
        if startup.logo
        else NOTHING
    )
    return format_html(
        '<article class="product-card startup-card" data-testid="startup-card" '
        'data-startup="{pk}">'
        '<a class="product-card__image startup-card__logo" href="{url}" tabindex="-1" '
        'aria-hidden="true">{logo}</a>'
        '<div class="product-card__body">'
        '<h3 class="product-card__title startup-card__name">'
        '<a href="{url}"{name_lang}>{name}</a></h3>'
        '<p class="startup-card__tagline"{tagline_lang}>{tagline}</p>'
        '<p class="startup-card__meta" data-testid="startup-meta">'
        '<span class="startup-card__stage">{stage}</span> · '
        '<span class="startup-card__province">{province}</span> · '
        '<span class="startup-card__sector">{sector}</span></p>'
        "{badges}"
        '<p class="startup-card__followers" data-testid="startup-followers">{followers}</p>'
        "</div></article>",
        pk=startup.pk,
        url=url,
        logo=logo,
        name_lang=name_lang,
        name=name,
        tagline_lang=tagline_lang,
        tagline=tagline,
        stage=startup.get_stage_display(),
        province=startup.province.name if startup.province_id else "",
        sector=startup.get_sector_display(),
        badges=badge_list,
        followers=ngettext("%(counter)s follower", "%(counter)s followers", followers)
        % {"counter": localize(followers)},
    )
