"""VietQR payloads (shop/payments/vietqr.py): payloads published by banks byte for byte, the
CRC, strict decoding, input checks, and the drawn QR read back by a real scanner (zbarimg)."""

import os
import shutil
import subprocess

import pytest

from shop.payments.vietqr import (
    build_payload,
    crc16_ccitt_false,
    fold_purpose,
    order_reference,
    parse_payload,
    qr_png,
    qr_svg,
    tlv,
)

ACB = {"bin": "970416", "account": "257678859"}
ACB_STATIC = (
    "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
)
ACB_10000 = (
    "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
    "5405100005802VN62150811Chuyen tien630453E6"
)

# Published payloads: builder arguments, payload, the fields parse_payload gives.
PUBLISHED = [
    pytest.param(
        dict(ACB, dynamic=False),
        ACB_STATIC,
        dict(ACB, dynamic=False, amount=None, purpose=""),
        id="acb-static",
    ),
    pytest.param(
        dict(ACB, amount=10000, purpose="Chuyen tien"),
        ACB_10000,
        dict(ACB, dynamic=True, amount=10000, purpose="Chuyen tien"),
        id="acb-10000",
    ),
    pytest.param(
        dict(ACB, amount=999999, purpose="Cam on nhe"),
        "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704"
        "54069999995802VN62140810Cam on nhe6304E786",
        dict(ACB, dynamic=True, amount=999999, purpose="Cam on nhe"),
        id="acb-999999",
    ),
    pytest.param(
        # Published as STATIC ("010211") although it carries an amount.
        dict(
            bin="970407",
            account="0386577672",
            amount=1000000,
            purpose="henry an cut",
            dynamic=False,
        ),
        "00020101021138540010A00000072701240006970407011003865776720208QRIBFTTA5303704"
        "540710000005802VN62160812henry an cut6304A322",
        dict(
            bin="970407",
            account="0386577672",
            dynamic=False,
            amount=1000000,
            purpose="henry an cut",
        ),
        id="techcombank-static-with-amount",
    ),
]

# The published bad-CRC example is given only as "...62060802Qr63044274 (the right CRC is 1A95)",
# so its prefix is ambiguous. It is NOT the ACB static prefix: ACB_STATIC's body +
# "62060802Qr6304" has CRC F227 (E536 with "010212"), and no published payload's body gives
# 1A95. The one public payload found with this exact tail is a dynamic MB Bank (970422) QR,
# MB_1A95_BODY below: its CRC is indeed 1A95, but it is itself malformed, with a stray "0"
# after the amount ("5406" "250000" "0" "5802VN"...), so a decoder must reject it anyway.
# The well-formed equivalent comes from build_payload and has CRC 7475.
MB_1A95_BODY = (
    "00020101021238540010A00000072701240006970422011009447998190208QRIBFTTA5303704"
    "5406250000" + "0" + "5802VN62060802Qr6304"
)


def test_crc_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_crc_of_nothing_is_the_initial_value():
    assert crc16_ccitt_false(b"") == 0xFFFF


@pytest.mark.parametrize(("kwargs", "payload", "fields"), PUBLISHED)
def test_published_payload_is_built_byte_for_byte(kwargs, payload, fields):
    assert build_payload(**kwargs) == payload


@pytest.mark.parametrize(("kwargs", "payload", "fields"), PUBLISHED)
def test_published_payload_parses_to_its_fields(kwargs, payload, fields):
    assert parse_payload(payload) == {
        "service": "QRIBFTTA",
        "currency": "704",
        "country": "VN",
        **fields,
    }


def test_crc_is_compared_case_insensitively():
    assert parse_payload(ACB_10000[:-4] + "53e6")["amount"] == 10000


def test_documented_bad_crc_is_rejected_on_the_acb_static_prefix():
    body = ACB_STATIC[:-8] + "62060802Qr6304"
    with pytest.raises(ValueError, match="bad CRC"):
        parse_payload(body + "4274")
    with pytest.raises(ValueError, match="bad CRC"):
        parse_payload(body + "1A95")  # 1A95 is not this prefix's CRC
    assert parse_payload(body + "F227")["purpose"] == "Qr"
    assert build_payload(**ACB, purpose="Qr", dynamic=False) == body + "F227"


def test_documented_1a95_payload_passes_the_crc_but_not_the_structure():
    assert f"{crc16_ccitt_false(MB_1A95_BODY.encode()):04X}" == "1A95"
    with pytest.raises(ValueError, match="bad CRC"):
        parse_payload(MB_1A95_BODY + "4274")
    with pytest.raises(ValueError, match="tag 05 announces 80 characters"):
        parse_payload(MB_1A95_BODY + "1A95")


def test_built_payload_with_a_flipped_crc_is_rejected():
    payload = build_payload(bin="970422", account="0944799819", amount=250000, purpose="Qr")
    assert payload == MB_1A95_BODY.replace("2500000", "250000") + "7475"
    fields = parse_payload(payload)
    assert (fields["bin"], fields["account"], fields["amount"]) == ("970422", "0944799819", 250000)
    for wrong in ("4274", "1A95", "7474", "5747"):
        with pytest.raises(ValueError, match="bad CRC"):
            parse_payload(payload[:-4] + wrong)


def _with_crc(body: str) -> str:
    """A body ending in "6304" plus its correct CRC: the structure alone is then at fault."""
    return f"{body}{crc16_ccitt_false(body.encode()):04X}"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        pytest.param("", "must end with the CRC", id="empty"),
        pytest.param(ACB_STATIC[:-1], "must end with the CRC", id="truncated-crc"),
        pytest.param(ACB_STATIC[:40], "must end with the CRC", id="cut-in-half"),
        pytest.param(ACB_STATIC[:-8], "must end with the CRC", id="no-6304"),
        pytest.param(ACB_STATIC[:-4] + "AE9G", "must end with the CRC", id="crc-not-hex"),
        pytest.param(ACB_STATIC.replace("QRIBFTTA", "QRIBFTTB"), "bad CRC", id="garbled-byte"),
        pytest.param(ACB_STATIC.replace("010211", "0102ห1"), "printable ASCII", id="non-ascii"),
        pytest.param(
            _with_crc("0002010102115303704" + "5802V6304"), "only 1 remain", id="bad-length"
        ),
        pytest.param(
            _with_crc("000201010211530370458XXVN6304"), "not two digits", id="non-digit-length"
        ),
        pytest.param(
            _with_crc("000202" + ACB_STATIC[6:-4]), "wrong payload format", id="format-02"
        ),
        pytest.param(_with_crc(ACB_STATIC[6:-4]), "wrong payload format", id="format-missing"),
        pytest.param(
            _with_crc("000201010211530370458" + "02VN6304"),
            "tag 38 is missing",
            id="no-napas-template",
        ),
        pytest.param(
            _with_crc(ACB_STATIC[:-8] + "6304" + "ABCD" + "6304"), "must come last", id="crc-twice"
        ),
        pytest.param(
            _with_crc(ACB_10000[:-4].replace("54051000058", "5405-100058")),
            "amount must be a positive",
            id="negative-amount",
        ),
    ],
)
def test_malformed_payload_is_rejected(payload, message):
    with pytest.raises(ValueError, match=message):
        parse_payload(payload)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(dict(ACB, bin="97041"), "BIN must be exactly 6 digits", id="bin-5"),
        pytest.param(dict(ACB, bin="9704160"), "BIN must be exactly 6 digits", id="bin-7"),
        pytest.param(dict(ACB, bin="97041A"), "BIN must be exactly 6 digits", id="bin-letter"),
        pytest.param(
            dict(ACB, bin="９７０４１６"), "BIN must be exactly 6 digits", id="bin-fullwidth-digits"
        ),
        pytest.param(dict(ACB, account="1" * 20), "1 to 19", id="account-20"),
        pytest.param(dict(ACB, account=""), "1 to 19", id="account-empty"),
        pytest.param(dict(ACB, account="2576 78859"), "no spaces", id="account-space"),
        pytest.param(dict(ACB, account="25767885-9"), "letters or digits", id="account-dash"),
        pytest.param(dict(ACB, amount=0), "positive", id="amount-0"),
        pytest.param(dict(ACB, amount=-5000), "positive", id="amount-negative"),
        pytest.param(dict(ACB, amount=10000.0), r"whole number of đồng \(int\)", id="amount-float"),
        pytest.param(dict(ACB, amount="10000"), "whole number", id="amount-str"),
        pytest.param(dict(ACB, amount=True), "whole number", id="amount-bool"),
        pytest.param(dict(ACB, amount=10**13), "more than 13 digits", id="amount-14-digits"),
        pytest.param(dict(ACB, service="QRPUSH"), "service must be one of", id="service"),
        pytest.param(dict(ACB, purpose="!!! ???"), "no letters or digits", id="purpose-empty"),
        pytest.param(dict(ACB, purpose="你好"), "no letters or digits", id="purpose-han"),
    ],
)
def test_build_payload_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        build_payload(**kwargs)


def test_purpose_is_folded_keeping_case_and_cut_to_25():
    payload = build_payload(**ACB, amount=185000, purpose="Thanh toán đơn hàng DH100023")
    # "Thanh toan don hang DH100023" is 28 characters: the last 3 are cut, order code included.
    assert parse_payload(payload)["purpose"] == "Thanh toan don hang DH100"
    assert "62290825Thanh toan don hang DH1006304" in payload


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đặc sản Đắk Lắk", "Dac san Dak Lak"),
        ("Cà phê  Buôn\tMa\u00a0Thuột", "Ca phe Buon Ma Thuot"),
        ("Thanh Hoa\u0301", "Thanh Hoa"),  # decomposed input folds like composed
        ("DH-100023, cảm ơn!", "DH100023 cam on"),
        ("  a  -  b  ", "a b"),
        ("Thanh toán đơn hàng xxxx DH1", "Thanh toan don hang xxxx"),  # cut, no trailing space
    ],
)
def test_fold_purpose(text, folded):
    assert fold_purpose(text) == folded


def test_dynamic_can_be_forced_without_amount_and_static_with_one():
    assert parse_payload(build_payload(**ACB, dynamic=True))["dynamic"] is True
    assert parse_payload(build_payload(**ACB, amount=5000, dynamic=False))["dynamic"] is False


def test_card_service_and_letters_in_account_round_trip():
    fields = parse_payload(build_payload(bin="970436", account="VQR0123abc", service="QRIBFTTC"))
    assert (fields["account"], fields["service"]) == ("VQR0123abc", "QRIBFTTC")


@pytest.mark.parametrize(
    ("order_number", "reference"),
    [("100023", "DH100023"), (100023, "DH100023"), ("OCOP-2026-0042", "DH20260042")],
)
def test_order_reference(order_number, reference):
    assert order_reference(order_number) == reference


@pytest.mark.parametrize("order_number", ["", "abc", "1" * 24])
def test_order_reference_rejects_no_digits_or_too_long(order_number):
    with pytest.raises(ValueError):
        order_reference(order_number)


def test_tlv():
    assert tlv("58", "VN") == "5802VN"
    assert tlv("62", "x" * 99) == "6299" + "x" * 99
    with pytest.raises(ValueError, match="at most 99"):
        tlv("62", "x" * 100)
    with pytest.raises(ValueError, match="printable ASCII"):
        tlv("08", "Cảm ơn")
    with pytest.raises(ValueError, match="two digits"):
        tlv("8", "x")
    with pytest.raises(ValueError, match="non-empty"):
        tlv("08", "")


def test_svg_is_inline_safe_with_a_title():
    svg = qr_svg(ACB_10000, title="Mã VietQR đơn DH100023")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "<title>Mã VietQR đơn DH100023</title>" in svg
    assert 'class="vietqr"' in svg and svg.rstrip().endswith("</svg>")


def test_no_qr_is_drawn_for_a_bad_payload():
    with pytest.raises(ValueError, match="bad CRC"):
        qr_png(ACB_STATIC[:-4] + "0000")
    with pytest.raises(ValueError, match="bad CRC"):
        qr_svg(ACB_STATIC[:-4] + "0000")


def _zbarimg() -> str:
    path = shutil.which("zbarimg") or (
        "/usr/bin/zbarimg" if os.path.exists("/usr/bin/zbarimg") else None
    )
    if path is None:
        reason = "zbarimg not found (apt-get install zbar-tools)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("payload", "amount", "account"),
    [
        pytest.param(
            build_payload(**ACB, amount=185000, purpose=order_reference("100023")),
            185000,
            "257678859",
            id="order",
        ),
        pytest.param(ACB_STATIC, None, "257678859", id="static"),
        pytest.param(PUBLISHED[3].values[1], 1000000, "0386577672", id="techcombank"),
    ],
)
def test_png_is_read_back_by_a_real_qr_reader(tmp_path, payload, amount, account):
    png = qr_png(payload)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = tmp_path / "vietqr.png"
    image.write_bytes(png)
    result = subprocess.run(
        [_zbarimg(), "--raw", "-q", str(image)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    decoded = result.stdout.removesuffix("\n")
    assert decoded == payload
    fields = parse_payload(decoded)
    assert (fields["amount"], fields["account"]) == (amount, account)
