"""Issue 11 #6: no CSV or XLSX the project writes carries a live spreadsheet formula."""

import csv
import io

import pytest
from oscar.core.loading import get_model

from core.exports import csv_writer, safe_cell, xlsx_append

Category = get_model("catalogue", "Category")

HOSTILE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    '=HYPERLINK("http://evil.example","Bấm")',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_would_start_a_formula_is_plain_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Chè Shan tuyết", "", "a=b", 12, -5, 1.5, None])
def test_ordinary_cells_and_numbers_are_left_alone(value):
    assert safe_cell(value) == value


def test_the_csv_writer_neutralises_every_cell():
    out = io.StringIO(newline="")
    csv_writer(out).writerow(["Người Mua", *HOSTILE, 3])
    row = next(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    assert row[0] == "Người Mua" and row[-1] == "3"
    assert all(cell.startswith("'") for cell in row[1:-1])


def test_the_xlsx_helper_stores_text_not_formulas():
    from openpyxl import Workbook, load_workbook

    workbook = Workbook()
    sheet = workbook.active
    xlsx_append(sheet, [*HOSTILE, 7])
    data = io.BytesIO()
    workbook.save(data)
    loaded = load_workbook(io.BytesIO(data.getvalue())).active
    cells = list(loaded[1])
    # shown as written (XML stores a carriage return as a line feed)
    assert [c.value for c in cells[:-1]] == [v.replace("\r", "\n") for v in HOSTILE]
    assert all(c.data_type == "s" for c in cells[:-1])  # text, never a formula
    assert cells[-1].value == 7 and cells[-1].data_type == "n"


@pytest.mark.django_db
def test_the_import_template_writes_names_from_the_database_as_text(reference_data):
    """The template's guide sheet lists the categories: one named '=...' stays text."""
    from openpyxl import load_workbook

    from catalog.importing import template_xlsx

    Category.objects.exclude(ocop_code="").filter(depth=1).update(name="=1+2")
    workbook = load_workbook(io.BytesIO(template_xlsx()))
    cells = [c for row in workbook["Hướng dẫn"].iter_rows() for c in row if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_oscar_csv_writer_is_neutralised_too():
    from oscar.core.compat import UnicodeCSVWriter

    out = io.StringIO(newline="")
    UnicodeCSVWriter(open_file=out).writerow(["=1+1", 2])
    assert out.getvalue().startswith("'=1+1,2")
