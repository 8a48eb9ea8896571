"""Writes to a seller (partner) that its own people make in the dashboard."""

from django.db import transaction
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


@transaction.atomic
def seller_english_texts_set(*, partner, name_en: str, description_en: str):
    """The seller's English name and story, shown on English pages (blank: the Vietnamese
    ones show). Saved as a model save, so the page cache and the search index follow
    (``catalog.receivers``, ``search.receivers``)."""
    partner.name_en = " ".join((name_en or "").split())
    partner.description_en = (description_en or "").strip()
    partner.save(update_fields=["name_en", "description_en"])
    return partner
