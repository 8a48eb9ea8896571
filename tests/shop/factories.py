"""Factories of the shop: orders of products from one or several sellers."""

from oscar.core.loading import get_model
from oscar.test.factories import create_order

from catalog.partner.strategy import Default
from shop.order.services import parts_create


def order_create(*products, quantity=1, payment_method=None):
    """An order with one line per product (each product's seller gets its own line); with a
    ``payment_method`` ("cod", "vietqr", "card") it is split into seller parts as checkout does."""
    Basket = get_model("basket", "Basket")
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, quantity)
    order = create_order(basket=basket)
    if payment_method:
        parts_create(order=order, payment_method=payment_method)
    return order
