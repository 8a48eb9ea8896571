"""Basket messages after a change, with the offers the middleware already read.

Loaded by Oscar's basket views through ``get_class("basket.utils", ...)``."""

from django.contrib import messages
from oscar.apps.basket import utils

from shop.basket.applicator import Applicator


class BasketMessageGenerator(utils.BasketMessageGenerator):
    def apply_messages(self, request, offers_before):
        # Oscar's, with the applicator that reuses the request's offers.
        request.basket.reset_offer_applications()
        Applicator().apply(request.basket, request.user, request)
        offers_after = request.basket.applied_offers()
        for level, msg in self.get_messages(request.basket, offers_before, offers_after):
            messages.add_message(request, level, msg, extra_tags="safe noicon")
