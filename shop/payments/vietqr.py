"""VietQR (NAPAS 247) bank-transfer QR codes: build, check and draw the payload.

A VietQR is an EMVCo merchant-presented QR: a string of ``ID LEN VALUE`` data objects, the
NAPAS account template under tag 38 (00 GUID, 01 beneficiary = 00 BIN + 01 account, 02
service) and a CRC-16/CCITT-FALSE under tag 63 last. Payloads published by banks are
reproduced byte for byte in tests/shop/payments/test_vietqr.py. Pure Python on purpose: no models and no Django, so a view, an
e-mail or a Celery task can call it alike. ``parse_payload`` is the strict inverse of
``build_payload``, used to refuse to draw a QR that a banking app would reject.
"""

import io
import re
import unicodedata

import segno

GUID_NAPAS = "A000000727"
SERVICES = ("QRIBFTTA", "QRIBFTTC")  # to an account, to a card
CURRENCY_VND = "704"
COUNTRY = "VN"
PURPOSE_MAX = 25
AMOUNT_MAX_DIGITS = 13  # EMVCo caps tag 54 at 13 characters

_BIN = re.compile(r"[0-9]{6}")
_ACCOUNT = re.compile(r"[0-9A-Za-z]{1,19}")
_TWO_DIGITS = re.compile(r"[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_NOT_PURPOSE = re.compile(r"[^A-Za-z0-9 ]")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no xor-out): the checksum
    EMVCo puts in tag 63. Bit by bit, since a payload is under 200 bytes."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _is_printable_ascii(text: str) -> bool:
    return all(" " <= ch <= "~" for ch in text)


def tlv(tag: str, value: str) -> str:
    """One data object, ``tag`` + 2-digit length + ``value``. Lengths count characters and
    bank apps count bytes, so only printable ASCII is allowed: the two then agree."""
    if not isinstance(tag, str) or not _TWO_DIGITS.fullmatch(tag):
        raise ValueError(f"tag must be two digits, got {tag!r}")
    if not isinstance(value, str) or not value:
        raise ValueError(f"tag {tag}: value must be a non-empty string (leave the tag out)")
    if not _is_printable_ascii(value):
        raise ValueError(f"tag {tag}: value must be printable ASCII, got {value!r}")
    if len(value) > 99:
        raise ValueError(f"tag {tag}: value is {len(value)} characters, at most 99 fit")
    return f"{tag}{len(value):02d}{value}"


def fold_purpose(text: str) -> str:
    """The transfer message banks accept: ASCII letters, digits and single spaces, at most 25
    characters. Unlike ``core.text.fold_vietnamese`` the case is kept, so "Đơn DH12" reads
    "Don DH12" on the buyer's statement. Put the order code first: the tail is cut."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    spaced = " ".join(stripped.translate(_D_MAP).split())
    kept = " ".join(_NOT_PURPOSE.sub("", spaced).split())
    return kept[:PURPOSE_MAX].rstrip()


def order_reference(order_number: str | int) -> str:
    """'DH' + the order number's digits ("100023" -> "DH100023"): the purpose a dynamic QR
    carries, so an incoming transfer can be matched to its order."""
    digits = "".join(re.findall(r"[0-9]", str(order_number)))
    if not digits:
        raise ValueError(f"order number {order_number!r} has no digits")
    reference = f"DH{digits}"
    if len(reference) > PURPOSE_MAX:
        raise ValueError(f"order reference {reference} is longer than {PURPOSE_MAX} characters")
    return reference


def _check_amount(amount: object) -> int:
    # bool is an int subclass and float would lose đồng: refuse both explicitly.
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValueError(f"amount must be a whole number of đồng (int), got {amount!r}")
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if len(str(amount)) > AMOUNT_MAX_DIGITS:
        raise ValueError(f"amount {amount} has more than {AMOUNT_MAX_DIGITS} digits")
    return amount


def build_payload(
    *,
    bin: str,
    account: str,
    amount: int | None = None,
    purpose: str = "",
    service: str = "QRIBFTTA",
    dynamic: bool | None = None,
) -> str:
    """The VietQR string for a transfer to ``account`` at the bank ``bin``. A QR with an
    amount is dynamic ("12", one payment: orders) unless ``dynamic`` says otherwise; without
    one it is static ("11", a reusable shop QR). ``purpose`` is folded by ``fold_purpose``."""
    if not isinstance(bin, str) or not _BIN.fullmatch(bin):
        raise ValueError(f"bank BIN must be exactly 6 digits, got {bin!r}")
    if not isinstance(account, str) or not _ACCOUNT.fullmatch(account):
        raise ValueError(
            f"account must be 1 to 19 ASCII letters or digits (no spaces), got {account!r}"
        )
    if service not in SERVICES:
        raise ValueError(f"service must be one of {', '.join(SERVICES)}, got {service!r}")
    if amount is not None:
        _check_amount(amount)
    if dynamic is not None and not isinstance(dynamic, bool):
        raise ValueError(f"dynamic must be True, False or None, got {dynamic!r}")
    if not isinstance(purpose, str):
        raise ValueError(f"purpose must be a string, got {purpose!r}")
    message = fold_purpose(purpose) if purpose else ""
    if purpose and not message:
        raise ValueError(f"purpose {purpose!r} has no letters or digits left after folding")

    is_dynamic = (amount is not None) if dynamic is None else dynamic
    # The service code sits beside the beneficiary template (38.02), not inside it: that is
    # what the payloads banks publish carry ("0123 0006<BIN>01..<account> 0208...").
    beneficiary = tlv("00", bin) + tlv("01", account)
    napas = tlv("00", GUID_NAPAS) + tlv("01", beneficiary) + tlv("02", service)
    parts = [
        tlv("00", "01"),
        tlv("01", "12" if is_dynamic else "11"),
        tlv("38", napas),
        tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        parts.append(tlv("54", str(amount)))
    parts.append(tlv("58", COUNTRY))
    if message:
        parts.append(tlv("62", tlv("08", message)))
    body = "".join(parts) + "6304"
    return f"{body}{crc16_ccitt_false(body.encode('ascii')):04X}"


def _decode(text: str, *, where: str) -> dict[str, str]:
    """Split ``text`` into its data objects, which must cover it exactly."""
    items: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        head = text[pos : pos + 4]
        if len(head) < 4:
            raise ValueError(f"{where}: truncated data object {head!r} at position {pos}")
        tag, length = head[:2], head[2:]
        if not _TWO_DIGITS.fullmatch(tag):
            raise ValueError(f"{where}: tag {tag!r} at position {pos} is not two digits")
        if not _TWO_DIGITS.fullmatch(length):
            raise ValueError(f"{where}: length {length!r} of tag {tag} is not two digits")
        size = int(length)
        if size == 0:
            raise ValueError(f"{where}: tag {tag} has length 00")
        value = text[pos + 4 : pos + 4 + size]
        if len(value) < size:
            raise ValueError(
                f"{where}: tag {tag} announces {size} characters, only {len(value)} remain"
            )
        if tag in items:
            raise ValueError(f"{where}: tag {tag} appears twice")
        items[tag] = value
        pos += 4 + size
    return items


def _require(items: dict[str, str], tag: str, *, where: str) -> str:
    if tag not in items:
        raise ValueError(f"{where}: tag {tag} is missing")
    return items[tag]


def parse_payload(payload: str) -> dict:
    """Decode and check a VietQR string; raise ValueError on anything a bank app would
    reject (bad CRC, broken structure, missing or invalid fields). Unknown tags are ignored."""
    if not isinstance(payload, str):
        raise ValueError(f"payload must be a string, got {type(payload).__name__}")
    if not _is_printable_ascii(payload):
        raise ValueError("payload must be printable ASCII")
    if len(payload) < 8 or payload[-8:-4] != "6304" or not _HEX4.fullmatch(payload[-4:]):
        raise ValueError("payload must end with the CRC: '6304' and 4 hex digits")
    expected = crc16_ccitt_false(payload[:-4].encode("ascii"))
    if payload[-4:].upper() != f"{expected:04X}":
        raise ValueError(f"bad CRC: payload says {payload[-4:]}, the data gives {expected:04X}")

    top = _decode(payload[:-8], where="payload")
    if not top or next(iter(top)) != "00" or top["00"] != "01":
        raise ValueError("wrong payload format: it must start with tag 00 = '01'")
    if "63" in top:
        raise ValueError("payload: tag 63 (CRC) must come last, once")
    initiation = _require(top, "01", where="payload")
    if initiation not in ("11", "12"):
        raise ValueError(f"point of initiation must be 11 or 12, got {initiation!r}")

    napas = _decode(_require(top, "38", where="payload"), where="tag 38")
    if _require(napas, "00", where="tag 38") != GUID_NAPAS:
        raise ValueError(f"tag 38: GUID must be {GUID_NAPAS}, got {napas['00']!r}")
    beneficiary = _decode(_require(napas, "01", where="tag 38"), where="tag 38.01")
    bank_bin = _require(beneficiary, "00", where="tag 38.01")
    account = _require(beneficiary, "01", where="tag 38.01")
    service = _require(napas, "02", where="tag 38")
    if not _BIN.fullmatch(bank_bin):
        raise ValueError(f"tag 38.01: BIN must be 6 digits, got {bank_bin!r}")
    if not _ACCOUNT.fullmatch(account):
        raise ValueError(f"tag 38.01: account must be 1 to 19 letters or digits, got {account!r}")
    if service not in SERVICES:
        raise ValueError(f"tag 38: service must be one of {', '.join(SERVICES)}")

    currency = _require(top, "53", where="payload")
    if currency != CURRENCY_VND:
        raise ValueError(f"currency must be {CURRENCY_VND} (VND), got {currency!r}")
    amount = None
    if "54" in top:
        if not _DIGITS.fullmatch(top["54"]) or int(top["54"]) <= 0:
            raise ValueError(f"amount must be a positive whole number, got {top['54']!r}")
        amount = int(top["54"])
    country = _require(top, "58", where="payload")
    if country != COUNTRY:
        raise ValueError(f"country must be {COUNTRY}, got {country!r}")
    purpose = _decode(top["62"], where="tag 62").get("08", "") if "62" in top else ""

    return {
        "dynamic": initiation == "12",
        "bin": bank_bin,
        "account": account,
        "service": service,
        "currency": currency,
        "amount": amount,
        "country": country,
        "purpose": purpose,
    }


def _qr(payload: str) -> segno.QRCode:
    # Check first: a drawn QR that a bank app rejects fails in front of the buyer.
    parse_payload(payload)
    # Level M exactly (no boosting), so the symbol is what the tests and the brief expect.
    return segno.make(payload, error="m", boost_error=False, micro=False)


def qr_svg(payload: str, *, title: str = "VietQR", scale: int = 4) -> str:
    """The QR as an SVG element to inline in a template: no XML declaration, a <title> for
    screen readers, class "vietqr" for styling, the 4-module quiet zone scanners need."""
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive int, got {scale!r}")
    out = io.BytesIO()
    _qr(payload).save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="vietqr",
        scale=scale,
        border=4,
        nl=False,
    )
    return out.getvalue().decode("utf-8")


def qr_png(payload: str, *, scale: int = 6) -> bytes:
    """The QR as PNG bytes (for e-mails and downloads), ``scale`` pixels per module, with the
    4-module quiet zone."""
    if isinstance(scale, bool) or not isinstance(scale, int) or scale < 1:
        raise ValueError(f"scale must be a positive int, got {scale!r}")
    out = io.BytesIO()
    _qr(payload).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()
