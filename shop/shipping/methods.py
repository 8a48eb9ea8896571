from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from shop.shipping.rules import basket_charges, region_for_address


class SellerDelivery(Base):
    """Every seller delivers its own parcel; the charge is the sum of the parcels' charges."""

    code = "seller-delivery"
    name = _("Delivered by each seller")
    description = _("Each seller sends its own parcel; delivery is charged per parcel.")

    def __init__(self, shipping_addr=None):
        self.region = region_for_address(shipping_addr) if shipping_addr else ""

    def calculate(self, basket):
        total = sum(basket_charges(basket, self.region).values(), Decimal(0))
        return prices.Price(currency=basket.currency, excl_tax=total, incl_tax=total)
