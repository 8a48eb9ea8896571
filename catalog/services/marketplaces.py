"""Links from a product to the same product on another marketplace, and buyers' clicks on them.
The one path for these writes: the dashboard's product form, the Django admin, the import and
the tests all call these functions."""

from __future__ import annotations

from django.db import transaction

from catalog.marketplaces import clean_from_path, is_bot, validate_marketplace_url
from catalog.models import MarketplaceClick, MarketplaceLink


@transaction.atomic
def marketplace_link_set(
    *, product, marketplace: str, url: str, link: MarketplaceLink | None = None
) -> MarketplaceLink:
    """Create or update the product's link to ``marketplace``, with ``url`` checked against
    the marketplace's hosts and stored normalised (``ValidationError`` otherwise).

    ``link``: the row being edited, when a form changes an existing link (its marketplace may
    change too); without it the product's link to ``marketplace`` is updated or created."""
    url = validate_marketplace_url(marketplace, url)
    rows = MarketplaceLink.objects.select_for_update().filter(product=product)
    if link is not None and link.pk:
        link = rows.filter(pk=link.pk).first() or MarketplaceLink(product=product)
    else:
        link = rows.filter(marketplace=marketplace).first() or MarketplaceLink(product=product)
    link.marketplace = marketplace
    link.url = url
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def marketplace_link_delete(*, product, marketplace: str) -> bool:
    """Remove the product's link to ``marketplace`` (and its clicks); False if there was none."""
    deleted, _counts = MarketplaceLink.objects.filter(
        product=product, marketplace=marketplace
    ).delete()
    return deleted > 0


def marketplace_click_record(
    *, link: MarketplaceLink, from_path: str, user_agent: str | None
) -> MarketplaceClick | None:
    """Count one buyer's click on ``link``. Crawlers, link previews and clients without a user
    agent are not counted (None). Only a path on our own site is kept."""
    if is_bot(user_agent):
        return None
    return MarketplaceClick.objects.create(link=link, from_path=clean_from_path(from_path))
