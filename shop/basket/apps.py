import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Fork of Oscar's basket: lines load with everything pricing and the basket page need,
    so a basket costs the same few queries for 1 line or 100."""

    name = "shop.basket"
    label = "basket"
