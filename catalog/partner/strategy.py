"""Pricing and availability. Prices in VND include VAT (as Vietnamese shelf prices do), so no
tax is added. A product can be bought only while it is public, approved by moderation and
sold by an approved seller: the basket and checkout ask this strategy, so an unapproved
product cannot reach an order even by a crafted request."""

from oscar.apps.partner import availability
from oscar.apps.partner.strategy import Default as OscarDefault
from oscar.apps.partner.strategy import Selector as OscarSelector


class Default(OscarDefault):
    def availability_policy(self, product, stockrecord):
        if not _is_on_sale(product, stockrecord):
            return availability.Unavailable()
        return super().availability_policy(product, stockrecord)


def _is_on_sale(product, stockrecord) -> bool:
    if stockrecord is None or stockrecord.partner.status != stockrecord.partner.Status.APPROVED:
        return False
    if product.is_child:
        product = product.parent
    return product.is_public and product.moderation_status == product.Moderation.APPROVED


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
