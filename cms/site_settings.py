"""What the header and footer show from the site settings edited in the CMS
(``cms.models.SiteSettings``): contact, social networks, the logo, the editors' menu items and
footer columns, in the visitor's language.

``site_chrome(request)`` reads them once a request (the header and the footer share it) in a
fixed number of queries however many items there are: the settings with their logo, the menu
items, and every linked page with its translation in the visitor's language (the site is
Wagtail's cached one, and so is the logo's rendition once made). With the page cache on, the
result is also kept in the cache under the site token, which saving the settings or
publishing a page replaces (``cms.receivers``), so most requests read nothing at all. No
settings saved (or no site for the host): ``EMPTY``, and the templates show what they always
showed; that a site has none is remembered, so a site without settings pays no query for
them. Reading never creates the settings row (Wagtail's ``for_request`` would, on a GET).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Prefetch, Q
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language, get_supported_language_variant, override
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from cms.models import SOCIAL_NETWORKS, MainMenuItem, SiteSettings
from core import pagecache
from startups.services.profiles import NETWORK_NAMES

logger = logging.getLogger(__name__)

CACHE_PREFIX = "cms:chrome:"
NONE_PREFIX = "cms:chrome:none:"
NONE_SECONDS = 24 * 3600
REQUEST_ATTR = "_cms_site_chrome"
LOGO_FILTER = "max-240x96"


@dataclass(frozen=True)
class Link:
    label: str
    href: str
    lang: str = ""  # "vi" where an English page shows the Vietnamese label


@dataclass(frozen=True)
class Column:
    heading: str
    links: tuple[Link, ...]
    lang: str = ""


@dataclass(frozen=True)
class Social:
    network: str  # "facebook"
    name: str  # "Facebook"
    url: str


@dataclass(frozen=True)
class Logo:
    url: str
    width: int
    height: int
    alt: str
    lang: str = ""


@dataclass(frozen=True)
class Chrome:
    organisation: str = ""
    organisation_lang: str = ""
    address: str = ""
    address_lang: str = ""
    phone: str = ""
    email: str = ""
    social: tuple[Social, ...] = ()
    logo: Logo | None = None
    menu: tuple[Link, ...] = ()
    columns: tuple[Column, ...] = ()

    @property
    def has_contact(self) -> bool:
        return bool(self.organisation or self.address or self.phone or self.email)

    @property
    def phone_href(self) -> str:
        """``tel:`` and the number's digits (a leading + kept)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:{'+' if self.phone.startswith('+') else ''}{digits}" if digits else ""


EMPTY = Chrome()


def site_chrome(request) -> Chrome:
    """The settings' part of the header and footer for this request (``EMPTY`` without)."""
    if request is None:
        return EMPTY
    chrome = getattr(request, REQUEST_ATTR, None)
    if chrome is not None:
        return chrome
    try:
        host = request.get_host()
    except DisallowedHost:
        return EMPTY
    language = _language()
    key = CACHE_PREFIX + hashlib.sha1(f"{host}|{language}".encode()).hexdigest()
    chrome, token = pagecache.guarded_cached(key, pagecache.SITE)
    if chrome is None:
        chrome = chrome_read(request, language)
        pagecache.guarded_store(key, token, chrome)
    setattr(request, REQUEST_ATTR, chrome)
    return chrome


def _language() -> str:
    try:
        return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def chrome_read(request, language: str) -> Chrome:
    site_id = _site_id(request)
    if site_id is None:
        return EMPTY
    row = _settings_row(site_id)
    if row is None:
        return EMPTY
    english = language.startswith("en")
    columns = [_raw_value(child) for child in row.footer_columns.raw_data]
    menu = list(row.menu_items.all())
    urls = _page_urls(
        [item.link_page_id for item in menu if item.link_page_id]
        + [
            _raw_value(link).get("page") for column in columns for link in column.get("links") or []
        ],
        language=language,
        request=request,
    )
    organisation, organisation_lang = _shown(
        row.organisation_name, row.organisation_name_en, english
    )
    menu_links = (
        _link(
            item.label,
            item.label_en,
            urls.get(item.link_page_id) if item.link_page_id else item.link_url,
            language,
        )
        for item in menu
    )
    shown_columns = []
    for column in columns:
        column_links = _column_links(column, urls, language)
        heading, heading_lang = _shown(column.get("heading"), column.get("heading_en"), english)
        if column_links and heading:
            shown_columns.append(Column(heading=heading, lang=heading_lang, links=column_links))
    return Chrome(
        organisation=organisation,
        organisation_lang=organisation_lang,
        address=row.address,
        address_lang="vi" if english and row.address else "",
        phone=row.phone,
        email=row.email,
        social=tuple(
            Social(network=name, name=NETWORK_NAMES[name], url=getattr(row, name))
            for name in SOCIAL_NETWORKS
            if getattr(row, name)
        ),
        logo=_logo(row, english),
        menu=tuple(link for link in menu_links if link),
        columns=tuple(shown_columns),
    )


def _settings_row(site_id: int):
    """The site's settings with their logo and menu items, or None. That a site has none is
    remembered in the cache under the site token (no query on the next pages, page cache on or
    off), and forgotten at once when settings are saved (``settings_forget``)."""
    key = f"{NONE_PREFIX}{site_id}"
    token_key = pagecache.TOKEN_PREFIX + pagecache.SITE
    try:
        found = cache.get_many([key, token_key])
    except Exception:
        logger.exception("Cache unreadable for %s", key)
        found = {}
    token = found.get(token_key)
    if token is not None and found.get(key) == token:
        return None
    row = (
        SiteSettings.objects.filter(site_id=site_id)
        .select_related("logo")
        .prefetch_related(
            Prefetch("menu_items", queryset=MainMenuItem.objects.order_by("sort_order", "pk"))
        )
        .first()
    )
    if row is None:
        try:
            token = token or pagecache.tokens([pagecache.SITE])[pagecache.SITE]
            cache.set(key, token, NONE_SECONDS)
        except Exception:
            logger.exception("Could not store %s", key)
    return row


def settings_forget(site_id: int) -> None:
    """The site has settings now: stop answering "none" from the cache (called as they are
    saved, before the commit bumps the site token, so the saving request sees them too)."""
    try:
        cache.delete(f"{NONE_PREFIX}{site_id}")
    except Exception:
        logger.exception("Could not forget that site %s had no settings", site_id)


def _site_id(request) -> int | None:
    """The request's Wagtail site: the one a Wagtail page found already, else the only site
    (from Wagtail's cached root paths, no query), else Wagtail's lookup by host."""
    site = getattr(request, "_wagtail_site", None)
    if site is not None:
        return site.pk
    sites = {path.site_id for path in Site.get_site_root_paths()}
    if len(sites) == 1:
        return sites.pop()
    site = Site.find_for_request(request)
    return site.pk if site is not None else None


def _raw_value(child):
    """A StreamField or ListBlock child's value in its stored form ({"type", "value", "id"}
    since Wagtail 2.16; a list item may still be the bare value)."""
    if isinstance(child, dict) and "value" in child and ("type" in child or "id" in child):
        return child["value"] or {}
    return child or {}


def _column_links(column: dict, urls: dict, language: str) -> tuple[Link, ...]:
    out = []
    for raw in column.get("links") or []:
        value = _raw_value(raw)
        page_id = _int_or_none(value.get("page"))
        href = urls.get(page_id) if page_id else (value.get("url") or "").strip()
        link = _link(value.get("label"), value.get("label_en"), href, language)
        if link:
            out.append(link)
    return tuple(out)


def _shown(vietnamese, english_text, english: bool) -> tuple[str, str]:
    """The text a page in that language shows, and "vi" when an English page falls back."""
    vietnamese = (vietnamese or "").strip()
    if not english:
        return vietnamese, ""
    english_text = (english_text or "").strip()
    if english_text:
        return english_text, ""
    return vietnamese, "vi" if vietnamese else ""


def _link(label, label_en, href, language: str) -> Link | None:
    text, lang = _shown(label, label_en, language.startswith("en"))
    if not text or not href:
        return None  # a page since unpublished, or an empty item
    return Link(label=text, href=_in_language(href, language), lang=lang)


def _in_language(href: str, language: str) -> str:
    """A path of the site's own views (``/sell/apply/``) in ``language``, as the language
    switch makes it; Wagtail pages are linked through the page chooser, whose translation
    ``_page_urls`` found already, so their paths are left alone."""
    if not href.startswith("/") or href.startswith("//"):
        return href
    with override(settings.LANGUAGE_CODE):  # editors write the Vietnamese address
        try:
            match = resolve(urlsplit(href).path)
        except Resolver404:
            return href
        if match.func is wagtail_serve:
            return href
        return translate_url(href, language)


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _page_urls(ids, *, language: str, request) -> dict[int, str]:
    """Page id -> the address of its live translation in ``language`` (an alias counts), else
    of the page itself while it is live; pages neither live nor translated are left out. One
    query for all of them."""
    ids = {pk for pk in (_int_or_none(i) for i in ids) if pk}
    if not ids:
        return {}
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    found = list(
        Page.objects.filter(
            Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=language, live=True)
        ).select_related("locale")
    )
    translated = {p.translation_key: p for p in found if p.locale.language_code == language}
    out = {}
    for page in found:
        if page.pk not in ids:
            continue
        shown = translated.get(page.translation_key)
        if shown is None or not shown.live:
            shown = page if page.live else None
        url = shown.get_url(request) if shown is not None else None
        if url:
            out[page.pk] = url
    return out


def _logo(row, english: bool) -> Logo | None:
    if row.logo is None:
        return None
    try:
        rendition = row.logo.get_rendition(LOGO_FILTER)
    except Exception:  # a missing or unreadable file must not break every page
        logger.exception("The site logo (image %s) could not be rendered", row.logo_id)
        return None
    alt, lang = _shown(row.logo_alt, row.logo_alt_en, english)
    return Logo(
        url=rendition.url, width=rendition.width, height=rendition.height, alt=alt, lang=lang
    )
