"""The page in the other language (reads): the header's language links of a CMS page and the
notice of a page not translated yet.

Pages are translated with Wagtail's copy-for-translation (``wagtail.contrib.simple_translation``)
and the tree is kept in step (``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE``): a page written in
Vietnamese has an English alias from the start, which shows the Vietnamese text until an editor
translates it. So the language switch always lands on the same page, found by its translation
key (its slug may differ between languages), never on a guessed address.

An alias whose source is in another language is "not translated yet": it says so, links the
source, marks its content with the source's language for screen readers, and leaves search
engines to the source (canonical; no hreflang alternate for the copy).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# What an untranslated copy says, by the copy's language, and its link, by the source's.
NOTICES = {
    "en": _("This page has not been translated into English yet: it is shown in Vietnamese."),
    "vi": _("This page has not been translated into Vietnamese yet: it is shown in English."),
}
SOURCE_LINKS = {
    "vi": _("Read it on the Vietnamese site"),
    "en": _("Read it on the English site"),
}


@dataclass(frozen=True)
class Untranslated:
    """The page is the source's text, in the source's language."""

    language: str  # the source's language code, for ``lang``
    url: str  # the source page's address
    copy_language: str  # the copy's own language

    @property
    def message(self):
        return NOTICES.get(self.copy_language, NOTICES["en"])

    @property
    def link_text(self):
        return SOURCE_LINKS.get(self.language, SOURCE_LINKS["vi"])


def _language_of(page) -> str:
    return page.locale.language_code


def page_translations(page) -> dict[str, Page]:
    """``{language code: page}``: the live page in every language it has (itself included), in
    one query."""
    found = (
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .select_related("locale")
        .only("id", "url_path", "alias_of_id", "locale__language_code", "translation_key")
    )
    pages = {p.locale.language_code: p for p in found}
    pages[_language_of(page)] = page
    return pages


def untranslated(page, request=None, *, translations=None) -> Untranslated | None:
    """The notice's facts when ``page`` is an alias of a page in another language."""
    if not page.alias_of_id:
        return None
    translations = translations if translations is not None else page_translations(page)
    source = next(
        (p for p in translations.values() if p.pk == page.alias_of_id),
        None,
    )
    if source is None or _language_of(source) == _language_of(page):
        return None
    return Untranslated(
        language=_language_of(source),
        url=source.get_url(request) or "",
        copy_language=_language_of(page),
    )


def page_versions(page, request) -> tuple[list[dict], Untranslated | None]:
    """The header's language links for a CMS page (each language's version of this very page)
    and, for an untranslated copy, its notice. A language the page has no live version in (an
    alias not published yet, a page made before the tree was kept in step) falls back to the
    address in that language's prefix. A home page's versions are the languages' home
    addresses, no query needed."""
    if page.depth <= 2:
        return prefix_links(request, _language_of(page)), None
    translations = page_translations(page)
    current = _language_of(page)
    notice = untranslated(page, request, translations=translations)
    links = []
    for code, name in settings.LANGUAGES:
        version = translations.get(code)
        url = version.get_url(request) if version is not None else None
        if code == current:
            copy = notice is not None
        else:
            copy = (
                version is not None
                and untranslated(version, request, translations=translations) is not None
            )
        links.append(
            {
                "code": code,
                "name": name,
                "url": url or translate_url(request.get_full_path(), code),
                "active": code == current,
                # a copy of another language's text is no alternate for search engines
                "alternate": not copy,
            }
        )
    return links, notice


def prefix_links(request, current: str) -> list[dict]:
    """Every language's address of the path asked for (its language prefix changed)."""
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": name,
            "url": translate_url(path, code),
            "active": code == current,
            "alternate": True,
        }
        for code, name in settings.LANGUAGES
    ]
