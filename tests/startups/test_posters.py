"""startups.posters: the same poster as PNG, SVG and PDF, Vietnamese text drawn as text, a QR
that scanners read, and the cashless-stall card whose VietQR is exactly the account given."""

import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pypdf
import pypdfium2
import pytest
from django.utils import translation
from PIL import Image

from shop.payments.vietqr import build_payload, parse_payload
from startups import posters

SVG = "{http://www.w3.org/2000/svg}"
URL = "http://testserver/q/p12/"


def _zbarimg() -> str:
    path = shutil.which("zbarimg")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: zbarimg not found (apt-get install zbar-tools)")
        pytest.skip("zbarimg not found (apt-get install zbar-tools)")
    return path


def read_qr(png: bytes, tmp_path) -> str:
    image = tmp_path / "scan.png"
    image.write_bytes(png)
    result = subprocess.run(
        [_zbarimg(), "--raw", "-q", str(image)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.removesuffix("\n")


def pdf_page_png(data: bytes, scale: float = 3) -> bytes:
    """The first page of a PDF as a PNG, as a printer would put it on paper."""
    document = pypdfium2.PdfDocument(data)
    out = io.BytesIO()
    document[0].render(scale=scale).to_pil().save(out, format="PNG")
    return out.getvalue()


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    """The reader and the text of every page, lines joined by single spaces (a long name
    is wrapped on the poster)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def svg_text(document: str) -> str:
    root = ET.fromstring(document.encode())
    return " ".join(" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text"))


def picture(size=(800, 500), colour=(40, 120, 60), fmt="JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


def content(**overrides) -> posters.PosterContent:
    values = {
        "kind": "product",
        "title": "Cà phê Robusta rang mộc Ea Tu 500g",
        "shop": "HTX Cà phê Ea Tu",
        "url": URL,
        "picture": picture(),
        "stars": 4,
    }
    return posters.PosterContent(**{**values, **overrides})


def stall(**overrides) -> posters.StallContent:
    values = {
        "shop": "Tiệm chè Bà Tư",
        "payload": build_payload(bin="970436", account="0071000123456"),
        "bank": "Vietcombank",
        "bank_name": "Ngân hàng TMCP Ngoại thương Việt Nam",
        "account": "0071000123456",
        "holder": "NGUYEN VAN HUNG",
    }
    return posters.StallContent(**{**values, **overrides})


def test_the_pdf_is_one_a5_page_with_the_name_stars_and_short_address_as_text():
    data = posters.pdf(posters.poster_sheet(content()))
    reader, text = pdf_text(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 210)
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in text
    assert "★★★★" in text and "OCOP 4 sao" in text
    assert "testserver/q/p12/" in text
    assert "HTX Cà phê Ea Tu" in text and "Chợ OCOP Thanh niên" in text


def test_the_png_is_a5_and_its_qr_opens_the_short_address(tmp_path):
    data = posters.png(posters.poster_sheet(content()))
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert width == 1240 and abs(height / width - 210 / 148) < 0.01
    assert read_qr(data, tmp_path) == URL


def test_the_printed_pdf_scans_too(tmp_path):
    data = posters.pdf(posters.poster_sheet(content(picture=None)))
    assert read_qr(pdf_page_png(data), tmp_path) == URL


def test_the_svg_is_xml_with_the_same_texts_and_an_embedded_picture():
    document = posters.svg(posters.poster_sheet(content()))
    root = ET.fromstring(document.encode())
    assert root.tag == f"{SVG}svg" and root.get("width") == "148mm"
    texts = svg_text(document)
    assert "Cà phê Robusta rang mộc Ea Tu 500g" in texts
    assert "testserver/q/p12/" in texts and "★★★★ OCOP 4 sao" in texts
    images = list(root.iter(f"{SVG}image"))
    assert len(images) == 1 and images[0].get("href").startswith("data:image/jpeg;base64,")
    assert root.find(f"{SVG}script") is None


def test_script_in_a_name_is_drawn_as_text_and_escaped_in_the_svg():
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    sheet = posters.poster_sheet(content(title=hostile, shop="</text><script>1</script>"))
    document = posters.svg(sheet)
    assert "<script" not in document and "<img" not in document
    assert "&lt;script&gt;" in document
    root = ET.fromstring(document.encode())  # still well-formed
    drawn = svg_text(document)
    assert "<script>alert(" in drawn and "</text><script>1</script>" in drawn
    assert [e.tag for e in root.iter() if e.tag.endswith(("script", "foreignObject"))] == []
    _, text = pdf_text(posters.pdf(sheet))
    assert "<script>alert(" in text


def test_control_and_direction_characters_never_break_the_svg():
    title = "Mật ong\x00\x1b[31m \u202eđỏ\u200b rừng\ufffe"
    assert "Mật ong[31m đỏ rừng" in svg_text(
        posters.svg(posters.poster_sheet(content(title=title)))
    )


def test_a_long_name_wraps_within_the_page_and_ends_with_an_ellipsis():
    title = "Trà " + "hoa vàng Ba Chẽ thượng hạng " * 8
    sheet = posters.poster_sheet(content(title=title))
    lines = [s for s in sheet.shapes if isinstance(s, posters.Text) and s.size == 20]
    assert len(lines) == 3
    assert lines[-1].runs[0][0].endswith("…")
    for line in lines:
        assert posters.text_width(line.runs[0][0], size=20, bold=True) <= sheet.width - 20
    unbroken = posters.poster_sheet(content(title="X" * 300))
    widest = max(
        posters.text_width(s.runs[0][0], size=s.size, bold=s.bold)
        for s in unbroken.shapes
        if isinstance(s, posters.Text)
    )
    assert widest <= unbroken.width


def test_no_stars_without_a_certificate_in_force_and_no_picture_when_none():
    sheet = posters.poster_sheet(content(stars=None, picture=None, kind="startup"))
    drawn = " ".join(t for s in sheet.shapes if isinstance(s, posters.Text) for t, _ in s.runs)
    assert "★" not in drawn and "OCOP" not in drawn.replace("Chợ OCOP", "")
    assert "Quét mã để xem dự án khởi nghiệp" in drawn
    assert not [s for s in sheet.shapes if isinstance(s, posters.Picture)]


def test_an_unreadable_picture_is_left_out_and_the_poster_still_made():
    sheet = posters.poster_sheet(content(picture=b"<html>not a picture</html>"))
    assert not [s for s in sheet.shapes if isinstance(s, posters.Picture)]
    assert posters.pdf(sheet).startswith(b"%PDF")


def test_a_transparent_png_logo_is_flattened_on_white():
    logo = picture(size=(200, 200), fmt="PNG")
    rgba = io.BytesIO()
    Image.new("RGBA", (200, 200), (0, 0, 0, 0)).save(rgba, format="PNG")
    for data in (logo, rgba.getvalue()):
        image = posters.load_picture(data)
        assert image is not None and image.mode == "RGB"
    assert posters.load_picture(rgba.getvalue()).getpixel((10, 10)) == (255, 255, 255)


def test_posters_follow_the_page_language():
    with translation.override("en"):
        sheet = posters.poster_sheet(content(kind="pitch"))
    drawn = " ".join(t for s in sheet.shapes if isinstance(s, posters.Text) for t, _ in s.runs)
    assert "Scan to read our pitch" in drawn and "OCOP 4 stars" in drawn


def test_several_sheets_make_one_pdf_of_that_many_pages():
    sheets = [posters.poster_sheet(content(title=f"Sản phẩm {n}")) for n in range(3)]
    reader, text = pdf_text(posters.pdf(sheets, title="Áp phích"))
    assert len(reader.pages) == 3
    assert all(f"Sản phẩm {n}" in reader.pages[n].extract_text() for n in range(3))
    assert reader.metadata.title == "Áp phích"


@pytest.mark.parametrize(("size", "mm"), [("a6", (105, 148)), ("a5", (148, 210))])
def test_the_stall_card_pays_exactly_the_account_on_file(tmp_path, size, mm):
    card = stall()
    sheet = posters.stall_sheet(card, size=size)
    data = posters.pdf(sheet)
    reader, text = pdf_text(data)
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == mm
    for shown in ("Tiệm chè Bà Tư", "Vietcombank", "0071000123456", "NGUYEN VAN HUNG"):
        assert shown in text
    assert "Quét mã để chuyển khoản — Không dùng tiền mặt" in text
    for scanned in (
        read_qr(pdf_page_png(data, scale=4), tmp_path),
        read_qr(posters.png(sheet), tmp_path),
    ):
        assert scanned == build_payload(bin="970436", account="0071000123456")
        parsed = parse_payload(scanned)
        assert (parsed["bin"], parsed["account"], parsed["amount"]) == (
            "970436",
            "0071000123456",
            None,
        )
        assert parsed["dynamic"] is False and parsed["purpose"] == ""


def test_a_stall_card_is_never_drawn_from_a_payload_banks_would_refuse():
    broken = build_payload(bin="970436", account="0071000123456")[:-4] + "0000"
    with pytest.raises(ValueError, match="CRC"):
        posters.stall_sheet(stall(payload=broken))
    with pytest.raises(ValueError):
        posters.stall_sheet(stall(), size="a4")


def test_render_knows_three_formats_only():
    sheet = posters.poster_sheet(content(picture=None))
    assert posters.render(sheet, "svg")[1] == "image/svg+xml"
    assert posters.render(sheet, "png")[1] == "image/png"
    assert posters.render(sheet, "pdf")[0].startswith(b"%PDF")
    with pytest.raises(ValueError):
        posters.render(sheet, "html")
    with pytest.raises(ValueError):
        posters.poster_sheet(content(kind="order"))
