"""Vietnamese text helpers: folding diacritics and making URL slugs.

Unicode does not decompose đ/Đ, so stripping combining marks alone turns "Đặc sản" into
"đac san"; the explicit map below makes it "dac san".
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """'Cà phê Đắk Lắk' -> 'ca phe dak lak' (lower-cased, NFC input or not)."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text or ""))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_D_MAP).casefold()


def vn_slugify(value: str, allow_unicode: bool = False) -> str:
    """An ASCII slug that keeps Vietnamese words readable: 'Nước mắm Phú Quốc' ->
    'nuoc-mam-phu-quoc'. ``allow_unicode`` is accepted for Oscar's slugifier interface and
    ignored: URLs stay ASCII."""
    return slugify(fold_vietnamese(str(value)))


# --- texts in two languages ---------------------------------------------------------------
# Startups, expos, products, categories and sellers carry optional English texts in a
# ``<field>_en`` next to the Vietnamese ``<field>``. An English page shows the English one
# when given, else the Vietnamese one marked ``lang="vi"`` so that screen readers read it as
# Vietnamese.


@dataclass(frozen=True)
class ShownText:
    """A text as a page shows it: in the page's language, or the Vietnamese one marked
    ``lang="vi"`` on an English page when no English one was written."""

    value: str
    lang: str = ""

    @property
    def is_fallback(self) -> bool:
        return bool(self.lang)

    def __str__(self):
        return self.value


def shown_text(obj, field: str, language: str) -> ShownText:
    """``obj.<field>`` on a Vietnamese page; on an English page ``obj.<field>_en`` when it is
    not blank, else the Vietnamese text with ``lang="vi"``."""
    vietnamese = getattr(obj, field) or ""
    if not (language or "").startswith("en"):
        return ShownText(vietnamese)
    english = (getattr(obj, f"{field}_en", "") or "").strip()
    if english:
        return ShownText(english)
    return ShownText(vietnamese, lang="vi" if vietnamese else "")


# --- search keys --------------------------------------------------------------------------
# The search index and the queries compare words in a *search key*: the fold above, then the
# spelling variants that Vietnamese writes two ways made one.
#
# i/y: a syllable whose whole vowel is i or y may be written either way after a consonant
# (the 1980s spelling reform and common use disagree): Lý/Lí Sơn, Mỹ/Mĩ Tho, kỹ/kĩ thuật,
# sỹ/sĩ, tỷ/tỉ, hy/hi sinh, quý/quí. The rule, on a folded word: a word made of initial
# consonant letters (b c d g h k l m n p r s t v x, alone or as ch gh kh ng nh ph th tr ...)
# or of "qu", followed by one final "y", ends in "i" instead: "ly" -> "li", "my" -> "mi",
# "ky" -> "ki", "quy" -> "qui". Everything else is left alone: "y" inside a diphthong after a
# vowel ("tay" tây, "thuy" thủy, "huy", "ngay", "oay"), "y" before another vowel ("yen",
# "tuyen", "quyen"), and "y" on its own (ý, y tế), which is never written "i".
_IY = re.compile(r"\b(qu|[bcdghklmnprstvx]+)y\b")


def search_key(folded: str) -> str:
    """The search key of already folded text ('ly son' -> 'li son', 'thuy' unchanged);
    idempotent, so folded-and-keyed text may be keyed again."""
    return _IY.sub(r"\1i", folded or "")


def search_fold(text: str) -> str:
    """``fold_vietnamese`` then ``search_key``: what the index and the queries compare. Only
    for matching: slugs, bank names and displays keep ``fold_vietnamese``."""
    return search_key(fold_vietnamese(text))


def joined_syllables(words: list[str], longest: int = 3) -> list[str]:
    """Runs of 2 to ``longest`` consecutive words written together, as buyers type them
    without spaces: ['ca', 'phe', 'sua'] -> ['caphe', 'phesua', 'caphesua']."""
    out = []
    for size in range(2, longest + 1):
        out += ["".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return out


# --- Vietnamese alphabetical order ------------------------------------------------------------
# Lists of Vietnamese names (provinces, union units, sellers, officers) sort the way a
# Vietnamese dictionary does, as ICU's ``vi`` collation (CLDR) does, not by code point:
# - the letters are a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, each of ă â đ ê
#   ô ơ ư a letter of its own after its base (Đ comes after the whole of D, not among the Ds);
#   f j w z (foreign words) sit where the Latin alphabet puts them;
# - the tone is only a secondary difference, compared after the letters of the whole text, in
#   the order ngang (none), huyền (`), hỏi (?), ngã (~), sắc (´), nặng (.);
# - lower case before upper case only when everything else is equal;
# - a space sorts before any letter, so "Cà Mau" comes before "Cao Bằng".
# Written by hand rather than with PyICU: PyICU ships no wheels and would need a compiler and
# libicu-dev on every machine that runs the site; the order is CLDR's and is tested.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_WEIGHT = {letter: 100 + i for i, letter in enumerate(_ALPHABET)}
# combining marks that make a letter of its own: breve (ă), circumflex (â ê ô), horn (ơ ư)
_QUALITY = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
# tone marks, in CLDR's order: huyền, hỏi, ngã, sắc, nặng
_TONE = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """(primary weight, tone, upper) for each character of ``text``."""
    for ch in unicodedata.normalize("NFC", text):
        upper = ch != ch.lower()
        decomposed = unicodedata.normalize("NFD", ch.lower())
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _QUALITY:
                base = unicodedata.normalize("NFC", base + mark)
            elif mark in _TONE:
                tone = _TONE[mark]
        if base in _LETTER_WEIGHT:
            primary = _LETTER_WEIGHT[base]
        elif ch.isspace():
            primary = 1
        elif base.isdigit():
            primary = 50 + int(unicodedata.digit(base, 0))
        elif base.isalpha():
            primary = 100 + len(_ALPHABET) + ord(base)  # other scripts after Vietnamese
        else:
            primary = 2 + min(ord(base), 47)  # punctuation and symbols before digits
        yield primary, tone, upper


def vietnamese_sort_key(text: str) -> tuple:
    """A key that sorts Vietnamese text alphabetically:
    ``sorted(names, key=vietnamese_sort_key)`` puts "Cà Mau" before "Cao Bằng", "Đà Nẵng"
    after every name in D, and "Hà Nội" before "Hải Phòng"."""
    return _sort_key(str(text or ""))


@functools.lru_cache(maxsize=8192)  # the same names (provinces, groups) sort on every page
def _sort_key(text: str) -> tuple:
    rows = list(_letters(" ".join(text.split())))
    return (tuple(r[0] for r in rows), tuple(r[1] for r in rows), tuple(r[2] for r in rows))


def vietnamese_sort_string(text: str) -> str:
    """``vietnamese_sort_key`` as a string of digits for a database column to order by: equal
    length digit groups sort the same under every database collation (binary or a locale's)."""
    primary, tones, case = vietnamese_sort_key(text)
    return (
        "".join(f"{p:04d}" for p in primary)
        + "0000"
        + "".join(str(t) for t in tones)
        + "0"
        + "".join("1" if u else "0" for u in case)
    )
