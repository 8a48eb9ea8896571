"""Both languages everywhere (issue 15): a missing or fuzzy translation fails the suite.

locale/vi/LC_MESSAGES/django.po holds the Vietnamese of every string the site shows (ours and
those of Oscar, Django and Wagtail we translate, locale/third_party.pot): none may be empty or
fuzzy, and each keeps its msgid's placeholders. Our source strings are English, so the English
catalogue needs a msgstr only where the msgid is not English: the addresses (msgctxt "url"),
whose msgids are the Vietnamese paths; each needs its English path, with the same URL
parameters. (tests/test_translation_catalogue.py checks that the .mo files are compiled.)"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"
# %(name)s, %s, %d... and {name}, {0}: what gettext or str.format fills in.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[^{}]*\}")
URL_PARAMETER = re.compile(r"<[^<>]+>")


def catalogue(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po)


def strings(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def label(message):
    where = ", ".join(sorted({path for path, _line in message.locations})) or "no location"
    context = f"[{message.context}] " if message.context else ""
    return f"{context}{strings(message.id)[0]!r} ({where})"


def entries(language):
    return [message for message in catalogue(language) if message.id]


def test_no_vietnamese_is_missing_or_fuzzy():
    bad = [
        ("fuzzy: " if message.fuzzy else "empty: ") + label(message)
        for message in entries("vi")
        if message.fuzzy or not all(s.strip() for s in strings(message.string))
    ]
    assert not bad, (
        f"{len(bad)} entries of locale/vi/LC_MESSAGES/django.po need their Vietnamese:\n"
        + "\n".join(bad)
    )


def test_the_vietnamese_keeps_the_placeholders():
    """A translation without its msgid's %(name)s shows less; with another one, it fails."""
    bad = []
    for message in entries("vi"):
        if not message.string or message.fuzzy:
            continue  # reported above
        wanted = sorted(set(PLACEHOLDER.findall(strings(message.id)[-1])))
        for translated in strings(message.string):
            found = sorted(set(PLACEHOLDER.findall(translated)))
            # a plural's single Vietnamese form may leave out the count ({{ counter }} shown)
            if found != wanted and not (message.pluralizable and set(found) < set(wanted)):
                bad.append(f"{label(message)}: {wanted} in the msgid, {found} in the msgstr")
    assert not bad, "Placeholders differ in locale/vi/LC_MESSAGES/django.po:\n" + "\n".join(bad)


@pytest.fixture(scope="module")
def english_addresses():
    addresses = [message for message in entries("en") if message.context == "url"]
    assert addresses, "no msgctxt 'url' entry in locale/en/LC_MESSAGES/django.po"
    return addresses


def test_every_address_has_its_english(english_addresses):
    bad = [
        ("fuzzy: " if message.fuzzy else "empty: ") + label(message)
        for message in english_addresses
        if message.fuzzy or not (message.string or "").strip()
    ]
    assert not bad, (
        f'{len(bad)} addresses (msgctxt "url") of locale/en/LC_MESSAGES/django.po need their '
        "English:\n" + "\n".join(bad)
    )


def test_the_english_addresses_keep_their_parameters(english_addresses):
    bad = [
        f"{label(message)} -> {message.string!r}"
        for message in english_addresses
        if message.string
        and (
            URL_PARAMETER.findall(message.id) != URL_PARAMETER.findall(message.string)
            or message.id.endswith("/") != message.string.endswith("/")
        )
    ]
    assert not bad, "URL parameters or the last slash differ:\n" + "\n".join(bad)


def test_every_address_is_in_the_english_catalogue(english_addresses):
    """An address of ours (pgettext_lazy("url", ...)) missing from the English catalogue would
    stay Vietnamese on English pages."""
    vietnamese = {message.id for message in entries("vi") if message.context == "url"}
    english = {message.id for message in english_addresses}
    assert not vietnamese - english, sorted(vietnamese - english)
