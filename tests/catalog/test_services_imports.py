"""Bulk import (catalog.importing): good files create then update; any bad row or bad file
writes nothing and says where, in Vietnamese."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from oscar.core.loading import get_model

from catalog.importing import COLUMNS, reading
from catalog.importing import parsing as cells
from catalog.services.imports import products_import
from core.text import fold_vietnamese

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
HEADER = [column.header for column in COLUMNS]


def good_row(sku="CF-001", **changes):
    row = {
        "Mã SKU": sku,
        "Tên sản phẩm": f"Cà phê Robusta rang mộc {sku}",
        "Mô tả": "Rang mộc.",
        "Nhóm OCOP": "1.9",
        "Tỉnh/thành phố xuất xứ": "Đắk Lắk",
        "Nơi sản xuất": "Xã Ea Tu",
        "Giá (VND)": "185.000",
        "Tồn kho": "10",
        "Số sao OCOP": "4",
        "Số giấy chứng nhận": f"66-2025-OCOP-{sku}",
        "Cơ quan cấp": "UBND tỉnh Đắk Lắk",
        "Số quyết định": "12/QĐ-UBND",
        "Ngày quyết định": "01/03/2025",
        "Hiệu lực từ": "01/03/2025",
        "Hiệu lực đến": "2028-02-29",
    }
    row.update(changes)
    return row


def csv_file(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    names = [name if name in HEADER else HEADER[index] for index, name in enumerate(header)]
    writer.writerows([row.get(name, "") for name in names] for row in rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_file(rows) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append([row.get(name) for name in HEADER])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def counts():
    return Product.objects.count(), StockRecord.objects.count()


@pytest.mark.django_db
def test_good_csv_creates_then_reimport_updates_without_duplicates(seller):
    rows = [good_row("CF-001"), good_row("CF-002", **{"Nhóm OCOP": "1.4"}), good_row("CF-003")]
    report = products_import(partner=seller, file=csv_file(rows))
    assert (report.ok, report.created, report.updated, report.errors) == (True, 3, 0, [])
    record = StockRecord.objects.select_related("product").get(partner=seller, partner_sku="CF-002")
    product = record.product
    assert (record.price, record.price_currency, record.num_in_stock) == (
        Decimal(185000),
        "VND",
        10,
    )
    assert [c.ocop_code for c in product.categories.all()] == ["1.4"]
    assert (product.origin_province.code, product.ocop_stars) == ("66", 4)
    assert product.ocop_valid_until == datetime.date(2028, 2, 29)
    assert product.moderation_status == "submitted" and product.slug

    rows[1]["Giá (VND)"] = "199,000"
    rows[1]["Nhóm OCOP"] = "1.9"
    report = products_import(partner=seller, file=csv_file(rows))
    assert (report.ok, report.created, report.updated) == (True, 0, 3)
    assert counts() == (3, 3)
    record.refresh_from_db()
    assert record.price == Decimal(199000)
    assert [c.ocop_code for c in record.product.categories.all()] == ["1.9"]


@pytest.mark.django_db
def test_staff_import_approves_and_reports_progress(seller):
    calls = []
    report = products_import(
        partner=seller,
        file=csv_file([good_row()]),
        approve=True,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert report.ok and Product.objects.get().moderation_status == "approved"
    assert calls[-1] == (1, 1)


@pytest.mark.django_db
def test_xlsx_with_number_and_date_cells(seller):
    row = good_row(
        **{
            "Mã SKU": 1001,
            "Giá (VND)": 185000,
            "Tồn kho": 12.0,
            "Số sao OCOP": 5,
            "Nhóm OCOP": 1.9,
            "Tỉnh/thành phố xuất xứ": 66,
            "Hiệu lực từ": datetime.datetime(2025, 3, 1),
            "Hiệu lực đến": datetime.date(2028, 2, 29),
        }
    )
    report = products_import(partner=seller, file=xlsx_file([row]), filename="ban.xlsx")
    assert report.ok, report.errors
    record = StockRecord.objects.select_related("product").get()
    assert (record.partner_sku, record.price, record.num_in_stock) == ("1001", 185000, 12)
    assert record.product.ocop_valid_from == datetime.date(2025, 3, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Mã SKU", "", "bắt buộc"),
        ("Tên sản phẩm", "x" * 256, "Tối đa 255 ký tự"),
        ("Nhóm OCOP", "9.9", "Không có mã nhóm OCOP"),
        ("Tỉnh/thành phố xuất xứ", "Sài Gòn", "Không có tỉnh, thành phố"),
        ("Giá (VND)", "185000.5", "không có phần thập phân"),
        ("Giá (VND)", "-185000", "Giá phải từ 1.000"),
        ("Giá (VND)", "một trăm", "Nhập một số nguyên"),
        ("Giá (VND)", "500", "Giá phải từ 1.000"),
        ("Tồn kho", "1000001", "Tồn kho phải là số nguyên"),
        ("Tồn kho", "mười", "Tồn kho phải là số nguyên"),
        ("Số sao OCOP", "6", "3, 4 hoặc 5"),
        ("Số giấy chứng nhận", "", "cần có số giấy chứng nhận"),
        ("Hiệu lực đến", "01/01/2025", "phải sau ngày bắt đầu"),
        ("Hiệu lực từ", "31/02/2025", "không có thật"),
        ("Ngày quyết định", "tháng 3", "dd/mm/yyyy"),
    ],
)
def test_bad_row_among_good_ones_writes_nothing(seller, product, column, value, message):
    before = counts()
    rows = [good_row("CF-001"), good_row("CF-002", **{column: value}), good_row("CF-003")]
    report = products_import(partner=seller, file=csv_file(rows))
    assert not report.ok and (report.created, report.updated) == (0, 0)
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert counts() == before


@pytest.mark.django_db
def test_duplicate_sku_is_an_error_on_the_second_occurrence(seller):
    report = products_import(
        partner=seller, file=csv_file([good_row("A"), good_row("B"), good_row("A")])
    )
    assert [(e.row, e.column) for e in report.errors] == [(4, "Mã SKU")]
    assert "dòng 2" in report.errors[0].message
    assert counts() == (0, 0)


@pytest.mark.django_db
def test_missing_required_column_is_reported_on_the_header_row(seller):
    header = [name for name in HEADER if name != "Giá (VND)"]
    report = products_import(partner=seller, file=csv_file([good_row()], header=header))
    assert [(e.row, e.column) for e in report.errors] == [(1, "Giá (VND)")]


@pytest.mark.django_db
def test_absent_optional_columns_leave_existing_fields_alone(seller):
    products_import(partner=seller, file=csv_file([good_row()]))
    required = [c.header for c in COLUMNS if c.required]
    report = products_import(
        partner=seller, file=csv_file([good_row(**{"Giá (VND)": "200000"})], header=required)
    )
    assert report.ok and report.updated == 1
    product = Product.objects.get()
    assert (product.description, product.ocop_stars) == ("Rang mộc.", 4)
    assert product.stockrecords.get().price == 200000


@pytest.mark.django_db
def test_seller_edits_of_an_approved_product_wait_for_review(seller, product):
    sku = product.stockrecords.get().partner_sku
    row = good_row(sku, **{"Tên sản phẩm": "Tên mới", "Giá (VND)": "190.000"})
    report = products_import(partner=seller, file=csv_file([row]))
    assert (report.ok, report.updated, report.held) == (True, 1, 1)
    product.refresh_from_db()
    assert product.title == "Cà phê Robusta rang mộc Ea Tu 500g"
    assert product.pending_changes["title"] == "Tên mới"
    assert product.moderation_status == "approved"
    assert product.stockrecords.get().price == 190000


def _zip(members: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


SPREADSHEET_TYPES = (
    '<Types><Override ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "trang web"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "không phải tệp CSV hay Excel"),
        (b"M\xe3 SKU,T\xean\n1,2\n", "UTF-8"),
        (b"Ma SKU,Ten\x00\x01\x02\n", "không phải tệp CSV hay Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Excel cũ (.xls)"),
        (_zip({"readme.txt": "xin chào"}), "không phải tệp CSV hay Excel"),
        (
            _zip({"[Content_Types].xml": SPREADSHEET_TYPES, "xl/bomb.xml": b"0" * 400_000}),
            "giải nén lớn hơn",
        ),
        (_zip({"[Content_Types].xml": SPREADSHEET_TYPES}), "Không đọc được tệp Excel"),
        (b"", "Tệp trống"),
    ],
)
def test_files_that_are_not_tables_are_refused(seller, product, monkeypatch, content, message):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 300_000)
    before = counts()
    report = products_import(partner=seller, file=io.BytesIO(content), filename="san-pham.xlsx")
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(None, "")]
    assert message in report.errors[0].message
    assert counts() == before


@pytest.mark.django_db
def test_too_big_and_too_many_rows_are_refused(seller, monkeypatch):
    big = csv_file([good_row()]) + b"#" * reading.MAX_BYTES
    assert "5 MB" in products_import(partner=seller, file=big).errors[0].message
    monkeypatch.setattr(reading, "MAX_ROWS", 2)
    report = products_import(partner=seller, file=csv_file([good_row(str(n)) for n in range(3)]))
    assert "20.000" in report.errors[0].message and counts() == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options", [{"delimiter": ";"}, {"bom": True}, {"bom": True, "delimiter": ";"}]
)
def test_semicolon_and_bom_csv_are_accepted(seller, options):
    report = products_import(partner=seller, file=csv_file([good_row()], **options))
    assert (report.ok, report.created) == (True, 1), report.errors
    assert Product.objects.get().title == "Cà phê Robusta rang mộc CF-001"


@pytest.mark.django_db
def test_headers_without_diacritics_any_case_and_province_without_diacritics(seller):
    header = [fold_vietnamese(name).upper() for name in HEADER]
    rows = [
        good_row(**{"Tỉnh/thành phố xuất xứ": "dak lak"}),
        good_row("CF-002", **{"Tỉnh/thành phố xuất xứ": "Tỉnh Khánh Hoà"}),
        good_row("CF-003", **{"Tỉnh/thành phố xuất xứ": "01"}),
    ]
    report = products_import(partner=seller, file=csv_file(rows, header=header))
    assert report.ok, report.errors
    assert sorted(Product.objects.values_list("origin_province__code", flat=True)) == [
        "01",
        "56",
        "66",
    ]


@pytest.mark.parametrize(
    "text",
    ["185000", "185.000", "185,000", "185 000", "185\u00a0000", "185.000 ₫", 185000, 185000.0],
)
def test_prices_written_the_usual_ways(text):
    assert cells.price(text) == 185000


@pytest.mark.parametrize("text", ["185000.5", "185,00", "1.85", "18.5000", "abc", True])
def test_prices_that_are_not_whole_dong_are_refused(text):
    with pytest.raises(cells.CellError):
        cells.price(text)
