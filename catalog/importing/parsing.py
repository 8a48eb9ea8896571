"""Cell parsers: a CSV string or an Excel cell value in, a clean Python value out.

Each raises ``CellError`` with a message in the active language. Money is whole đồng: the
Vietnamese "185.000", the English "185,000" and "185 000" all read 185000, while "185000.5"
is refused rather than rounded.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext as _

from core.text import fold_vietnamese


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*")
_CURRENCY = re.compile(r"\s*(₫|đ|đồng|vnd|vnđ)$", re.IGNORECASE)
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_GROUP_CODE = re.compile(r"(\d+(?:\.\d+)?)(?:\s.*)?", re.DOTALL)
_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s+")


def text(value) -> str:
    """A cell as trimmed NFC text; Excel numbers without a fraction lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def bounded_text(value, *, max_length: int) -> str:
    result = text(value)
    if len(result) > max_length:
        raise CellError(
            _("At most %(max)d characters, this has %(length)d.")
            % {"max": max_length, "length": len(result)}
        )
    return result


def whole_number(value) -> int:
    """185000, 185000.0, "185.000", "185,000", "185 000", "185.000 ₫" -> 185000."""
    if isinstance(value, bool):
        raise CellError(_("Enter a whole number, e.g. 185000 or 185.000."))
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        if value != value or value % 1:  # NaN, or a fraction
            raise CellError(_("Enter a whole number without decimals, e.g. 185000 or 185.000."))
        return int(value)
    raw = text(value).translate(_SPACES)
    raw = _CURRENCY.sub("", raw).strip()
    negative = raw.startswith("-")
    digits = raw.lstrip("-").strip()
    if digits.isascii() and digits.isdigit():
        number = int(digits)
    elif _GROUPED.fullmatch(digits):
        number = int(re.sub(r"\D", "", digits))
    elif re.fullmatch(r"[\d.,]+", digits):
        raise CellError(_("Enter a whole number without decimals, e.g. 185000 or 185.000."))
    else:
        raise CellError(_("Enter a whole number, e.g. 185000 or 185.000."))
    return -number if negative else number


def price(value) -> int:
    number = whole_number(value)
    if not 1000 <= number <= 1_000_000_000:
        raise CellError(_("The price must be between 1,000 and 1,000,000,000 đồng."))
    return number


def stock(value) -> int:
    try:
        number = whole_number(value)
    except CellError:
        number = -1
    if not 0 <= number <= 1_000_000:
        raise CellError(_("The stock must be a whole number between 0 and 1,000,000."))
    return number


def stars(value) -> int | None:
    if text(value) == "":
        return None
    try:
        number = whole_number(value)
    except CellError:
        number = None
    if number not in (3, 4, 5):
        raise CellError(
            _("OCOP stars are 3, 4 or 5; leave the cell empty for a product without a certificate.")
        )
    return number


def date(value) -> datetime.date | None:
    """A date cell, "15/03/2025" or "2025-03-15"; an empty cell is None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    if match := _DMY.fullmatch(raw):
        day, month, year = (int(part) for part in match.groups())
    elif match := _YMD.fullmatch(raw):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(_("Write the date as dd/mm/yyyy or yyyy-mm-dd, e.g. 15/03/2025."))
    try:
        result = datetime.date(year, month, day)
    except ValueError:
        raise CellError(_("This date does not exist.")) from None
    if not 1990 <= result.year <= 2100:
        raise CellError(_("The year must be between 1990 and 2100."))
    return result


def group_code(value) -> str:
    """'1.9', 1.9 (an Excel number), '1.9 Cà phê và ca cao' -> '1.9'."""
    match = _GROUP_CODE.fullmatch(text(value))
    return match.group(1) if match else text(value)


def province_keys(value) -> list[str]:
    """The keys a province cell may match: its 2-digit code, or its folded name."""
    raw = text(value)
    if raw.isascii() and raw.isdigit():
        return [raw.zfill(2)]
    folded = " ".join(fold_vietnamese(raw).split())
    return [folded, _PROVINCE_PREFIX.sub("", folded)]


def province_name_key(name: str) -> str:
    return " ".join(fold_vietnamese(name).split())
