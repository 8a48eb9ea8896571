"""QR visits: one scan of a printed poster adds one to its object's count for the day.

Nothing about the visitor is kept, only (kind, object id, day, count). Known bots and link
previews are not counted (``catalog.marketplaces.is_bot``, the rule the marketplace clicks
follow). The day is Viet Nam's (``startups.selectors.qr_today``).

An expo's or a booth's code (kinds ``expo``/``booth``, letters ``e``/``b``) also counts as a
QR visit of the expo in its figures: one ``ExpoEvent`` of kind ``qr`` of the browser's visitor
id (``startups.services.expo_visits``), within the expo's dates only.
"""

from django.db import transaction
from django.db.models import F

from catalog.marketplaces import is_bot
from startups.models import Booth, Expo, ExpoEvent, QRVisitDay
from startups.selectors import qr_today
from startups.services.expo_visits import event_record


def qr_visit_record(
    *, kind: str, object_id: int, user_agent: str | None, visitor: str | None = None
) -> bool:
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
    if visitor and kind in (QRVisitDay.Kind.EXPO, QRVisitDay.Kind.BOOTH):
        _expo_qr_event(kind, object_id, visitor)
    return True


def _expo_qr_event(kind: str, object_id: int, visitor: str) -> None:
    """Each scan is an event of its own (a new id), as each scan adds one to the day's count."""
    if kind == QRVisitDay.Kind.EXPO:
        expo, hall_id, booth_id = Expo.objects.filter(pk=object_id).first(), None, None
    else:
        booth = Booth.objects.select_related("expo").filter(pk=object_id).first()
        expo = booth.expo if booth else None
        hall_id, booth_id = (booth.hall_id, booth.pk) if booth else (None, None)
    if expo is not None:
        event_record(
            expo=expo,
            kind=ExpoEvent.Kind.QR,
            visitor=visitor,
            hall_id=hall_id,
            booth_id=booth_id,
            user_agent=None,  # checked above
        )
