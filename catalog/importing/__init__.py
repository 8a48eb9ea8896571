"""The bulk-import file format: a seller's products as CSV or Excel (.xlsx).

``reading`` turns a file into rows (recognised by content), ``validation`` checks every row,
``template`` builds the published template, ``columns`` names the columns. The write, one
transaction for a good file, is ``catalog.services.imports.products_import``. Callers: the
dashboard upload page (``shop/dashboard/imports.py``) and ``manage.py import_products``.
"""

from catalog.importing.columns import COLUMNS
from catalog.importing.template import template_csv, template_xlsx
from catalog.importing.validation import RowError

__all__ = ["COLUMNS", "RowError", "template_csv", "template_xlsx"]
