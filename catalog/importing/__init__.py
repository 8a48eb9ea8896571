"""Bulk import of a seller's products from CSV or Excel (.xlsx).

``reading`` turns a file into rows (recognised by content), ``validation`` checks every row,
``services.products_import`` writes a good file in one transaction, ``template`` builds the
published template. Callers: the dashboard upload page (``shop/dashboard/imports.py``) and
``manage.py import_products``.
"""

from catalog.importing.columns import COLUMNS
from catalog.importing.services import ImportReport, products_import
from catalog.importing.template import template_csv, template_xlsx
from catalog.importing.validation import RowError

__all__ = [
    "COLUMNS",
    "ImportReport",
    "RowError",
    "products_import",
    "template_csv",
    "template_xlsx",
]
