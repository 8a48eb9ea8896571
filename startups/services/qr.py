"""QR visits: one scan of a printed poster adds one to its object's count for the day.

Nothing about the visitor is kept, only (kind, object id, day, count). Known bots and link
previews are not counted (``catalog.marketplaces.is_bot``, the rule the marketplace clicks
follow). The day is Viet Nam's (``startups.selectors.qr_today``).
"""

from django.db import transaction
from django.db.models import F

from catalog.marketplaces import is_bot
from startups.models import QRVisitDay
from startups.selectors import qr_today


def qr_visit_record(*, kind: str, object_id: int, user_agent: str | None) -> bool:
    """Count one scan of ``kind``/``object_id`` today unless a bot made it; True if counted.

    One UPDATE when the day's row exists (every scan after the first). Two first scans at
    once: both miss the row, one creates it, the other's create fails on the unique
    constraint and it adds to the row instead, so no scan is lost."""
    if kind not in QRVisitDay.Kind.values:
        raise ValueError(f"unknown QR kind {kind!r}")
    if is_bot(user_agent):
        return False
    key = {"kind": kind, "object_id": object_id, "day": qr_today()}
    with transaction.atomic():
        if QRVisitDay.objects.filter(**key).update(count=F("count") + 1):
            return True
        _, created = QRVisitDay.objects.get_or_create(**key, defaults={"count": 1})
        if not created:
            QRVisitDay.objects.filter(**key).update(count=F("count") + 1)
    return True
