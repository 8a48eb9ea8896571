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
    return {
        partner_id: parcel_charge(total, region, rules)
        for partner_id, total in basket_parcels(basket).items()
    }


# --- what the buyer reads about delivery ----------------------------------------------------
# The basket page explains the rules before the address is known; the checkout steps show
# each seller's parcel with its charge and why (the region's flat charge, or free above the
# threshold). Both read the same rules as ``parcel_charge``.


class Reason:
    FLAT = "flat"  # the rule's charge for the buyer's region (or everywhere)
    FREE = "free"  # the parcel's goods reach the rule's threshold
    NO_RULE = "no_rule"  # no rule applies: delivery is free


def applicable_rule(region: str, rules: dict):
    return (rules.get(region) if region else None) or rules.get("")


def delivery_rules() -> list[ShippingRule]:
    """The rules in the order buyers read them: north, central, south, then everywhere else."""
    order = {"north": 0, "central": 1, "south": 2, "": 3}
    return sorted(ShippingRule.objects.all(), key=lambda r: order.get(r.region, 9))


def basket_parcel_rows(basket, region: str) -> list[dict]:
    """One row per seller in the basket, in the order of the basket's lines: the seller, the
    parcel's goods, its delivery charge, the reason (``Reason``) and the rule applied."""
    rules = rules_by_region()
    rule = applicable_rule(region, rules)
    rows: dict[int, dict] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None:
            continue
        partner = line.stockrecord.partner
        row = rows.setdefault(partner.pk, {"seller": partner, "goods": Decimal(0)})
        row["goods"] += line.line_price_incl_tax_incl_discounts or 0
    for row in rows.values():
        row["charge"] = parcel_charge(row["goods"], region, rules)
        row["rule"] = rule
        if rule is None:
            row["reason"] = Reason.NO_RULE
        elif rule.free_above is not None and row["goods"] >= rule.free_above:
            row["reason"] = Reason.FREE
        else:
            row["reason"] = Reason.FLAT
    return list(rows.values())
