"""Product moderation: draft -> submitted -> approved or rejected.

Only approved products (of approved sellers) are public. When a seller changes what a buyer
trusts in an approved product (name, description, certificate), the change waits in
``pending_changes`` and the approved version stays public until an officer approves it;
price and stock changes are not moderated.
"""

import datetime

from django.db import transaction
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
Moderation = Product.Moderation

TRUSTED_FIELDS = (
    "title",
    "description",
    "title_en",
    "description_en",
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_issuing_authority",
    "ocop_decision_number",
    "ocop_decision_date",
    "ocop_valid_from",
    "ocop_valid_until",
    "ocop_certificate_scan",
    "ocop_traceability_url",
)
DATE_FIELDS = {"ocop_decision_date", "ocop_valid_from", "ocop_valid_until"}


def _to_json(name, value):
    if value is None:
        return None
    if name in DATE_FIELDS:
        return value.isoformat()
    if name == "ocop_certificate_scan":
        return value.name if value else ""
    return value


def _from_json(name, value):
    if value is not None and name in DATE_FIELDS:
        return datetime.date.fromisoformat(value)
    return value


def hold_new_images(*, product, images) -> int:
    """Pictures a seller added or replaced: hidden until approved. For an approved product
    the count is noted in ``pending_changes`` so that the product joins the review queue."""
    ids = [image.pk for image in images if image.pk]
    if not ids:
        return 0
    ProductImage = get_model("catalogue", "ProductImage")
    ProductImage.objects.filter(pk__in=ids).update(is_approved=False)
    fresh = Product.objects.get(pk=product.pk)
    if fresh.moderation_status == Moderation.APPROVED:
        waiting = product.images.filter(is_approved=False).count()
        fresh.pending_changes = {**(fresh.pending_changes or {}), "images": waiting}
        fresh.save(update_fields=["pending_changes"])
    return len(ids)


@transaction.atomic
def seller_product_saved(*, product, created: bool, images) -> bool:
    """After a seller saved ``product`` (the dashboard's product form): a product the seller
    created is a draft until an officer approves it, made so before its pictures are held (a
    new product's pictures are not changes of an approved product); pictures it added or
    replaced wait for review. True when pictures were held."""
    if created:
        Product.objects.filter(pk=product.pk).update(moderation_status=Moderation.DRAFT)
    return bool(hold_new_images(product=product, images=images))


def hold_trusted_changes(*, product, original) -> list[str]:
    """Move edits of trusted fields of an approved product into ``pending_changes`` and put
    the approved values back on ``product`` (not saved here). Returns the held field names."""
    if original is None or original.moderation_status != Moderation.APPROVED:
        return []
    held = []
    pending = dict(original.pending_changes or {})
    for name in TRUSTED_FIELDS:
        new, old = getattr(product, name), getattr(original, name)
        if name == "ocop_certificate_scan" and new and not new._committed:
            # A new scan waits under its server-made name (core.uploads), not the uploaded one.
            new.save(new.name, new.file, save=False)
        if _to_json(name, new) != _to_json(name, old):
            pending[name] = _to_json(name, new)
            setattr(product, name, old)
            held.append(name)
    if held:
        product.pending_changes = pending
    return held


@transaction.atomic
def product_submit(*, product_id: int) -> Product:
    product = Product.objects.select_for_update().get(pk=product_id)
    if product.moderation_status in (Moderation.DRAFT, Moderation.REJECTED):
        product.moderation_status = Moderation.SUBMITTED
        product.save(update_fields=["moderation_status"])
    return product


@transaction.atomic
def product_approve(*, product_id: int) -> Product:
    product = Product.objects.select_for_update().get(pk=product_id)
    for name, value in (product.pending_changes or {}).items():
        if name in TRUSTED_FIELDS:
            setattr(product, name, _from_json(name, value))
    product.pending_changes = {}
    product.moderation_status = Moderation.APPROVED
    product.moderation_note = ""
    product.full_clean(exclude=["slug", "upc", "product_class", "parent"])
    product.save()
    product.images.filter(is_approved=False).update(is_approved=True)
    return product


@transaction.atomic
def product_reject(*, product_id: int, reason: str) -> Product:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A rejection needs a reason.")
    product = Product.objects.select_for_update().get(pk=product_id)
    if product.pending_changes:
        # The approved version stays public; only the proposed changes (and pictures) are
        # turned down.
        product.pending_changes = {}
        for image in product.images.filter(is_approved=False):
            image.delete()
    else:
        product.moderation_status = Moderation.REJECTED
    product.moderation_note = reason
    product.save(update_fields=["pending_changes", "moderation_status", "moderation_note"])
    return product
