"""Stripe keys for the test (never real ones), Stripe's API replaced at the HTTP layer, and a
card order with two sellers: 185.000 ₫ + 325.000 ₫ of goods, 30.000 ₫ delivery per parcel."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create
from tests.shop.payments.stripe_fake import WEBHOOK_SECRET, RecordedStripe

ShippingRule = get_model("shipping", "ShippingRule")


@pytest.fixture(autouse=True)
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_51QhZk2eZvKYlo2COcopTestKeyForTheSuiteOnly00"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_51QhZk2eZvKYlo2COcopTestKeyForTheSuiteOnly00"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


@pytest.fixture
def stripe_api():
    """Every Stripe request of the test goes to recorded responses; none leaves the machine."""
    from shop.payments import gateway

    with gateway.use_http_client(RecordedStripe()) as fake:
        yield fake


@pytest.fixture
def two_sellers(reference_data):
    ShippingRule.objects.create(region="", charge=Decimal(30000))
    coffee = product_create(
        seller=SellerFactory(name="HTX Cà phê Ea Tu"),
        title="Cà phê Robusta Ea Tu 500g",
        price=185000,
        stock=10,
    )
    tea = product_create(
        seller=SellerFactory(name="HTX Chè Shan Tuyết"),
        title="Chè Shan Tuyết cổ thụ 200g",
        price=325000,
        stock=10,
    )
    return coffee, tea


@pytest.fixture
def card_order(two_sellers):
    """A placed card order, both parts waiting for the payment (570.000 ₫ in all)."""
    from shop.order.services import parts_create
    from tests.shop.factories import order_create

    order = order_create(*two_sellers)
    order.guest_email = "mai@example.com"
    order.save(update_fields=["guest_email"])
    if not order.parts.exists():
        parts_create(order=order, payment_method="card")
    return order
