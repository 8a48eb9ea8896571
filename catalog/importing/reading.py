"""Turn an uploaded file into rows of cells, deciding what it is by its content, not its name.

An .xlsx file is a zip whose ``[Content_Types].xml`` declares a spreadsheet; anything else must
be UTF-8 text without NUL or other control bytes to be read as CSV. Size, row count and the
unpacked size of a zip are bounded before any parsing, so a zip bomb or a renamed picture is
refused with a message instead of filling memory. Nothing is written to disk.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all members of an .xlsx together, once unzipped
MAX_COLUMNS = 100

_XLSX_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"BM",
    b"RIFF",
    b"\x00\x00\x01\x00",
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an encrypted .xlsx
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FileRefused(Exception):
    """The file as a whole cannot be read; ``message`` is in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The first non-blank row is the header; ``rows`` keep the row numbers a user sees."""

    header_row: int = 0
    header: list = field(default_factory=list)
    rows: list[tuple[int, list]] = field(default_factory=list)


def read_upload(file) -> bytes:
    """The file's bytes, refusing it early when it is over the size limit."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise FileRefused(_too_big())
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRefused(_too_big())
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    return data


def read_table(data: bytes) -> Table:
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(_OLE2):
        raise FileRefused(
            _(
                "This is an old Excel (.xls) or password-protected file. Save it as "
                "an Excel workbook (.xlsx) without a password and try again."
            )
        )
    if data.startswith(_BINARY_SIGNATURES) or data.startswith(b"PK"):
        raise FileRefused(_not_a_table())
    return _read_csv(data)


def _too_big() -> str:
    return _("The file is larger than 5 MB. Split it into smaller files.")


def _not_a_table() -> str:
    return _("This file is not a CSV or Excel (.xlsx) file. Download the template and fill it in.")


def _too_many_rows() -> str:
    return _("The file has more than 20,000 product rows. Split it into smaller files.")


def _collect(rows) -> Table:
    """Rows as (number, cells), with trailing empty cells and blank rows dropped."""
    table = Table()
    for number, cells in rows:
        cells = list(cells[:MAX_COLUMNS])
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if not table.header_row:
            table.header_row, table.header = number, cells
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileRefused(_too_many_rows())
        table.rows.append((number, cells))
    return table


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data:
        raise FileRefused(_not_a_table())
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                'The CSV file is not in UTF-8. In Excel choose "CSV UTF-8" when '
                "saving, or upload the .xlsx file."
            )
        ) from None
    if _CONTROL.search(text):
        raise FileRefused(_not_a_table())
    if text.lstrip().startswith("<"):
        raise FileRefused(_("This is a web page or XML document, not a CSV file."))
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((";", "\t", ","), key=first_line.count) if first_line else ","
    if not first_line.count(delimiter):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect(enumerate(reader, start=1))
    except csv.Error:
        raise FileRefused(_("The CSV file is damaged: a quote or a cell is not closed.")) from None


def _read_xlsx(data: bytes) -> Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        content_types = archive.getinfo("[Content_Types].xml")
        if content_types.file_size > 1024 * 1024:
            raise FileRefused(_not_a_table())
        declared = archive.read(content_types)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        raise FileRefused(_not_a_table()) from None
    if not any(kind in declared for kind in _XLSX_TYPES):
        raise FileRefused(_not_a_table())
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise FileRefused(
            _("The Excel file unpacks to more than 100 MB. Split it into smaller files.")
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileRefused:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (XML, zip, key, value) on bad files
        raise FileRefused(
            _(
                "The Excel file could not be read. Open it in Excel, save it again "
                "as .xlsx and retry."
            )
        ) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(_not_a_table())
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers record wrong dimensions: read every row
        rows = sheet.iter_rows(values_only=True)
        try:
            return _collect(enumerate(rows, start=1))
        except FileRefused:
            raise
        except Exception:  # noqa: BLE001 - the same, for rows read lazily
            raise FileRefused(
                _(
                    "The Excel file could not be read. Open it in Excel, save it "
                    "again as .xlsx and retry."
                )
            ) from None
    finally:
        workbook.close()
