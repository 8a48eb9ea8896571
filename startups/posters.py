"""Printable QR posters and cashless-stall cards, drawn as PDF (reportlab), PNG (Pillow) and
SVG (written as text).

A card is laid out once, in millimetres from the top left corner, with the font's own metrics
(``poster_sheet``, ``stall_sheet``); the three formats then draw the same shapes, so a PNG, an
SVG and a PDF show the same lines at the same places. Text uses DejaVu Sans, which has every
Vietnamese letter (Debian's fonts-dejavu-core, installed by ``bin/run`` and ``bin/test``).
What users typed is only ever text: glyphs in the PDF and PNG, escaped in the SVG, with
control and direction-changing characters dropped. Pictures are decoded and encoded again by
Pillow, so no uploaded bytes reach a poster as they came.

An expo's and a booth's posters (kinds ``expo`` and ``booth``) are the same poster with lines
under the name (``PosterContent.details``: the expo's theme and dates, the booth's hall) and a
call to action of their own; ``expo_content`` and ``booth_content`` word them in the current
language, dates in Viet Nam's time.

A sub-package of formats, like ``catalog.importing``: it reads no model and writes nothing.
"""

from __future__ import annotations

import base64
import io
import logging
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr
from zoneinfo import ZoneInfo

import segno
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont, ImageOps
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from core.siteurl import SITE_NAME, site_domain
from shop.payments.vietqr import parse_payload

logger = logging.getLogger(__name__)

A5 = (148.0, 210.0)
A6 = (105.0, 148.0)
PAGE_SIZES = {"a5": A5, "a6": A6}
PX_PER_MM = 1240 / 148  # an A5 PNG is 1240 pixels wide (about 213 dpi)
PT_PER_MM = 72 / 25.4
MM_PER_PT = 25.4 / 72

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts/truetype/dejavu"),
)
FONT_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
PDF_FONTS = {False: "PosterSans", True: "PosterSans-Bold"}

RED = (200, 16, 46)
GOLD = (245, 184, 0)
INK = (31, 35, 40)
MUTED = (95, 107, 118)
WHITE = (255, 255, 255)

KINDS = ("product", "startup", "pitch", "expo", "booth")
PICTURE_MAX_PX = 640  # the picture box is 90 × 40 mm: about 250 dpi across, 400 down
PICTURE_BOX = {"expo": (128.0, 40.0)}  # an expo's banner is wide; every other kind 90 × 40 mm
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")  # an expo's dates are Viet Nam's, wherever it is read


# --- what a card shows ----------------------------------------------------------------------


@dataclass(frozen=True)
class PosterContent:
    """One poster: a product, a startup, a pitch, an expo or a booth. ``url`` is the short
    address the QR encodes; ``stars`` only while an OCOP certificate is in force; ``shop`` the
    small line at the bottom; ``details`` lines under the title; ``action`` the call to action
    under the code when not the kind's own."""

    kind: str
    title: str
    shop: str
    url: str
    picture: bytes | None = None
    stars: int | None = None
    details: tuple[str, ...] = ()
    action: str = ""


@dataclass(frozen=True)
class StallContent:
    """A seller's static VietQR (no amount) with the account it pays into."""

    shop: str
    payload: str
    bank: str
    bank_name: str
    account: str
    holder: str


# --- shapes, in millimetres from the top left -----------------------------------------------


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: tuple


@dataclass(frozen=True)
class Text:
    """One line, centred on ``x``, ``y`` its baseline; ``runs`` are (text, colour) pieces."""

    x: float
    y: float
    size: float  # points
    bold: bool
    runs: tuple


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    image: Image.Image = field(compare=False)


@dataclass(frozen=True)
class Code:
    """A QR symbol, quiet zone included: ``rows`` of dark (True) and light modules."""

    x: float
    y: float
    size: float
    rows: tuple


@dataclass(frozen=True)
class Sheet:
    width: float
    height: float
    shapes: tuple
    title: str = ""


# --- fonts and text -------------------------------------------------------------------------


@cache
def font_path(bold: bool) -> str:
    name = FONT_FILES[bold]
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return str(folder / name)
    raise ImproperlyConfigured(
        f"Posters need the font {name} (Vietnamese letters): apt-get install fonts-dejavu-core"
    )


@cache
def _pdf_font(bold: bool) -> str:
    name = PDF_FONTS[bold]
    pdfmetrics.registerFont(TTFont(name, font_path(bold)))
    return name


@cache
def _png_font(bold: bool, px: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(bold), px)


def text_width(text: str, *, size: float, bold: bool) -> float:
    """Width in millimetres of ``text`` at ``size`` points."""
    return pdfmetrics.stringWidth(text, _pdf_font(bold), size) * MM_PER_PT


def clean_text(text: str) -> str:
    """``text`` as one line to draw: NFC, no control, format (bidi override, zero width) or
    unassigned characters, single spaces. XML 1.0 forbids some of them in an SVG anyway."""
    text = unicodedata.normalize("NFC", str(text or ""))
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return " ".join(kept.split())


def _pieces(word: str, *, size: float, bold: bool, width: float) -> list[str]:
    """A word too long for one line, cut where it must be."""
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size=size, bold=bold) > width:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def _shorten(line: str, *, size: float, bold: bool, width: float) -> str:
    while line and text_width(line + "…", size=size, bold=bold) > width:
        line = line[:-1].rstrip()
    return line + "…"


def wrap(text: str, *, size: float, bold: bool, width: float, max_lines: int) -> list[str]:
    """``text`` in lines at most ``width`` mm wide; past ``max_lines`` the last line ends
    with an ellipsis."""
    lines, current = [], ""
    for word in clean_text(text).split(" "):
        for piece in _pieces(word, size=size, bold=bold, width=width):
            candidate = f"{current} {piece}" if current else piece
            if not current or text_width(candidate, size=size, bold=bold) <= width:
                current = candidate
            else:
                lines.append(current)
                current = piece
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _shorten(lines[-1], size=size, bold=bold, width=width)
    return lines


class _Flow:
    """Lines placed one under the other, centred on the page."""

    def __init__(self, width: float, y: float):
        self.width, self.y, self.shapes = width, y, []

    def lines(self, text, *, size, bold=False, colour=INK, max_lines=1, width=None, gap=0.0):
        height = size * MM_PER_PT
        for line in wrap(
            text, size=size, bold=bold, width=width or self.width - 20, max_lines=max_lines
        ):
            self.shapes.append(
                Text(self.width / 2, self.y + height * 0.82, size, bold, ((line, colour),))
            )
            self.y += height * 1.22
        self.y += gap

    def runs(self, runs, *, size, bold=False, gap=0.0):
        height = size * MM_PER_PT
        self.shapes.append(Text(self.width / 2, self.y + height * 0.82, size, bold, tuple(runs)))
        self.y += height * 1.22 + gap


def _lines_height(count: int, size: float, gap: float = 0.0) -> float:
    return count * size * MM_PER_PT * 1.22 + gap


# --- pictures and codes ---------------------------------------------------------------------


def load_picture(data: bytes | None) -> Image.Image | None:
    """An uploaded picture as a flat RGB image at most ``PICTURE_MAX_PX`` on a side, or None
    if it cannot be read (a poster is still printed, without it)."""
    if not data:
        return None
    try:
        with Image.open(io.BytesIO(data)) as raw:
            # JPEGs decode at a reduced scale straight away; the small picture is then turned
            # upright by the file's orientation tag (a phone photo's EXIF).
            raw.draft("RGB", (PICTURE_MAX_PX, PICTURE_MAX_PX))
            raw.thumbnail((PICTURE_MAX_PX, PICTURE_MAX_PX), Image.Resampling.BILINEAR)
            image = ImageOps.exif_transpose(raw)
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                flat = Image.new("RGB", image.size, WHITE)
                flat.paste(image, mask=image.getchannel("A"))
                return flat
            return image.convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("Poster picture skipped: %s", error)
        return None


def _fit(image: Image.Image, *, cx: float, y: float, max_w: float, max_h: float) -> Picture:
    ratio = min(max_w / image.width, max_h / image.height)
    w, h = image.width * ratio, image.height * ratio
    return Picture(cx - w / 2, y, w, h, image)


def qr_rows(text: str, *, error: str = "q", boost: bool = True) -> tuple:
    """The QR symbol of ``text`` with its 4-module quiet zone, as rows of booleans."""
    symbol = segno.make(text, error=error, boost_error=boost, micro=False)
    return tuple(tuple(bool(m) for m in row) for row in symbol.matrix_iter(scale=1, border=4))


def short_address(url: str) -> str:
    """The short address as printed: host and path, without the scheme."""
    parts = urlsplit(url)
    return parts.netloc + parts.path


# --- layouts --------------------------------------------------------------------------------


def _call_to_action(kind: str) -> str:
    return {
        "product": gettext("Scan to see this product"),
        "startup": gettext("Scan to meet our startup"),
        "pitch": gettext("Scan to read our pitch"),
        "expo": gettext("Scan to visit the expo"),
        "booth": gettext("Scan to visit our booth"),
    }[kind]


def expo_dates(opens_at, closes_at) -> str:
    """The days an expo is open, in Viet Nam's time and the current language's date format
    ("From 15/05/2026 to 18/05/2026"); one day with its hours."""
    opens = timezone.localtime(opens_at, VIETNAM)
    closes = timezone.localtime(closes_at, VIETNAM)
    if opens.date() == closes.date():
        return gettext("%(day)s, %(opens)s to %(closes)s") % {
            "day": date_format(opens, "DATE_FORMAT"),
            "opens": date_format(opens, "TIME_FORMAT"),
            "closes": date_format(closes, "TIME_FORMAT"),
        }
    return gettext("From %(opens)s to %(closes)s") % {
        "opens": date_format(opens, "DATE_FORMAT"),
        "closes": date_format(closes, "DATE_FORMAT"),
    }


def expo_content(
    *, title: str, theme: str, opens_at, closes_at, unit: str, url: str, banner: bytes | None
) -> PosterContent:
    """An expo's poster: its banner, title, theme and dates, the organising unit at the
    bottom. Texts are already in the language to print."""
    return PosterContent(
        kind="expo",
        title=title,
        shop=gettext("Organised by %(unit)s") % {"unit": clean_text(unit)},
        url=url,
        picture=banner,
        details=tuple(
            line for line in (clean_text(theme), expo_dates(opens_at, closes_at)) if line
        ),
    )


def booth_content(
    *,
    startup: str,
    expo: str,
    hall: str,
    opens_at,
    closes_at,
    url: str,
    picture: bytes | None,
) -> PosterContent:
    """A booth's poster: the featured product's picture (or the startup's logo), the
    startup's name, its hall, "Visit our booth at <expo>" and the expo's dates."""
    hall = clean_text(hall)
    return PosterContent(
        kind="booth",
        title=startup,
        shop=expo_dates(opens_at, closes_at),
        url=url,
        picture=picture,
        details=(gettext("Hall: %(hall)s") % {"hall": hall},) if hall else (),
        action=gettext("Visit our booth at %(expo)s") % {"expo": clean_text(expo)},
    )


def stars_label(stars: int) -> str:
    return gettext("OCOP %(stars)d stars") % {"stars": stars}


def poster_sheet(content: PosterContent, *, size: str = "a5") -> Sheet:
    """The poster (A5, or A6 scaled from it): the site's band, the picture, the name, the
    OCOP stars, the details, the QR, the call to action, the short address, the shop and the
    site's address."""
    if content.kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {content.kind!r}")
    if size not in PAGE_SIZES:
        raise ValueError(f"size must be one of {sorted(PAGE_SIZES)}, got {size!r}")
    width, height = A5
    shapes: list = [
        Box(0, 0, width, 16, RED),
        Text(width / 2, 10.6, 13, True, ((SITE_NAME, WHITE),)),
    ]
    flow = _Flow(width, 22)
    picture = load_picture(content.picture)
    if picture is not None:
        box_w, box_h = PICTURE_BOX.get(content.kind, (90.0, 40.0))
        fitted = _fit(picture, cx=width / 2, y=flow.y, max_w=box_w, max_h=box_h)
        shapes.append(fitted)
        flow.y += fitted.h + 5
    flow.lines(content.title, size=20, bold=True, max_lines=3, gap=1.5)
    if content.stars:
        flow.runs(
            [("★" * content.stars, GOLD), ("  " + stars_label(content.stars), INK)],
            size=15,
            bold=True,
            gap=1,
        )
    for line in content.details:
        flow.lines(line, size=13, max_lines=2, gap=0.5)
    # Below the code, from the bottom up: the site's address, the shop, the short address and
    # the call to action. The code takes the room that is left, up to 88 mm.
    bottom = _Flow(width, 0)
    bottom.lines(content.action or _call_to_action(content.kind), size=12, max_lines=2, gap=1)
    bottom.lines(short_address(content.url), size=15, bold=True, gap=2)
    bottom.lines(content.shop, size=11, colour=MUTED)
    footer = 12
    room = height - footer - bottom.y - flow.y - 6
    code = max(40.0, min(88.0, room))
    shapes.extend(flow.shapes)
    shapes.append(Code((width - code) / 2, flow.y + 2, code, qr_rows(content.url)))
    offset = flow.y + 2 + code + 2
    shapes.extend(Text(s.x, s.y + offset, s.size, s.bold, s.runs) for s in bottom.shapes)
    shapes.append(Box(0, height - footer + 3, width, 0.6, RED))
    shapes.append(Text(width / 2, height - 4.5, 9, False, ((site_domain(), MUTED),)))
    sheet = Sheet(width, height, tuple(shapes), title=clean_text(content.title))
    return sheet if size == "a5" else _scaled(sheet, PAGE_SIZES[size])


def stall_sheet(content: StallContent, *, size: str = "a6") -> Sheet:
    """The cashless-stall card (A6 or A5): the campaign band, the shop, the static VietQR,
    what to do, the bank, the account and its holder. Drawn on A5 and scaled for A6 (the two
    have the same proportions)."""
    if size not in PAGE_SIZES:
        raise ValueError(f"size must be one of {sorted(PAGE_SIZES)}, got {size!r}")
    parse_payload(content.payload)  # a QR a banking app would refuse is never printed
    width, height = A5
    shapes: list = [Box(0, 0, width, 18, RED)]
    band = _Flow(width, 4.5)
    band.lines(gettext("Cashless stall"), size=17, bold=True, colour=WHITE)
    flow = _Flow(width, 24)
    flow.lines(content.shop, size=20, bold=True, max_lines=2, gap=0.5)
    flow.lines("VietQR · NAPAS 247", size=10, colour=MUTED, gap=1)

    bottom = _Flow(width, 0)
    bottom.lines(
        gettext("Scan to pay by bank transfer — go cashless"),
        size=12,
        bold=True,
        max_lines=2,
        gap=2,
    )
    bottom.lines(content.bank, size=13, bold=True)
    if content.bank_name:
        bottom.lines(content.bank_name, size=9.5, colour=MUTED, max_lines=2, gap=1)
    bottom.lines(
        gettext("Account number: %(account)s") % {"account": content.account}, size=15, bold=True
    )
    bottom.lines(
        gettext("Account holder: %(holder)s") % {"holder": content.holder}, size=12, max_lines=2
    )
    footer = 17
    room = height - footer - bottom.y - flow.y - 5
    code = max(40.0, min(100.0, room))
    shapes.extend(band.shapes)
    shapes.extend(flow.shapes)
    shapes.append(
        Code((width - code) / 2, flow.y + 1, code, qr_rows(content.payload, error="m", boost=False))
    )
    offset = flow.y + 1 + code + 2
    shapes.extend(Text(s.x, s.y + offset, s.size, s.bold, s.runs) for s in bottom.shapes)
    shapes.append(Box(0, height - footer, width, footer, RED))
    campaign = _Flow(width, height - footer + 2.5)
    campaign.lines(
        gettext("Youth Union campaign: cashless shops and market stalls"),
        size=9.5,
        bold=True,
        colour=WHITE,
        max_lines=2,
    )
    campaign.lines(f"{SITE_NAME} · {site_domain()}", size=8.5, colour=WHITE)
    shapes.extend(campaign.shapes)
    sheet = Sheet(width, height, tuple(shapes), title=clean_text(content.shop))
    return sheet if size == "a5" else _scaled(sheet, A6)


def _scaled(sheet: Sheet, page: tuple[float, float]) -> Sheet:
    """The sheet shrunk to fit ``page``, centred across (A6 is a hair narrower than half an
    A5 in proportion); the bands stay full width."""
    k = min(page[0] / sheet.width, page[1] / sheet.height)
    dx = (page[0] - sheet.width * k) / 2

    def scale(shape):
        if isinstance(shape, Text):
            return Text(shape.x * k + dx, shape.y * k, shape.size * k, shape.bold, shape.runs)
        if isinstance(shape, Code):
            return Code(shape.x * k + dx, shape.y * k, shape.size * k, shape.rows)
        if isinstance(shape, Picture):
            return Picture(shape.x * k + dx, shape.y * k, shape.w * k, shape.h * k, shape.image)
        if shape.w >= sheet.width:  # a band across the page
            return Box(0, shape.y * k, page[0], shape.h * k, shape.fill)
        return Box(shape.x * k + dx, shape.y * k, shape.w * k, shape.h * k, shape.fill)

    return Sheet(page[0], page[1], tuple(scale(s) for s in sheet.shapes), sheet.title)


# --- PDF ------------------------------------------------------------------------------------


def _rgb(colour: tuple) -> tuple:
    return tuple(c / 255 for c in colour)


def _code_runs(rows: tuple):
    """(row, first column, length) of each horizontal run of dark modules."""
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                yield r, start, c - start
            else:
                c += 1


def _pdf_page(canvas: Canvas, sheet: Sheet) -> None:
    page_h = sheet.height * PT_PER_MM

    def pt(v):
        return v * PT_PER_MM

    for shape in sheet.shapes:
        if isinstance(shape, Box):
            canvas.setFillColorRGB(*_rgb(shape.fill))
            canvas.rect(
                pt(shape.x),
                page_h - pt(shape.y + shape.h),
                pt(shape.w),
                pt(shape.h),
                stroke=0,
                fill=1,
            )
        elif isinstance(shape, Text):
            font = _pdf_font(shape.bold)
            widths = [pdfmetrics.stringWidth(t, font, shape.size) for t, _ in shape.runs]
            x = pt(shape.x) - sum(widths) / 2
            for (text, colour), w in zip(shape.runs, widths, strict=True):
                canvas.setFont(font, shape.size)
                canvas.setFillColorRGB(*_rgb(colour))
                canvas.drawString(x, page_h - pt(shape.y), text)
                x += w
        elif isinstance(shape, Picture):
            canvas.drawImage(
                ImageReader(shape.image),
                pt(shape.x),
                page_h - pt(shape.y + shape.h),
                width=pt(shape.w),
                height=pt(shape.h),
            )
        elif isinstance(shape, Code):
            module = pt(shape.size) / len(shape.rows)
            left, top = pt(shape.x), page_h - pt(shape.y)
            canvas.setFillColorRGB(1, 1, 1)
            canvas.rect(
                left, top - pt(shape.size), pt(shape.size), pt(shape.size), stroke=0, fill=1
            )
            canvas.setFillColorRGB(0, 0, 0)
            for r, c, n in _code_runs(shape.rows):
                # a hair wider than the run, so neighbouring rows leave no white seam
                canvas.rect(
                    left + c * module,
                    top - (r + 1) * module - 0.05,
                    n * module + 0.05,
                    module + 0.1,
                    stroke=0,
                    fill=1,
                )


def pdf(sheets: list[Sheet] | Sheet, *, title: str = "") -> bytes:
    """One page per sheet, each at its own size."""
    sheets = [sheets] if isinstance(sheets, Sheet) else list(sheets)
    if not sheets:
        raise ValueError("a PDF needs at least one sheet")
    out = io.BytesIO()
    first = sheets[0]
    canvas = Canvas(out, pagesize=(first.width * PT_PER_MM, first.height * PT_PER_MM), invariant=1)
    canvas.setTitle(title or first.title)
    canvas.setAuthor(SITE_NAME)
    canvas.setCreator(SITE_NAME)
    for sheet in sheets:
        canvas.setPageSize((sheet.width * PT_PER_MM, sheet.height * PT_PER_MM))
        _pdf_page(canvas, sheet)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


# --- PNG ------------------------------------------------------------------------------------


def png(sheet: Sheet) -> bytes:
    """The sheet at ``PX_PER_MM`` (an A5 poster is 1240 × 1759 pixels)."""
    s = PX_PER_MM
    image = Image.new("RGB", (round(sheet.width * s), round(sheet.height * s)), WHITE)
    draw = ImageDraw.Draw(image)
    for shape in sheet.shapes:
        if isinstance(shape, Box):
            draw.rectangle(
                (
                    round(shape.x * s),
                    round(shape.y * s),
                    round((shape.x + shape.w) * s) - 1,
                    round((shape.y + shape.h) * s) - 1,
                ),
                fill=shape.fill,
            )
        elif isinstance(shape, Text):
            font = _png_font(shape.bold, shape.size * MM_PER_PT * s)
            widths = [font.getlength(t) for t, _ in shape.runs]
            x = shape.x * s - sum(widths) / 2
            for (text, colour), w in zip(shape.runs, widths, strict=True):
                draw.text((x, shape.y * s), text, font=font, fill=colour, anchor="ls")
                x += w
        elif isinstance(shape, Picture):
            size = (max(1, round(shape.w * s)), max(1, round(shape.h * s)))
            image.paste(
                shape.image.resize(size, Image.LANCZOS), (round(shape.x * s), round(shape.y * s))
            )
        elif isinstance(shape, Code):
            # whole pixels per module, so a scanner sees sharp edges
            count = len(shape.rows)
            module = max(1, int(shape.size * s) // count)
            left = round((shape.x + shape.size / 2) * s - module * count / 2)
            top = round((shape.y + shape.size / 2) * s - module * count / 2)
            draw.rectangle(
                (left, top, left + module * count - 1, top + module * count - 1), fill=WHITE
            )
            for r, c, n in _code_runs(shape.rows):
                x0, y0 = left + c * module, top + r * module
                draw.rectangle((x0, y0, x0 + n * module - 1, y0 + module - 1), fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True, dpi=(round(s * 25.4), round(s * 25.4)))
    return out.getvalue()


# --- SVG ------------------------------------------------------------------------------------


def _hex(colour: tuple) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _n(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def svg(sheet: Sheet) -> str:
    """The sheet as a standalone SVG document, millimetres as user units. Every text is
    escaped; pictures are embedded as JPEG data Pillow wrote."""
    w, h = _n(sheet.width), _n(sheet.height)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" '
        f'viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Verdana, sans-serif">',
        f"<title>{escape(sheet.title)}</title>",
        f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    for shape in sheet.shapes:
        if isinstance(shape, Box):
            parts.append(
                f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
                f'height="{_n(shape.h)}" fill="{_hex(shape.fill)}"/>'
            )
        elif isinstance(shape, Text):
            spans = "".join(
                f'<tspan fill="{_hex(colour)}">{escape(text)}</tspan>'
                for text, colour in shape.runs
            )
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(
                f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" text-anchor="middle" '
                f'font-size="{_n(shape.size * MM_PER_PT)}"{weight} xml:space="preserve">{spans}</text>'
            )
        elif isinstance(shape, Picture):
            buffer = io.BytesIO()
            shape.image.save(buffer, format="JPEG", quality=85)
            data = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
            parts.append(
                f'<image x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
                f'height="{_n(shape.h)}" href={quoteattr(data)}/>'
            )
        elif isinstance(shape, Code):
            # drawn in modules, scaled once: whole-module edges, no rounding seams
            path = "".join(f"M{c} {r}h{n}v1h-{n}z" for r, c, n in _code_runs(shape.rows))
            module = _n(shape.size / len(shape.rows))
            parts.append(
                f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.size)}" '
                f'height="{_n(shape.size)}" fill="#ffffff"/>'
                f'<path transform="translate({_n(shape.x)} {_n(shape.y)}) scale({module})" '
                f'd="{path}" fill="#000000" shape-rendering="crispEdges"/>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


def render(sheet: Sheet, fmt: str) -> tuple[bytes, str]:
    """(content, MIME type) of ``sheet`` as ``fmt`` (pdf, png or svg)."""
    if fmt == "pdf":
        return pdf(sheet), "application/pdf"
    if fmt == "png":
        return png(sheet), "image/png"
    if fmt == "svg":
        return svg(sheet).encode("utf-8"), "image/svg+xml"
    raise ValueError(f"format must be pdf, png or svg, got {fmt!r}")
