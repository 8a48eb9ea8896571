"""Product view counts, added to Oscar's analytics records in bulk (the per-process counting
that batches them is ``catalog.counters``)."""

from django.db import transaction
from django.db.models import F
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductRecord = get_model("analytics", "ProductRecord")


def product_views_record(counts: dict) -> int:
    """Add ``counts`` ({product id: views}) to Oscar's product records; products deleted
    meanwhile are skipped. Returns how many products were counted."""
    counts = {int(k): int(v) for k, v in counts.items() if int(v) > 0}
    existing = set(Product.objects.filter(pk__in=counts).values_list("pk", flat=True))
    with transaction.atomic():
        have = set(
            ProductRecord.objects.filter(product_id__in=existing).values_list(
                "product_id", flat=True
            )
        )
        ProductRecord.objects.bulk_create(
            [ProductRecord(product_id=pk) for pk in existing - have], ignore_conflicts=True
        )
        for pk in sorted(existing):
            ProductRecord.objects.filter(product_id=pk).update(
                num_views=F("num_views") + counts[pk]
            )
    return len(existing)
