"""The product review desk: an officer decides on a product of its unit tree."""

from catalog.services import moderation
from startups.access import ConflictOfInterest, officer_runs_shop_of
from startups.models import Officer


def product_decide(*, officer: Officer, product, approve: bool, reason: str = ""):
    """An officer approves or rejects a product under review; never one of a shop they run."""
    if officer_runs_shop_of(officer, product):
        raise ConflictOfInterest
    if approve:
        return moderation.product_approve(product_id=product.pk)
    return moderation.product_reject(product_id=product.pk, reason=reason)
