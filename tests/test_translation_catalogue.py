"""The translation catalogues are complete and compiled (locale/README.md).

locale/vi/LC_MESSAGES/django.po is the source of the Vietnamese. bin/messages (make messages)
adds the msgids of our code to it, untranslated, and marks the ones whose English changed as
fuzzy: these tests fail until each has its Vietnamese and no fuzzy flag, and until the .mo files
that Django reads are compiled from the .po files as they are.
"""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
LANGUAGES = ("vi", "en")


def catalogue(language, kind="po"):
    path = LOCALE / language / "LC_MESSAGES" / f"django.{kind}"
    with open(path, "rb") as f:
        return read_po(f) if kind == "po" else read_mo(f)


def forms(message):
    string = message.string
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


def is_ours(message):
    """An entry of our code: makemessages names the files it found it in, relative to the
    project (catalog/models.py, templates/oscar/basket/...), one folder of ours each: catalog/,
    shop/, search/, cms/, startups/, core/, config/, templates/... The entries of
    locale/third_party.pot name files of oscar/, django/, wagtail/, phonenumber_field/."""
    return any((ROOT / path.split("/", 1)[0]).is_dir() for path, _ in message.locations)


def label(message):
    where = ", ".join(sorted({path for path, _ in message.locations}))
    context = f"[{message.context}] " if message.context else ""
    return f"{context}{message.id!r} ({where})"


def test_every_entry_says_where_it_comes_from():
    """Without locations (makemessages --no-location) no entry would be ours, and the check
    below would pass on anything."""
    po = catalogue("vi")
    nowhere = [label(message) for message in po if message.id and not message.locations]
    assert not nowhere
    assert sum(1 for message in po if message.id and is_ours(message)) > 300


def test_every_string_of_ours_has_its_vietnamese():
    missing = [
        label(message)
        for message in catalogue("vi")
        if message.id and is_ours(message) and not all(forms(message))
    ]
    assert not missing, "Untranslated in locale/vi/LC_MESSAGES/django.po:\n" + "\n".join(missing)


def test_no_vietnamese_waits_as_fuzzy():
    """A fuzzy entry is a guess of msgmerge (or an old translation of a changed msgid): it is not
    compiled, so the page shows English until someone checks it and removes the flag."""
    fuzzy = [label(message) for message in catalogue("vi") if message.id and message.fuzzy]
    assert not fuzzy, "Fuzzy in locale/vi/LC_MESSAGES/django.po:\n" + "\n".join(fuzzy)


def test_the_catalogue_is_vietnamese_without_plural_forms():
    po = catalogue("vi")
    assert str(po.locale) == "vi"
    assert po.plural_forms == "nplurals=1; plural=0;"
    assert not [label(m) for m in po if m.pluralizable and len(forms(m)) != 1]


def compiled_messages(catalog, translated_only):
    messages = {}
    for message in catalog:
        if not message.id or (translated_only and (message.fuzzy or not all(forms(message)))):
            continue
        msgid = tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id
        messages[(message.context, msgid)] = forms(message)
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_po_file(language):
    """Django reads django.mo: a .po edited and not compiled changes nothing on the pages."""
    expected = compiled_messages(catalogue(language), translated_only=True)
    compiled = compiled_messages(catalogue(language, "mo"), translated_only=False)
    stale = sorted(
        repr(key)
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"locale/{language}/LC_MESSAGES/django.mo differs from django.po; run make messages "
        "(or manage.py compilemessages):\n" + "\n".join(stale[:50])
    )
