"""The union report as tables, and as the files an officer hands in: an XLSX workbook (a sheet
per section, Vietnamese headers, numbers stored as numbers) and a printable A4 PDF (the unit,
the period, the date of issue; in the officer's language).

``report_sections`` is the one description of the tables: the page, the workbook and the PDF
all show these, so a figure cannot differ between them. Cells are numbers (int; Decimal for
money in VND; float for a share in per cent), None for "no previous value", or text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from catalog.models import Marketplace
from core.charts import format_value
from core.exports import xlsx_append
from startups.models import Lead
from startups.posters import font_path
from startups.selectors.union_report import (
    LEAD_ROLES,
    NOW_METRICS,
    PAYMENTS,
    SELLER_KINDS,
    STARS,
    VIETNAM,
    UnitReport,
    cashless_share,
)

MONEY = frozenset({"revenue", "expo_revenue", *(f"revenue_{m}" for m in PAYMENTS)})

LABELS = {
    "sellers_approved": gettext_lazy("Sellers approved"),
    "sellers_startup": gettext_lazy("of which youth startups"),
    "sellers_cooperative": gettext_lazy("of which cooperatives"),
    "sellers_household": gettext_lazy("of which household businesses"),
    "sellers_self": gettext_lazy("Registered by the producer"),
    "sellers_on_behalf": gettext_lazy("Set up by an officer for the producer"),
    "sellers_handed_over": gettext_lazy("Shops handed over to the producer"),
    "products_new": gettext_lazy("New products online"),
    "products_public": gettext_lazy("Products online (today)"),
    "products_ocop": gettext_lazy("OCOP-certified products (today)"),
    "ocop_lapsing": gettext_lazy("Certificates lapsing within 90 days"),
    "products_linked": gettext_lazy("Products with marketplace links (today)"),
    "clicks": gettext_lazy("Marketplace clicks"),
    "startups_new": gettext_lazy("New startup profiles"),
    "startups_total": gettext_lazy("Startup profiles (today)"),
    "startups_verified": gettext_lazy("Startups verified"),
    "startups_verified_total": gettext_lazy("Verified startups (today)"),
    "youth_teams": gettext_lazy("Youth teams (today)"),
    "pitches_published": gettext_lazy("Pitches published"),
    "interest": gettext_lazy("Interest received"),
    "followers": gettext_lazy("New followers"),
    "expos_held": gettext_lazy("Expos held"),
    "expo_visitors": gettext_lazy("Expo visitors"),
    "expo_booths": gettext_lazy("Booths"),
    "expo_leads": gettext_lazy("Leads at booths"),
    "expo_leads_followed": gettext_lazy("Leads followed up"),
    "expo_orders": gettext_lazy("Orders attributed to expos"),
    "expo_revenue": gettext_lazy("Revenue attributed to expos (VND)"),
    "orders": gettext_lazy("Orders"),
    "revenue": gettext_lazy("Revenue (VND)"),
    "cashless": gettext_lazy("Share of revenue paid without cash (%)"),
}
KIND_LABELS = {
    "startup": gettext_lazy("of which youth startups"),
    "cooperative": gettext_lazy("of which cooperatives"),
    "household": gettext_lazy("of which household businesses"),
}
PAYMENT_LABELS = {
    "vietqr": gettext_lazy("Bank transfer (VietQR)"),
    "card": gettext_lazy("Card"),
    "cod": pgettext_lazy("payment method of an order part", "Cash on delivery"),
}

SECTIONS = {
    "sellers": pgettext_lazy("union report", "Sellers"),
    "products": pgettext_lazy("union report", "Products"),
    "startups": pgettext_lazy("union report", "Startups"),
    "expos": pgettext_lazy("union report", "Expos"),
    "orders": pgettext_lazy("union report", "Orders"),
    "provinces": pgettext_lazy("union report", "By buyer's province"),
    "units": pgettext_lazy("union report", "Units below"),
}

# the sub-unit table: its columns, the report's main figures
UNIT_COLUMNS = (
    "sellers_approved",
    "products_new",
    "products_public",
    "startups_total",
    "pitches_published",
    "interest",
    "expos_held",
    "expo_visitors",
    "orders",
    "revenue",
)


@dataclass
class Section:
    key: str
    title: str
    headers: list
    rows: list  # lists of cells
    links: list | None = None  # a unit id per row (the units table)
    metrics: list | None = None  # the figure's key per row (the figure sections)


def _dates(start, end) -> str:
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"


def period_label(report: UnitReport) -> str:
    return _dates(report.period.start, report.period.end)


def previous_label(report: UnitReport) -> str:
    return _dates(report.period.previous_start, report.period.previous_end)


def _figure_rows(report: UnitReport, metrics) -> list:
    rows = []
    for metric, label in metrics:
        now = report.current.get(metric, 0)
        if metric in NOW_METRICS:
            rows.append([str(label), now, None, None])
            continue
        before = report.previous.get(metric, 0)
        rows.append([str(label), now, before, now - before])
    return rows


def report_sections(report: UnitReport) -> list[Section]:
    """The report's tables in the active language."""
    headers = [
        _("Figure"),
        _("This period (%(dates)s)") % {"dates": period_label(report)},
        _("Previous period (%(dates)s)") % {"dates": previous_label(report)},
        _("Change"),
    ]
    label = LABELS.__getitem__
    sellers = [("sellers_approved", label("sellers_approved"))]
    sellers += [(f"sellers_{k}", KIND_LABELS[k]) for k in SELLER_KINDS]
    sellers += [(m, label(m)) for m in ("sellers_self", "sellers_on_behalf", "sellers_handed_over")]
    products = [(m, label(m)) for m in ("products_new", "products_public", "products_ocop")]
    products += [
        (f"ocop_{s}", _("%(stars)s-star OCOP products (today)") % {"stars": s}) for s in STARS
    ]
    products += [(m, label(m)) for m in ("ocop_lapsing", "products_linked", "clicks")]
    products += [
        (f"clicks_{value}", _("Clicks to %(marketplace)s") % {"marketplace": name})
        for value, name in Marketplace.choices
    ]
    startups = [
        (m, label(m))
        for m in (
            "startups_new",
            "startups_total",
            "startups_verified",
            "startups_verified_total",
            "youth_teams",
            "pitches_published",
            "interest",
        )
    ]
    startups += [
        (f"interest_{role}", _("Interest from: %(kind)s") % {"kind": Lead.Role(role).label})
        for role in LEAD_ROLES
    ]
    startups += [("followers", label("followers"))]
    expos = [
        (m, label(m))
        for m in (
            "expos_held",
            "expo_visitors",
            "expo_booths",
            "expo_leads",
            "expo_leads_followed",
            "expo_orders",
            "expo_revenue",
        )
    ]
    orders = [("orders", label("orders")), ("revenue", label("revenue"))]
    for method in PAYMENTS:
        orders.append(
            (
                f"orders_{method}",
                _("Orders paid by %(method)s") % {"method": PAYMENT_LABELS[method]},
            )
        )
        orders.append(
            (
                f"revenue_{method}",
                _("Revenue paid by %(method)s (VND)") % {"method": PAYMENT_LABELS[method]},
            )
        )
    order_rows = _figure_rows(report, orders)
    now, before = cashless_share(report.current), cashless_share(report.previous)
    order_rows.append([str(label("cashless")), now, before, round(now - before, 1)])

    sections = [
        Section(
            "sellers",
            str(SECTIONS["sellers"]),
            headers,
            _figure_rows(report, sellers),
            metrics=[m for m, _l in sellers],
        ),
        Section(
            "products",
            str(SECTIONS["products"]),
            headers,
            _figure_rows(report, products),
            metrics=[m for m, _l in products],
        ),
        Section(
            "startups",
            str(SECTIONS["startups"]),
            headers,
            _figure_rows(report, startups),
            metrics=[m for m, _l in startups],
        ),
        Section(
            "expos",
            str(SECTIONS["expos"]),
            headers,
            _figure_rows(report, expos),
            metrics=[m for m, _l in expos],
        ),
        Section(
            "orders",
            str(SECTIONS["orders"]),
            headers,
            order_rows,
            metrics=[*(m for m, _l in orders), "cashless"],
        ),
        Section(
            "provinces",
            str(SECTIONS["provinces"]),
            [_("Buyer's province or city"), label("orders"), label("revenue")],
            [[name or _("Not given"), n, goods] for name, n, goods in report.provinces],
        ),
    ]
    if report.rows:
        sections.append(
            Section(
                "units",
                str(SECTIONS["units"]),
                [_("Unit"), *(str(label(m)) for m in UNIT_COLUMNS), str(label("cashless"))],
                [
                    [
                        _("%(unit)s (its own records)") % {"unit": row.unit.name}
                        if row.own
                        else row.unit.name,
                        *(row.current.get(m, 0) for m in UNIT_COLUMNS),
                        cashless_share(row.current),
                    ]
                    for row in report.rows
                ],
                links=[None if row.own else row.unit.pk for row in report.rows],
            )
        )
    for section in sections:
        section.headers = [str(h) for h in section.headers]
    return sections


def display(value, *, money: bool = False) -> str:
    """A cell as the page and the PDF show it."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return format_value(value) + " %"
    return format_value(value, money=money or isinstance(value, Decimal))


def display_rows(section: Section) -> list[list[str]]:
    return [[display(cell) for cell in row] for row in section.rows]


# --- the files ----------------------------------------------------------------------------


def _cell(value):
    if isinstance(value, Decimal):
        return int(value)
    return value


def report_xlsx(report: UnitReport) -> bytes:
    """The workbook, always in Vietnamese (what the union hands on): a first sheet with the
    unit, the period and the date of issue, then a sheet per section."""
    with translation.override("vi"):
        sections = report_sections(report)
        workbook = Workbook()
        cover = workbook.active
        cover.title = _("Report")[:31]
        for row in _cover_lines(report):
            xlsx_append(cover, row)
        cover["A1"].font = Font(bold=True, size=14)
        cover.column_dimensions["A"].width = 28
        cover.column_dimensions["B"].width = 48
        for section in sections:
            sheet = workbook.create_sheet(section.title[:31])
            xlsx_append(sheet, section.headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in section.rows:
                xlsx_append(sheet, [_cell(value) for value in row])
            sheet.column_dimensions["A"].width = 48
            for letter in "BCDEFGHIJKL":
                sheet.column_dimensions[letter].width = 18
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _cover_lines(report: UnitReport) -> list[list]:
    issued = report.as_of.astimezone(VIETNAM)
    return [
        [_("Youth union report")],
        [_("Unit"), report.unit.name],
        [_("Period"), period_label(report)],
        [_("Compared with"), previous_label(report)],
        [
            _("Issued on"),
            date_format(issued, "SHORT_DATETIME_FORMAT"),
        ],
        [
            _("Figures marked (today)"),
            _("are counted on the day of issue; the others within the period."),
        ],
    ]


@dataclass(frozen=True)
class _Fonts:
    regular: str
    bold: str


def _fonts() -> _Fonts:
    names = _Fonts("UnionReportSans", "UnionReportSans-Bold")
    registered = pdfmetrics.getRegisteredFontNames()
    if names.regular not in registered:
        pdfmetrics.registerFont(TTFont(names.regular, font_path(False)))
        pdfmetrics.registerFont(TTFont(names.bold, font_path(True)))
    return names


def report_pdf(report: UnitReport) -> bytes:
    """A printable A4 (landscape) report in the active language: heading, unit, period and date of
    issue, then every section as a table (numbers as on the page)."""
    fonts = _fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=15, leading=19)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=fonts.bold, fontSize=11, leading=15, spaceBefore=8
    )
    cellstyle = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    story = [Paragraph(_("Youth union report"), title), Spacer(1, 2 * mm)]
    for line in _cover_lines(report)[1:5]:
        story.append(Paragraph(f"<b>{_esc(line[0])}:</b> {_esc(line[1])}", body))
    story.append(
        Paragraph(
            _esc(
                _(
                    "Figures marked (today) are counted on the day of issue; the others "
                    "within the period. Orders: each seller's part of an order, cancelled "
                    "ones left out; revenue: the goods, without delivery."
                )
            ),
            body,
        )
    )
    page = landscape(A4)  # the units table has a dozen columns
    width = page[0] - 30 * mm
    for section in report_sections(report):
        story.append(Paragraph(_esc(section.title), heading))
        cells = [[Paragraph(_esc(h), cellstyle) for h in section.headers]]
        for row in display_rows(section):
            # numbers never wrap: plain strings, right-aligned
            cells.append([Paragraph(_esc(row[0]), cellstyle), *row[1:]])
        if len(cells) == 1:
            cells.append(
                [Paragraph(_esc(_("Nothing yet.")), cellstyle)] + [""] * (len(section.headers) - 1)
            )
        table = Table(cells, colWidths=_widths(cells, width, fonts.regular), repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#adb5bd")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{_('Youth union report')}: {report.unit.name}",
        author=report.unit.name,
    )
    document.build(story)
    return buffer.getvalue()


def _widths(cells: list[list], width: float, font: str) -> list[float]:
    """Column widths for a section's table: the figures' columns share the room evenly but
    are never narrower than their widest number (numbers do not wrap); the first column,
    whose names wrap, takes what is left."""
    columns = len(cells[0])
    first = width * (0.4 if columns <= 4 else 0.19)
    even = (width - first) / max(columns - 1, 1)
    padding = 14  # the table's default cell padding (6 pt each side) and a little air
    need = [
        max(
            (
                pdfmetrics.stringWidth(row[i], font, 8)
                for row in cells[1:]
                if isinstance(row[i], str)
            ),
            default=0,
        )
        + padding
        for i in range(1, columns)
    ]
    figures = [max(even, n) for n in need]
    return [max(width - sum(figures), width * 0.12), *figures]


def _esc(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
