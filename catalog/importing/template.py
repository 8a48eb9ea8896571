"""The published import template, generated from the column list so it never drifts from what
the importer reads: an .xlsx with the header row and a "Hướng dẫn" (guide) sheet, and a CSV.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from oscar.core.loading import get_model

from catalog.importing.columns import COLUMNS
from core.exports import csv_writer, xlsx_append

Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

XLSX_NAME = "mau-nhap-san-pham.xlsx"
CSV_NAME = "mau-nhap-san-pham.csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
_TEXT_COLUMNS = {"sku", "group", "province", "certificate_number", "decision_number"}


def template_csv() -> bytes:
    """The header row, UTF-8 with a BOM so that Excel opens the Vietnamese correctly."""
    out = io.StringIO(newline="")
    csv_writer(out).writerow([column.header for column in COLUMNS])
    return out.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sản phẩm"
    xlsx_append(sheet, [column.header for column in COLUMNS])
    sheet.freeze_panes = "A2"
    required_fill = PatternFill("solid", fgColor="FDE9C8")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = required_fill
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        if column.key in _TEXT_COLUMNS:  # keep "00123" and "1.10" as typed
            sheet.column_dimensions[letter].number_format = "@"

    guide = workbook.create_sheet("Hướng dẫn")
    xlsx_append(guide, ["Cột", "Bắt buộc", "Cách điền", "Ví dụ"])
    for column in COLUMNS:
        xlsx_append(
            guide, [column.header, "Có" if column.required else "", column.guide, column.example]
        )
    xlsx_append(guide, [])
    xlsx_append(
        guide,
        [
            'Dòng 1 của trang "Sản phẩm" là tiêu đề cột: giữ nguyên. Mỗi dòng tiếp theo '
            "là một sản phẩm. Nếu có lỗi, không sản phẩm nào được nhập; hệ thống báo từng "
            "dòng, từng cột cần sửa."
        ],
    )
    xlsx_append(guide, [])
    xlsx_append(guide, ["Mã nhóm OCOP", "Tên nhóm"])
    codes_start = guide.max_row + 1
    for code, name in (
        Category.objects.exclude(ocop_code="").order_by("path").values_list("ocop_code", "name")
    ):
        xlsx_append(guide, [code, name])
    codes_end = guide.max_row
    xlsx_append(guide, [])
    xlsx_append(guide, ["Mã tỉnh", "Tỉnh, thành phố"])
    provinces_start = guide.max_row + 1
    for code, name in Province.objects.order_by("code").values_list("code", "name"):
        xlsx_append(guide, [code, name])
    provinces_end = guide.max_row
    for row in guide.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str) and cell.value.isdigit():
                cell.number_format = "@"
    for row_number in (1, codes_start - 1, provinces_start - 1):
        for cell in guide[row_number]:
            cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (26, 18, 70, 34), strict=True):
        guide.column_dimensions[letter].width = width

    # Drop-down lists from the guide sheet for the two reference columns.
    for key, start, end in (
        ("group", codes_start, codes_end),
        ("province", provinces_start, provinces_end),
    ):
        if end < start:
            continue
        column = "A" if key == "group" else "B"
        validation = DataValidation(
            type="list",
            allow_blank=True,
            showErrorMessage=False,
            formula1=f"'Hướng dẫn'!${column}${start}:${column}${end}",
        )
        letter = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        validation.add(f"{letter}2:{letter}20001")
        sheet.add_data_validation(validation)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
