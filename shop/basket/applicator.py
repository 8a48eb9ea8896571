"""Offers read once per request, however often the basket is priced in it.

The basket middleware applies the offers when it loads the basket; an add to the basket, or a
change on the basket page, applies them again to tell the buyer what was gained or lost
(``shop.basket.utils.BasketMessageGenerator``). Oscar's applicator reads the site's offers and
the basket's voucher offers each time, though neither changes within the request: this one
keeps them on the request, per basket and user, and the second application reuses them.

Oscar's voucher views, the only ones that change a basket's vouchers, apply Oscar's own
applicator (``offer.applicator``, not forked), which reads afresh.
"""

from oscar.apps.offer import applicator


class Applicator(applicator.Applicator):
    def get_offers(self, basket, user=None, request=None):
        if request is None:
            return super().get_offers(basket, user, request)
        cache = getattr(request, "_basket_offers", None)
        if cache is None:
            cache = request._basket_offers = {}
        key = (basket.id, getattr(user, "pk", None))
        if key not in cache:
            cache[key] = super().get_offers(basket, user, request)
        return cache[key]
