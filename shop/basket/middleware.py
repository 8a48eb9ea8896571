"""Oscar's basket middleware, applying the offers with the per-request applicator."""

from oscar.apps.basket import middleware

from shop.basket.applicator import Applicator


class BasketMiddleware(middleware.BasketMiddleware):
    def apply_offers_to_basket(self, request, basket):
        if not basket.is_empty:
            Applicator().apply(basket, request.user, request)
