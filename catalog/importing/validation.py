"""Check every row of a table against the template before anything is written.

Reference data (provinces, OCOP groups) is looked up in dictionaries loaded once, so checking
20,000 rows costs two queries.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.importing import parsing
from catalog.importing.columns import BY_KEY, CERTIFICATE_KEYS, COLUMNS, column_for
from catalog.importing.reading import Table

Category = get_model("catalogue", "Category")
Province = get_model("catalogue", "Province")

MAX_ERRORS = 500


@dataclass(frozen=True)
class RowError:
    row: int | None  # as numbered in the spreadsheet; None for the file as a whole
    column: str  # the template header, or "" for the file or row as a whole
    message: str


@dataclass
class ProductRow:
    """One valid row: ``values`` holds only the columns the file has."""

    row: int
    sku: str
    category_id: int
    values: dict = field(default_factory=dict)


@dataclass
class Lookups:
    provinces: dict
    categories: dict

    @classmethod
    def load(cls) -> "Lookups":
        provinces = {}
        for province in Province.objects.all():
            provinces[province.code] = province.pk
            provinces[parsing.province_name_key(province.name)] = province.pk
            provinces[parsing.province_name_key(province.name_ascii)] = province.pk
        categories = dict(Category.objects.exclude(ocop_code="").values_list("ocop_code", "pk"))
        return cls(provinces=provinces, categories=categories)


class _Errors(list):
    def add(self, row, column_key, message):
        header = BY_KEY[column_key].header if column_key in BY_KEY else column_key
        if len(self) < MAX_ERRORS:
            self.append(RowError(row, header, message))
        elif len(self) == MAX_ERRORS:
            self.append(
                RowError(
                    None,
                    "",
                    _(
                        "There are more problems; only the first 500 are "
                        "listed. Fix these and upload the file again."
                    ),
                )
            )


def header_positions(table: Table, errors: _Errors) -> dict[str, int]:
    """Template column key -> cell index; unknown headers are ignored."""
    positions = {}
    for index, cell in enumerate(table.header):
        column = column_for(cell)
        if column is None:
            continue
        if column.key in positions:
            errors.add(
                table.header_row, column.key, _("This column appears twice in the header row.")
            )
        positions[column.key] = index
    if any(key in positions for key in CERTIFICATE_KEYS):
        for key in CERTIFICATE_KEYS:
            positions.setdefault(key, None)
    for column in COLUMNS:
        if column.required and column.key not in positions:
            errors.add(
                table.header_row or 1,
                column.key,
                _("This required column is missing from the header row."),
            )
    return positions


_PARSERS = {
    "sku": lambda v: parsing.bounded_text(v, max_length=128),
    "title": lambda v: parsing.bounded_text(v, max_length=255),
    "description": parsing.text,
    "title_en": lambda v: parsing.bounded_text(v, max_length=255),
    "description_en": parsing.text,
    "origin_place": lambda v: parsing.bounded_text(v, max_length=255),
    "price": parsing.price,
    "stock": parsing.stock,
    "stars": parsing.stars,
    "certificate_number": lambda v: parsing.bounded_text(v, max_length=64),
    "issuing_authority": lambda v: parsing.bounded_text(v, max_length=255),
    "decision_number": lambda v: parsing.bounded_text(v, max_length=64),
    "decision_date": parsing.date,
    "valid_from": parsing.date,
    "valid_until": parsing.date,
}


def _check_row(number, cells, positions, lookups, errors) -> ProductRow | None:
    values, failed = {}, False

    def fail(key, message):
        nonlocal failed
        failed = True
        errors.add(number, key, message)

    for key, index in positions.items():
        raw = cells[index] if index is not None and index < len(cells) else None
        if BY_KEY[key].required and parsing.text(raw) == "":
            fail(key, _("This cell is required."))
            continue
        try:
            values[key] = _PARSERS[key](raw) if key in _PARSERS else _lookup(key, raw, lookups)
        except parsing.CellError as error:
            fail(key, error.message)
    if "stars" in positions:
        failed |= _check_certificate(number, values, errors)
    if failed:
        return None
    return ProductRow(
        row=number, sku=values.pop("sku"), category_id=values.pop("group"), values=values
    )


def _lookup(key, raw, lookups) -> int:
    if key == "group":
        category_id = lookups.categories.get(parsing.group_code(raw))
        if category_id is None:
            raise parsing.CellError(
                _(
                    "Unknown OCOP group code “%(code)s”. Use a code from the guide sheet of the "
                    "template, e.g. 1.9."
                )
                % {"code": parsing.text(raw)}
            )
        return category_id
    for candidate in parsing.province_keys(raw):
        if candidate in lookups.provinces:
            return lookups.provinces[candidate]
    raise parsing.CellError(
        _(
            "Unknown province or city “%(name)s”. Use one of the 34 names in the guide sheet of "
            "the template, or its 2-digit code."
        )
        % {"name": parsing.text(raw)}
    )


def _check_certificate(number, values, errors) -> bool:
    """The database's certificate constraints, as messages on the right cells."""
    problems = []
    if values.get("stars"):
        if "certificate_number" in values and not values["certificate_number"]:
            problems.append(
                ("certificate_number", _("A certified product needs its certificate number."))
            )
        if "valid_from" in values and not values["valid_from"]:
            problems.append(("valid_from", _("A certified product needs the start of validity.")))
        if "valid_until" in values and not values["valid_until"]:
            problems.append(("valid_until", _("A certified product needs the end of validity.")))
    start, end = values.get("valid_from"), values.get("valid_until")
    if start and end and end <= start:
        problems.append(("valid_until", _("The end of validity must be after its start.")))
    for key, message in problems:
        errors.add(number, key, message)
    return bool(problems)


def rows_check(table: Table, lookups: Lookups) -> tuple[list[ProductRow], list[RowError]]:
    errors = _Errors()
    positions = header_positions(table, errors)
    if errors:
        return [], list(errors)
    if not table.rows:
        errors.append(RowError(None, "", _("The file has no product rows under the header.")))
    rows, first_seen = [], {}
    for number, cells in table.rows:
        product_row = _check_row(number, cells, positions, lookups, errors)
        sku = parsing.text(cells[positions["sku"]]) if positions["sku"] < len(cells) else ""
        if sku and sku in first_seen:
            errors.add(
                number,
                "sku",
                _("This SKU is already used in row %(row)d; each product needs its own SKU.")
                % {"row": first_seen[sku]},
            )
            continue
        if sku:
            first_seen[sku] = number
        if product_row is not None:
            rows.append(product_row)
    return rows, list(errors)
