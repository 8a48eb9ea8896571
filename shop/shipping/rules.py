"""Shipping charges per seller parcel.

Each seller in an order packs and sends its own parcel, so delivery is charged per seller:
the admin's rule for the buyer's region (or the rule for everywhere), free once the
parcel's goods reach the rule's threshold. The basket, the checkout preview and the order
parts all price delivery through ``parcel_charge`` so they always agree.
"""

from collections import defaultdict
from decimal import Decimal

from oscar.core.loading import get_model

ShippingRule = get_model("shipping", "ShippingRule")
Province = get_model("catalogue", "Province")


def region_for_address(address) -> str:
    """The region ("north", "central", "south") of an address's province, or ""."""
    state = getattr(address, "state", "") or ""
    if not state:
        return ""
    province = Province.objects.filter(name=state).only("region").first()
    return province.region if province else ""


def rules_by_region() -> dict[str, ShippingRule]:
    return {rule.region: rule for rule in ShippingRule.objects.all()}


def parcel_charge(goods_total: Decimal, region: str, rules: dict | None = None) -> Decimal:
    rules = rules_by_region() if rules is None else rules
    rule = rules.get(region) if region else None
    rule = rule or rules.get("")
    if rule is None:
        return Decimal(0)
    if rule.free_above is not None and goods_total >= rule.free_above:
        return Decimal(0)
    return rule.charge


def basket_parcels(basket) -> dict[int, Decimal]:
    """Goods total per seller (partner id) in a basket, after discounts."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for line in basket.all_lines():
        if line.stockrecord_id is None:
            continue
        totals[line.stockrecord.partner_id] += line.line_price_incl_tax_incl_discounts or 0
    return dict(totals)


def basket_charges(basket, region: str) -> dict[int, Decimal]:
    rules = rules_by_region()
    return {partner_id: parcel_charge(total, region, rules)
            for partner_id, total in basket_parcels(basket).items()}
