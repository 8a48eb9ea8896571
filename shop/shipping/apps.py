import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    """Fork of Oscar's shipping app: each seller ships its own parcel, charged by the
    admin's rules for the buyer's region (see ``shop.shipping.rules``)."""

    name = "shop.shipping"
    label = "shipping"
