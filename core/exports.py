"""Every CSV and XLSX the project writes goes through here.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some
programs, a tab or carriage return) as a formula: a buyer named ``=HYPERLINK(...)`` became a
live link in a seller's export. ``safe_cell`` puts a single quote before such text, which
spreadsheets show as plain text; numbers, dates and empty cells are left as they are.

- CSV: ``csv_writer(file)`` (UTF-8 with a BOM so Excel reads Vietnamese, CRLF rows).
- XLSX: ``xlsx_append(sheet, row)`` instead of ``sheet.append(row)``: such texts are stored
  as text cells, which a spreadsheet never evaluates (openpyxl would store a text starting
  with ``=`` as a formula); the value stays as written, without a visible quote.
- Oscar's own CSVs (the staff order list, the reports) write through its ``UnicodeCSVWriter``;
  ``neutralise_oscar_csv()`` (called once at start-up by ``shop.dashboard``) makes that
  class write safe rows too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


class SafeCSVWriter:
    """``csv.writer`` whose rows are neutralised."""

    def __init__(self, file, *, bom: bool = True, **kwargs):
        kwargs.setdefault("lineterminator", "\r\n")
        if bom:
            file.write("\ufeff")
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, values: Iterable):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows: Iterable[Iterable]):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs) -> SafeCSVWriter:
    return SafeCSVWriter(file, **kwargs)


def xlsx_append(sheet, values: Iterable) -> None:
    """``sheet.append`` with every text that could start a formula stored as a text cell.

    In a workbook a text cell is never evaluated, whatever it starts with; only openpyxl turns
    a text starting with ``=`` into a formula cell. Typing it back as text keeps the value
    exactly as written (no quote shows in the cell) and inert.
    """
    values = list(values)
    sheet.append(values)
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"


def neutralise_oscar_csv() -> None:
    """Make Oscar's ``UnicodeCSVWriter`` (every CSV of Oscar's dashboard) write safe rows."""
    from oscar.core.compat import UnicodeCSVWriter  # Oscar's compat module needs the app registry

    if getattr(UnicodeCSVWriter, "_safe_cells", False):
        return
    write_one = UnicodeCSVWriter.writerow

    def writerow(self, row):
        return write_one(self, safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    UnicodeCSVWriter.writerow = writerow
    UnicodeCSVWriter.writerows = writerows
    UnicodeCSVWriter._safe_cells = True
