from oscar.apps.shipping import repository

from shop.shipping.methods import SellerDelivery


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        return [SellerDelivery(shipping_addr)]
