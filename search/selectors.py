"""The reads the listing pages need beside ``search.api``: the sellers and the startups of a
result page in the index's order, and the plain database listings shown when the index cannot
answer."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.selectors import product_listing
from core import pagecache
from search.documents import sellers_with_ocop
from search.types import RELEVANCE, Results
from startups.models import TeamMember
from startups.selectors import public_startups
from startups.services.profiles import is_youth_team, startup_key

Partner = get_model("partner", "Partner")


def sellers_in_order(ids: list[int]) -> list:
    """The approved sellers among ``ids``, in that order (with their province)."""
    if not ids:
        return []
    found = {
        s.pk: s
        for s in Partner.objects.filter(pk__in=ids, status=Partner.Status.APPROVED).select_related(
            "province"
        )
    }
    return [found[pk] for pk in ids if pk in found]


def database_results(*, text: str, sort: str, categories, page: int, per_page: int) -> Results:
    """One page of the catalogue's own listing (no facets, no typo tolerance): for a category
    the index does not hold, or when the search server does not answer."""
    qs = product_listing(
        query=text, sort_by="" if sort == RELEVANCE else sort, categories=categories
    )
    total = qs.count()
    start = (page - 1) * per_page
    ids = list(qs.values_list("pk", flat=True)[start : start + per_page])
    return Results(ids=ids, total=total)


def startups_in_order(ids: list[int]) -> list:
    """The public startups among ``ids``, in that order, with what a directory card shows:
    province, verifying unit, and ``youth_team`` / ``has_ocop`` worked out as the index does.
    Three queries however many. A startup hidden since ``ids`` were found is left out. A
    cached page showing them depends on each one's token, noted before they are read."""
    if not ids:
        return []
    pagecache.note(*(startup_key(pk) for pk in ids))
    founders = Prefetch(
        "team", queryset=TeamMember.objects.filter(is_founder=True), to_attr="founders"
    )
    found = {
        s.pk: s
        for s in public_startups()
        .filter(pk__in=ids)
        .select_related("province", "verified_by")
        .prefetch_related(founders)
    }
    today = timezone.localdate()
    ocop = sellers_with_ocop({s.partner_id for s in found.values()}, today)
    for startup in found.values():
        startup.youth_team = is_youth_team(startup.founders, today)
        startup.has_ocop = startup.partner_id in ocop
    return [found[pk] for pk in ids if pk in found]


class ListedStartups(list):
    """A directory page's public startups as their ids, in order, for
    ``{% startup_cards %}``: each card comes from the card cache while its startup, its
    seller's products (the "OCOP products" badge) and the day (the youth-team badge) are
    unchanged; ``load(ids)`` reads the startups of the cards to draw (``startups_in_order``).
    That read was about half of a directory page that missed the cache."""

    card_prefix = pagecache.CARD_PREFIX + "startup:"

    def __init__(self, sellers: dict[int, int], ids: list[int]):
        super().__init__(ids)
        self.sellers = sellers

    def load(self, ids) -> dict:
        return {s.pk: s for s in startups_in_order(ids)}

    def guards(self, pk) -> tuple[str, ...]:
        # A product change the index cannot place replaces LISTS, not the seller's token.
        return (
            startup_key(pk),
            pagecache.seller_products_key(self.sellers[pk]),
            pagecache.LISTS,
        )


def listed_startups(ids: list[int]) -> list:
    """``startups_in_order`` for the directory's grid: with the card cache on, the public
    startups among ``ids`` as a ``ListedStartups`` (one narrow query), read in full only for
    the cards not cached."""
    if not pagecache.enabled():
        return startups_in_order(ids)
    ids = list(ids)
    if not ids:
        return ListedStartups({}, [])
    pagecache.note(*(startup_key(pk) for pk in ids))
    sellers = dict(public_startups().filter(pk__in=ids).values_list("pk", "partner_id"))
    return ListedStartups(sellers, [pk for pk in ids if pk in sellers])


def database_startups(*, text: str, page: int, per_page: int) -> Results:
    """The newest public startups whose name or tagline holds ``text`` (no folding, no
    facets): the directory while the search server does not answer."""
    qs = public_startups()
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(tagline__icontains=text))
    total = qs.count()
    start = (page - 1) * per_page
    ids = list(
        qs.order_by("-created", "-pk").values_list("pk", flat=True)[start : start + per_page]
    )
    return Results(ids=ids, total=total)
