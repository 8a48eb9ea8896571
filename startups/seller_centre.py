"""The seller centre as tables and charts, and as the workbook the seller downloads (a sheet
per section, Vietnamese headers, numbers stored as numbers).

``centre_sections`` is the one description of the tables: the page and the workbook both show
them, so a figure cannot differ between the two. Cells are numbers (int; Decimal for money in
VND; float for a share in per cent), dates, or text. ``centre_charts`` draws the same numbers.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from core.charts import breakdown, format_value, trend
from core.exports import xlsx_append
from startups.models import Lead
from startups.selectors.seller_centre import VIETNAM, SellerCentre

PRODUCTS_CHART_MAX = 10

TASK_LABELS = {
    "parts_to_confirm": gettext_lazy("Orders to confirm"),
    "parcels_to_ship": gettext_lazy("Parcels to ship"),
    "transfers_to_confirm": gettext_lazy("Bank transfers to confirm"),
    "low_stock": gettext_lazy("Running out of stock"),
    "ocop_lapsing": gettext_lazy("OCOP certificates lapsing within 90 days"),
    "products_sent_back": gettext_lazy("Products sent back by the reviewer"),
    "new_leads": gettext_lazy("New interest to answer"),
    "pitch_questions": gettext_lazy("Questions on your pitches to answer"),
    "booth_questions": gettext_lazy("Questions at your booths to answer"),
    "pitches_sent_back": gettext_lazy("Pitches sent back for changes"),
}
PAYMENT_LABELS = {
    "cod": pgettext_lazy("payment method of an order part", "Cash on delivery"),
    "vietqr": gettext_lazy("Bank transfer (VietQR)"),
    "card": gettext_lazy("Card"),
}
QR_LABELS = {
    "product": pgettext_lazy("QR poster of", "Products"),
    "startup": pgettext_lazy("QR poster of", "Startup page"),
    "pitch": pgettext_lazy("QR poster of", "Pitches"),
    "booth": pgettext_lazy("QR poster of", "Expo booths"),
}
SOURCE_LABELS = dict(Lead.Source.choices)


@dataclass
class Section:
    key: str
    title: str
    headers: list
    rows: list  # lists of cells


def period_label(centre: SellerCentre) -> str:
    period = centre.period
    return (
        f"{date_format(period.start, 'SHORT_DATE_FORMAT')} – "
        f"{date_format(period.end, 'SHORT_DATE_FORMAT')}"
    )


def slot_label(centre: SellerCentre, slot: datetime.date) -> str:
    return date_format(slot, "m/Y" if centre.period.monthly else "d/m")


def summary_rows(centre: SellerCentre) -> list[tuple[str, str, object]]:
    """(key, label, value) of the headline figures."""
    sales, community = centre.sales, centre.community
    rows = [
        ("revenue", _("Revenue (VND)"), sales.revenue),
        ("orders", _("Orders"), sales.orders),
        ("items", _("Items sold"), sales.items),
        ("cancelled", _("Orders cancelled"), sales.cancelled),
        ("cashless", _("Share of revenue paid without cash (%)"), sales.cashless_share),
        ("clicks", _("Marketplace clicks"), centre.clicks.total),
        ("qr", _("QR visits"), centre.qr.total),
    ]
    if community is not None:
        rows += [
            ("followers", _("Followers (today)"), community.followers),
            ("new_followers", _("New followers"), community.new_followers),
            ("new_interest", _("Interest received"), community.new_interest),
            ("interest", _("Interest so far"), community.interest),
        ]
    return rows


def centre_sections(centre: SellerCentre) -> list[Section]:
    """The centre's tables in the active language."""
    sales = centre.sales
    per = _("Month") if centre.period.monthly else _("Day")
    sections = [
        Section(
            "summary",
            pgettext("seller centre", "Overview"),
            [_("Figure"), _("This period (%(dates)s)") % {"dates": period_label(centre)}],
            [[label, value] for _key, label, value in summary_rows(centre)],
        ),
        Section(
            "tasks",
            _("To do"),
            [_("Task"), _("Number")],
            [[str(TASK_LABELS[t.key]), t.count] for t in centre.tasks],
        ),
        Section(
            "days",
            _("Sales per month") if centre.period.monthly else _("Sales per day"),
            [per, _("Orders"), _("Items sold"), _("Revenue (VND)")],
            [[slot, orders, items, revenue] for slot, orders, items, revenue in sales.per_slot],
        ),
        Section(
            "products",
            _("Sales per product"),
            [_("Product"), _("Orders"), _("Items sold"), _("Revenue (VND)")],
            [[p.title, p.orders, p.items, p.revenue] for p in sales.products],
        ),
        Section(
            "payments",
            _("Payment methods"),
            [_("Payment method"), _("Orders"), _("Revenue (VND)")],
            [
                [str(PAYMENT_LABELS.get(m, m)), v["orders"], v["revenue"]]
                for m, v in sales.payments.items()
            ],
        ),
        Section(
            "clicks",
            _("Marketplace clicks"),
            [_("Marketplace"), _("Clicks")],
            [[str(label), n] for _code, label, n in centre.clicks.by_marketplace],
        ),
        Section(
            "clicks_products",
            _("Marketplace clicks per product"),
            [_("Product"), _("Clicks")],
            [[title, n] for _pk, title, n in centre.clicks.products],
        ),
        Section(
            "qr",
            _("QR visits"),
            [_("Poster of"), _("Visits")],
            [[str(QR_LABELS[kind]), n] for kind, n in centre.qr.by_kind.items()],
        ),
        Section(
            "qr_products",
            _("QR visits per product"),
            [_("Product"), _("Visits")],
            [[title, n] for _pk, title, n in centre.qr.products],
        ),
    ]
    community = centre.community
    if community is not None:
        sections += [
            Section(
                "interest",
                _("Interest received"),
                [_("Interested as"), _("Interest")],
                [[str(Lead.Role(role).label), n] for role, n in community.by_role.items()],
            ),
            Section(
                "pitches",
                _("Interest per pitch"),
                [_("Pitch"), _("Interest")],
                [[title, n] for _pk, title, n in community.by_pitch],
            ),
        ]
    if centre.booths:
        sections.append(
            Section(
                "booths",
                _("Expo booths"),
                [
                    _("Expo"),
                    _("Hall"),
                    _("Visitors"),
                    _("Booth visits"),
                    _("Leads"),
                    _("Questions"),
                    _("Orders"),
                    _("Revenue (VND)"),
                ],
                [
                    [
                        b.booth.expo.title,
                        b.booth.hall.name if b.booth.hall else "",
                        b.visitors,
                        b.booth_visits,
                        b.leads,
                        b.questions,
                        b.orders,
                        b.revenue,
                    ]
                    for b in centre.booths
                ],
            )
        )
    return sections


def display(value, centre: SellerCentre | None = None) -> str:
    """A cell as the page shows it: VND, grouped numbers, a share with its %, a day."""
    if isinstance(value, Decimal):
        return format_value(value, money=True)
    if isinstance(value, float):
        return f"{format_value(Decimal(str(value)))} %"
    if isinstance(value, int):
        return format_value(value)
    if isinstance(value, datetime.date):
        return slot_label(centre, value) if centre else date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def display_rows(section: Section, centre: SellerCentre) -> list[list[str]]:
    return [[display(cell, centre) for cell in row] for row in section.rows]


def centre_charts(centre: SellerCentre) -> dict:
    """The charts, by key: the same numbers as the tables (a breakdown leaves out its zeros,
    which its table under the chart, and the section's table, still list)."""
    sales = centre.sales
    per = _("Month") if centre.period.monthly else _("Day")
    days = [(slot_label(centre, slot), row) for slot, *row in sales.per_slot]
    charts = {
        "revenue": trend(
            [(label, row[2]) for label, row in days],
            title=_("Revenue per month") if centre.period.monthly else _("Revenue per day"),
            label_header=per,
            value_header=_("Revenue"),
            money=True,
        ),
        "orders": trend(
            [(label, row[0]) for label, row in days],
            title=_("Orders per month") if centre.period.monthly else _("Orders per day"),
            label_header=per,
            value_header=_("Orders"),
        ),
        "products": breakdown(
            [(p.title, p.revenue) for p in sales.products[:PRODUCTS_CHART_MAX]],
            title=_("Best-selling products"),
            label_header=_("Product"),
            value_header=_("Revenue"),
            money=True,
        ),
        "payments": breakdown(
            [
                (str(PAYMENT_LABELS.get(m, m)), v["revenue"])
                for m, v in sales.payments.items()
                if v["revenue"]
            ],
            title=_("Revenue by payment method"),
            label_header=_("Payment method"),
            value_header=_("Revenue"),
            money=True,
        ),
        "clicks": breakdown(
            [(str(label), n) for _code, label, n in centre.clicks.by_marketplace if n],
            title=_("Marketplace clicks by marketplace"),
            label_header=_("Marketplace"),
            value_header=_("Clicks"),
        ),
        "qr": breakdown(
            [(str(QR_LABELS[kind]), n) for kind, n in centre.qr.by_kind.items() if n],
            title=_("QR visits by poster"),
            label_header=_("Poster of"),
            value_header=_("Visits"),
        ),
    }
    if centre.community is not None:
        charts["interest"] = breakdown(
            sorted(
                ((str(Lead.Role(r).label), n) for r, n in centre.community.by_role.items() if n),
                key=lambda item: -item[1],
            ),
            title=_("Interest received by kind"),
            label_header=_("Interested as"),
            value_header=_("Interest"),
        )
    return charts


def centre_xlsx(centre: SellerCentre) -> bytes:
    """The workbook, always in Vietnamese: a first sheet with the seller, the period and the
    time it was made, then a sheet per section. Money in VND as whole numbers, days as dates."""
    with translation.override("vi"):
        workbook = Workbook()
        cover = workbook.active
        cover.title = _("Seller centre")[:31]
        issued = centre.as_of.astimezone(VIETNAM)
        for row in (
            [_("Seller centre")],
            [_("Seller"), ", ".join(p.name for p in centre.scope.partners)],
            [_("Period"), period_label(centre)],
            [_("Made on"), date_format(issued, "SHORT_DATETIME_FORMAT")],
            [_("Sales: your own goods in orders placed in the period, cancelled ones left out.")],
        ):
            xlsx_append(cover, row)
        cover["A1"].font = Font(bold=True, size=14)
        cover.column_dimensions["A"].width = 28
        cover.column_dimensions["B"].width = 48
        used = {cover.title}
        for section in centre_sections(centre):
            title = _sheet_title(section.title, used)
            sheet = workbook.create_sheet(title)
            xlsx_append(sheet, section.headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in section.rows:
                xlsx_append(sheet, [_cell(value) for value in row])
                for cell, value in zip(sheet[sheet.max_row], row, strict=True):
                    if isinstance(value, datetime.date):
                        cell.number_format = "MM/YYYY" if centre.period.monthly else "DD/MM/YYYY"
                    elif isinstance(value, Decimal):
                        cell.number_format = "#,##0"
            sheet.column_dimensions["A"].width = 44
            for letter in "BCDEFGH":
                sheet.column_dimensions[letter].width = 16
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str, used: set) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()[:31] or "Sheet"
    name, n = clean, 2
    while name in used:
        name = f"{clean[:28]} {n}"
        n += 1
    used.add(name)
    return name


def _cell(value):
    if isinstance(value, Decimal):
        return int(value) if value == int(value) else float(value)
    return value
