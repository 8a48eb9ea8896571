import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    """Fork of Oscar's checkout: Vietnamese address form, choice of payment method."""

    name = "shop.checkout"
    label = "checkout"
