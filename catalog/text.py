"""Vietnamese text helpers: folding diacritics and making URL slugs.

Unicode does not decompose đ/Đ, so stripping combining marks alone turns "Đặc sản" into
"đac san"; the explicit map below makes it "dac san".
"""

import re
import unicodedata

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
        out += ["".join(words[i:i + size]) for i in range(len(words) - size + 1)]
    return out
