"""Reference data the shop needs: Vietnam as the shipping country, payment source types,
the order-confirmation message type."""

from django.db import transaction
from oscar.core.loading import get_model

from shop.payments.methods import ALL_METHODS

Country = get_model("address", "Country")
SourceType = get_model("payment", "SourceType")
CommunicationEventType = get_model("communication", "CommunicationEventType")


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
        _, created = SourceType.objects.get_or_create(
            code=method.code, defaults={"name": method.source_type_name}
        )
        changed += created
    _, created = CommunicationEventType.objects.get_or_create(
        code="ORDER_PLACED",
        defaults={"name": "Order placed", "category": CommunicationEventType.ORDER_RELATED},
    )
    changed += created
    return changed
