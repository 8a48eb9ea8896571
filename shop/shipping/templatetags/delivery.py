"""Delivery explained to the buyer: the rules on the basket page (before the address is
known), each seller's parcel with its charge and the reason at the checkout steps."""

from django import template

from shop.shipping.rules import Reason, basket_parcel_rows, delivery_rules, region_for_address

register = template.Library()


@register.inclusion_tag("shipping/delivery_rules.html")
def delivery_rules_note(basket):
    rules = delivery_rules()
    return {"rules": rules, "basket": basket, "has_regional": any(rule.region for rule in rules)}


@register.inclusion_tag("shipping/delivery_parcels.html")
def delivery_parcels(basket, shipping_address=None):
    region = region_for_address(shipping_address) if shipping_address else ""
    return {
        "basket": basket,
        "parcels": basket_parcel_rows(basket, region) if region else [],
        "region": region,
        "province": getattr(shipping_address, "state", ""),
        "Reason": Reason,
    }
