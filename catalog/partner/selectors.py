from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from core import pagecache

Partner = get_model("partner", "Partner")


def seller_get(*, slug: str):
    """An approved seller, with its startup if it has one (``partner.startup``, the reverse
    one-to-one of the community layer); suspended sellers have no public page."""
    return get_object_or_404(
        Partner.objects.select_related("province", "startup"),
        code=slug,
        status=Partner.Status.APPROVED,
    )


def shown_startup(seller):
    """The seller's startup when the public sees it, for the "made by the startup" line. It
    comes with the seller (``partner.startup``, the reverse one-to-one, read by
    ``select_related``: no query); a page that shows it depends on its token, the key
    ``startups.services.profiles.startup_key`` bumps (the catalogue cannot import it)."""
    startup = getattr(seller, "startup", None) if seller is not None else None
    if startup is None:
        return None
    pagecache.note(f"startup:{startup.pk}")
    public = startup.published and seller.status == Partner.Status.APPROVED
    return startup if public else None
