"""Vietnamese text helpers: folding diacritics and making URL slugs.

Unicode does not decompose đ/Đ, so stripping combining marks alone turns "Đặc sản" into
"đac san"; the explicit map below makes it "dac san".
"""

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
