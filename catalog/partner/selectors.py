from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


def seller_get(*, slug: str):
    """An approved seller; suspended sellers have no public page."""
    return get_object_or_404(
        Partner.objects.select_related("province"), code=slug, status=Partner.Status.APPROVED
    )
