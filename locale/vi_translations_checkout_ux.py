"""Vietnamese for the basket and checkout pages (sellers on basket lines, delivery explained
before and after the address) and the date formats. bin/messages merges every
locale/vi_translations*.py table."""

VI = {
    # Basket lines (templates/oscar/basket/partials/basket_content.html)
    "Seller:": "Người bán:",
    # Delivery before the address is known (templates/shipping/delivery_rules.html)
    "Delivery is charged per seller, once you enter your address": "Phí giao hàng tính theo từng người bán, sau khi bạn nhập địa chỉ",
    "Each seller sends its own parcel. What a parcel costs depends on the region of your "
    "address:": "Mỗi người bán tự gửi kiện hàng của mình. Phí mỗi kiện tùy theo vùng của địa chỉ "
    "nhận hàng:",
    "the North": "Miền Bắc",
    "Central Vietnam": "Miền Trung",
    "the South": "Miền Nam",
    "other regions": "Các vùng khác",
    "every region": "Mọi vùng",
    "%(region)s: %(charge)s per parcel, free when the parcel's goods reach %(threshold)s": "%(region)s: %(charge)s mỗi kiện, miễn phí khi tiền hàng trong kiện từ %(threshold)s",
    "%(region)s: %(charge)s per parcel": "%(region)s: %(charge)s mỗi kiện",
    "Each seller sends its own parcel. Delivery is free.": "Mỗi người bán tự gửi kiện hàng của mình. Giao hàng miễn phí.",
    # Delivery per parcel at the checkout steps (templates/shipping/delivery_parcels.html)
    "Delivery to %(province)s, per seller": "Phí giao hàng đến %(province)s, theo từng người bán",
    "free: the goods in this parcel reach %(threshold)s": "miễn phí: tiền hàng trong kiện từ %(threshold)s",
    "flat charge for your region": "phí đồng giá cho vùng của bạn",
    "flat charge for every region": "phí đồng giá cho mọi vùng",
    ", free from %(threshold)s of goods": ", miễn phí khi tiền hàng từ %(threshold)s",
    "no delivery charge": "không tính phí giao hàng",
    # Province order key (catalog/models.py)
    "sort key": "khóa sắp xếp",
}
