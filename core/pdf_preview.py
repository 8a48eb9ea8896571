"""The first page of a PDF as a PNG picture (a pitch deck's preview), made with PDFium.

The picture is bounded whatever the page says: its longer side is at most ``max_side``
pixels (a page declared kilometres wide is scaled down, a stamp-sized one up to at most
``MAX_SCALE``), so memory and the stored file stay small. A PDF that PDFium cannot open or
draw raises ``PreviewError`` with a message for the uploader. PDFium is not thread-safe:
renders are serialised in a process.
"""

from __future__ import annotations

import io
import threading

import pypdfium2 as pdfium
from django.utils.translation import gettext_lazy as _

MAX_SIDE = 1200
MAX_SCALE = 4.0
_LOCK = threading.Lock()


class PreviewError(ValueError):
    """The PDF's first page could not be drawn; ``message`` is for the user."""

    def __init__(self, message=None):
        self.message = message or _(
            "The PDF could not be read: its first page cannot be shown. Please export it "
            "again as a PDF and upload that file."
        )
        super().__init__(str(self.message))


def first_page_png(data: bytes, *, max_side: int = MAX_SIDE) -> bytes:
    """The first page of the PDF ``data`` as PNG bytes, its longer side ``max_side`` pixels
    at most."""
    if not data.startswith(b"%PDF-"):
        raise PreviewError
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise PreviewError from exc
        try:
            if len(document) == 0:
                raise PreviewError
            page = document[0]
            try:
                width, height = page.get_size()
                if not (width > 0 and height > 0):
                    raise PreviewError
                scale = min(max_side / max(width, height), MAX_SCALE)
                bitmap = page.render(scale=scale)
                try:
                    picture = bitmap.to_pil()
                finally:
                    bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise PreviewError from exc
        finally:
            document.close()
    picture.thumbnail((max_side, max_side))  # rounding never makes a side max_side + 1
    out = io.BytesIO()
    picture.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()
