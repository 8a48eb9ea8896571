"""``products_import``: a seller's products from a CSV or Excel file, all or nothing.

Every row is checked first; one bad cell means nothing is written and the report lists each
problem by row and column. A good file is written in one transaction with bulk queries (a few
per thousand rows, none per row), upserting by SKU within the seller, so importing the same
file twice updates the products instead of duplicating them.

Columns missing from the file leave those fields of existing products alone (a file with only
SKU, name, group, province, price and stock updates prices without erasing descriptions);
an empty cell in a present column clears the field. A seller's edits of what buyers trust
(name, description, certificate) in an approved product wait for review as the product editor's
do (``catalog.services.moderation.hold_trusted_changes``); price and stock apply at once.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from catalog.importing.reading import FileRefused, read_table, read_upload
from catalog.importing.validation import Lookups, ProductRow, RowError, rows_check
from catalog.services.moderation import hold_trusted_changes
from catalog.signals import products_imported

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

BATCH = 1000
PRODUCT_FIELDS = {  # import column key -> Product field
    "title": "title",
    "description": "description",
    "title_en": "title_en",
    "description_en": "description_en",
    "province": "origin_province_id",
    "origin_place": "origin_place",
    "stars": "ocop_stars",
    "certificate_number": "ocop_certificate_number",
    "issuing_authority": "ocop_issuing_authority",
    "decision_number": "ocop_decision_number",
    "decision_date": "ocop_decision_date",
    "valid_from": "ocop_valid_from",
    "valid_until": "ocop_valid_until",
}


@dataclass
class ImportReport:
    """``updated`` counts rows whose SKU the seller already had (changed or not); ``held``
    those of them whose trusted edits wait for review."""

    ok: bool
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    held: int = 0


def held_message(count: int) -> str:
    return ngettext(
        "Changes to the name, description or certificate of %(count)d approved product wait "
        "for review; its approved version stays on sale meanwhile.",
        "Changes to the name, description or certificate of %(count)d approved products wait "
        "for review; their approved versions stay on sale meanwhile.",
        count,
    ) % {"count": count}


def products_import(
    *,
    partner,
    file,
    filename: str = "",
    approve: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import ``file`` (an upload, an open binary file or bytes) for ``partner``.

    New products wait for moderation ("submitted") and edits of approved ones are held for
    review, unless ``approve`` (staff imports). ``progress(done, total)`` is called as rows
    are written. ``filename`` is only a label: the format is recognised from the content.
    """
    try:
        table = read_table(read_upload(file))
    except FileRefused as refused:
        return ImportReport(ok=False, errors=[RowError(None, "", refused.message)])
    rows, errors = rows_check(table, Lookups.load())
    if errors:
        return ImportReport(ok=False, errors=errors)
    report = ImportReport(ok=True)
    _write(
        report,
        partner=partner,
        rows=rows,
        approve=approve,
        progress=progress or (lambda done, total: None),
    )
    return report


@transaction.atomic
def _write(report, *, partner, rows: list[ProductRow], approve: bool, progress) -> None:
    # One import per seller at a time: a second one waits here, then sees the first one's SKUs.
    Partner.objects.select_for_update().filter(pk=partner.pk).exists()
    product_class, _ = ProductClass.objects.get_or_create(
        slug="san-pham",
        defaults={"name": "Sản phẩm", "requires_shipping": True, "track_stock": True},
    )
    status = Product.Moderation.APPROVED if approve else Product.Moderation.SUBMITTED
    now, total = timezone.now(), len(rows)
    product_ids = []
    progress(0, total)
    for start in range(0, total, BATCH):
        chunk = rows[start : start + BATCH]
        existing = _stockrecords_by_sku(partner, [row.sku for row in chunk])
        new = [row for row in chunk if row.sku not in existing]
        product_ids += [p.pk for p in _create(partner, new, product_class, status)]
        product_ids += [record.product_id for record in existing.values()]
        report.held += _update(
            [(row, existing[row.sku]) for row in chunk if row.sku in existing],
            now,
            hold=not approve,
        )
        report.created += len(new)
        report.updated += len(chunk) - len(new)
        progress(start + len(chunk), total)
    products_imported.send(sender=Product, product_ids=product_ids)


def _stockrecords_by_sku(partner, skus) -> dict:
    records = StockRecord.objects.filter(partner=partner, partner_sku__in=skus).select_related(
        "product"
    )
    return {record.partner_sku: record for record in records}


def _product_values(row: ProductRow) -> dict:
    return {
        PRODUCT_FIELDS[key]: value for key, value in row.values.items() if key in PRODUCT_FIELDS
    }


def _create(partner, rows: list[ProductRow], product_class, status) -> list:
    if not rows:
        return []
    products = []
    for row in rows:
        values = _product_values(row)
        products.append(
            Product(
                product_class=product_class,
                structure=Product.STANDALONE,
                is_public=True,
                moderation_status=status,
                slug=slugify(values["title"]),
                **values,
            )
        )
    Product.objects.bulk_create(products)
    StockRecord.objects.bulk_create(
        [
            StockRecord(
                product=product,
                partner=partner,
                partner_sku=row.sku,
                price_currency="VND",
                price=Decimal(row.values["price"]),
                num_in_stock=row.values["stock"],
            )
            for row, product in zip(rows, products, strict=True)
        ]
    )
    ProductCategory.objects.bulk_create(
        [
            ProductCategory(product=product, category_id=row.category_id)
            for row, product in zip(rows, products, strict=True)
        ]
    )
    return products


def _update(pairs, now, *, hold: bool) -> int:
    """Write only what changed: the fields, the stock record and the category. Returns how
    many products got edits held for review."""
    if not pairs:
        return 0
    product_ids = [record.product_id for _row, record in pairs]
    categories: dict[int, set] = {}
    for product_id, category_id in ProductCategory.objects.filter(
        product_id__in=product_ids
    ).values_list("product_id", "category_id"):
        categories.setdefault(product_id, set()).add(category_id)

    products, records, recategorised = [], [], []
    product_fields, record_fields, held = set(), set(), 0
    for row, record in pairs:
        product, values = record.product, _product_values(row)
        changed = {name for name, value in values.items() if getattr(product, name) != value}
        original = copy.copy(product) if hold and changed else None
        for name in changed:
            setattr(product, name, values[name])
        if original is not None and (
            names := hold_trusted_changes(product=product, original=original)
        ):
            changed = (changed - set(names)) | {"pending_changes"}
            held += 1
        if changed:
            product_fields |= changed
            products.append(product)
        stock_changes = {}
        if "price" in row.values and record.price != row.values["price"]:
            stock_changes["price"] = Decimal(row.values["price"])
        if "stock" in row.values and record.num_in_stock != row.values["stock"]:
            stock_changes["num_in_stock"] = row.values["stock"]
        if record.price_currency != "VND":
            stock_changes["price_currency"] = "VND"
        if stock_changes:
            for name, value in stock_changes.items():
                setattr(record, name, value)
            record_fields |= set(stock_changes)
            records.append(record)
        if categories.get(product.pk) != {row.category_id}:
            recategorised.append((product.pk, row.category_id))

    # bulk_update skips auto_now; one plain UPDATE stamps them all (cheaper than a CASE each).
    if products:
        Product.objects.bulk_update(products, sorted(product_fields), batch_size=250)
        Product.objects.filter(pk__in=[p.pk for p in products]).update(date_updated=now)
    if records:
        StockRecord.objects.bulk_update(records, sorted(record_fields), batch_size=250)
        StockRecord.objects.filter(pk__in=[r.pk for r in records]).update(date_updated=now)
    if recategorised:
        ProductCategory.objects.filter(product_id__in=[pk for pk, _ in recategorised]).delete()
        ProductCategory.objects.bulk_create(
            [
                ProductCategory(product_id=pk, category_id=category_id)
                for pk, category_id in recategorised
            ]
        )
    return held
