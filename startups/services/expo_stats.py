"""The expo figures' writes: the orders attributed to an expo (the daily roll-up of the visits
is the periodic job's, ``startups.rollups``).

Attribution (``order_attribute``, called by ``startups.receivers`` after checkout): an order
belongs to an expo when the browser that placed it visited the expo (its ``expo_v`` cookie has
events of the expo, which are only recorded within the expo's dates) and the order was placed
within the expo's dates; or when the order used one of the expo's vouchers (a booth's
``offer_voucher`` or the expo's ``reward_voucher_code``). The revenue is not stored: the report
reads the exhibitors' own order parts, so a part cancelled later drops out.
"""

from __future__ import annotations

from django.db.models.functions import Trim, Upper
from django.utils import timezone

from startups.models import Booth, Expo, ExpoEvent, ExpoOrder

# --- orders -------------------------------------------------------------------------------


def _order_vouchers(order) -> tuple[set[int], set[str]]:
    ids, codes = set(), set()
    for voucher_id, code in order.discounts.values_list("voucher_id", "voucher_code"):
        if voucher_id:
            ids.add(voucher_id)
        if code:
            codes.add(code.strip().upper())
    return ids, codes


def order_attribute(*, order, visitor: str | None) -> list[ExpoOrder]:
    """Attribute ``order`` to the expos it came from (at most once per expo); the rows
    written. A voucher of the expo wins over a visit when both apply."""
    placed = order.date_placed or timezone.now()
    voucher_ids, codes = _order_vouchers(order)
    via: dict[int, str] = {}
    if voucher_ids or codes:
        booth_expos = Booth.objects.filter(
            offer_voucher_id__in=voucher_ids, status=Booth.Status.APPROVED
        ).values_list("expo_id", flat=True)
        reward_expos = (
            Expo.objects.filter(reward=Expo.Reward.VOUCHER)
            .exclude(reward_voucher_code="")
            .annotate(code=Upper(Trim("reward_voucher_code")))
            .filter(code__in=codes)
            .values_list("pk", flat=True)
        )
        for expo_id in (*booth_expos, *reward_expos):
            via[expo_id] = ExpoOrder.Via.VOUCHER
    if visitor:
        visited = (
            ExpoEvent.objects.filter(
                visitor=visitor, expo__opens_at__lte=placed, expo__closes_at__gt=placed
            )
            .values_list("expo_id", flat=True)
            .distinct()
        )
        for expo_id in visited:
            via.setdefault(expo_id, ExpoOrder.Via.VISIT)
    rows = [
        ExpoOrder(expo_id=expo_id, order=order, via=kind, visitor=visitor or "")
        for expo_id, kind in sorted(via.items())
    ]
    ExpoOrder.objects.bulk_create(rows, ignore_conflicts=True)
    return rows
