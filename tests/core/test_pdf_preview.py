"""A PDF's first page as a bounded PNG; a broken PDF is a clear error, never a crash."""

import io

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from core.pdf_preview import MAX_SIDE, PreviewError, first_page_png

LANDSCAPE_A4 = landscape(A4)


def pdf_bytes(pagesize=LANDSCAPE_A4, pages=2) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=pagesize)
    for n in range(pages):
        pdf.setFillColorRGB(0.8, 0.1, 0.2) if n == 0 else pdf.setFillColorRGB(0, 0, 1)
        pdf.rect(0, 0, pagesize[0] / 2, pagesize[1], fill=1, stroke=0)
        pdf.drawString(72, 72, f"Trang {n + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_first_page_is_drawn_within_the_bound():
    png = first_page_png(pdf_bytes())
    with Image.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG"
        assert max(picture.size) == MAX_SIDE
        width, height = picture.size
        assert width > height  # landscape kept
        left = picture.convert("RGB").getpixel((10, height // 2))
        right = picture.convert("RGB").getpixel((width - 10, height // 2))
    assert left[0] > 150 and left[2] < 100  # the first page's red half, not page 2's blue
    assert right == (255, 255, 255)


@pytest.mark.parametrize("size", [(14400, 14400), (20, 10)])
def test_huge_and_tiny_pages_stay_bounded(size):
    png = first_page_png(pdf_bytes(pagesize=size, pages=1), max_side=400)
    with Image.open(io.BytesIO(png)) as picture:
        assert max(picture.size) <= 400


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.7\n% a header and nothing else",
        pdf_bytes()[:300],  # cut short
        b"\x89PNG\r\n\x1a\n" + b"0" * 100,
    ],
)
def test_broken_pdf_is_a_clear_error(data):
    with pytest.raises(PreviewError) as error:
        first_page_png(data)
    assert "PDF" in str(error.value.message)
