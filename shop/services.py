"""The reference data the shop's apps need: Vietnam as the shipping country, a payment source
type per payment method, the order-confirmation message type.

Kept here, above the shop's apps, because it spans them and the Oscar apps we use without
forking (address, payment, communication). The source types and the message type are made by
the payments and order services, which the checkout and the confirmation e-mail also call when
a row is missing. Loaded by ``manage.py load_reference_data`` (and the demo data and the
tests), any number of times.
"""

from django.db import transaction
from oscar.core.loading import get_model

from shop.order.services import order_placed_event_type_ensure
from shop.payments.methods import ALL_METHODS
from shop.payments.services import source_type_ensure

Country = get_model("address", "Country")


@transaction.atomic
def shop_reference_data_load() -> int:
    changed = 0
    _, created = Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )
    changed += created
    for method in ALL_METHODS:
        _, created = source_type_ensure(method)
        changed += created
    changed += order_placed_event_type_ensure()
    return changed
