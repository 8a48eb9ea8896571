"""Vietnamese for order parts per seller, shipping rules, payment methods and the seller's
order actions in the dashboard. bin/messages merges every locale/vi_translations*.py table."""

VI = {
    # Order parts
    "Awaiting payment": "Chờ thanh toán",
    "Waiting for the seller": "Chờ người bán xác nhận",
    "Being prepared": "Đang chuẩn bị hàng",
    "Shipped": "Đã gửi hàng",
    "Delivered": "Đã giao",
    "Cancelled": "Đã hủy",
    "Cash on delivery": "Thanh toán khi nhận hàng",
    "Bank transfer (VietQR)": "Chuyển khoản ngân hàng (VietQR)",
    "Card": "Thẻ",
    "the buyer": "người mua",
    "the seller": "người bán",
    "unpaid in time": "quá hạn thanh toán",
    "seller": "người bán",
    "part number": "số phần",
    "status": "trạng thái",
    "payment method": "phương thức thanh toán",
    "goods": "tiền hàng",
    "delivery": "phí giao hàng",
    "paid at": "thanh toán lúc",
    "confirmed at": "xác nhận lúc",
    "shipped at": "gửi hàng lúc",
    "delivered at": "giao xong lúc",
    "cancelled at": "hủy lúc",
    "cancelled by": "người hủy",
    "carrier": "đơn vị vận chuyển",
    "tracking number": "mã vận đơn",
    "refunded": "đã hoàn tiền",
    "order part": "phần đơn hàng",
    "order parts": "các phần đơn hàng",
    "remind the buyer after (hours)": "nhắc người mua sau (giờ)",
    "cancel unpaid parts after (hours)": "hủy phần chưa thanh toán sau (giờ)",
    "payment terms": "thời hạn thanh toán",
    "Remind after at least one hour.": "Chỉ nhắc sau ít nhất một giờ.",
    "Cancel later than the reminder, so the buyer has time to pay after it.": "Thời điểm hủy phải sau lời nhắc, để người mua còn thời gian thanh toán.",
    "Payment terms": "Thời hạn thanh toán",
    "Order part %(code)s is already “%(status)s”; nothing was changed.": "Phần đơn hàng %(code)s đã ở trạng thái “%(status)s”; không có gì thay đổi.",
    # Shipping rules
    "Everywhere": "Mọi nơi",
    "North": "Miền Bắc",
    "Central": "Miền Trung",
    "South": "Miền Nam",
    "buyer's region": "vùng của người mua",
    "charge per seller parcel (₫)": "phí mỗi kiện của một người bán (₫)",
    "free when the parcel's goods reach (₫)": "miễn phí khi tiền hàng trong kiện đạt (₫)",
    "Leave empty for no free delivery.": "Để trống nếu không miễn phí giao hàng.",
    "shipping rule": "quy tắc phí giao hàng",
    "shipping rules": "quy tắc phí giao hàng",
    "Delivered by each seller": "Mỗi người bán tự giao hàng",
    "Each seller sends its own parcel; delivery is charged per parcel.": "Mỗi người bán gửi một kiện riêng; phí giao hàng tính theo từng kiện.",
    # Payment methods
    "Pay the delivery person in cash when each seller's parcel arrives.": "Trả tiền mặt cho người giao hàng khi kiện hàng của từng người bán đến nơi.",
    "Scan one QR code per seller with any Vietnamese banking app; each seller ships once it "
    "sees your transfer.": "Quét mã QR của từng người bán bằng bất kỳ ứng dụng ngân hàng nào; người bán gửi hàng "
    "khi nhận được tiền chuyển khoản.",
    "Card (Visa, Mastercard, JCB)": "Thẻ (Visa, Mastercard, JCB)",
    "Pay the whole order on Stripe's secure page; 3-D Secure supported.": "Thanh toán cả đơn hàng trên trang bảo mật của Stripe; hỗ trợ xác thực 3-D Secure.",
    # Seller actions
    "Own delivery": "Tự giao hàng",
    "Carrier": "Đơn vị vận chuyển",
    "Tracking number": "Mã vận đơn",
    "Use the carrier's code: letters, digits, dashes.": "Nhập mã của đơn vị vận chuyển: chữ cái, chữ số, dấu gạch ngang.",
    "Name the carrier.": "Hãy ghi tên đơn vị vận chuyển.",
    "Only bank transfers are confirmed by the seller.": "Người bán chỉ xác nhận các khoản chuyển khoản ngân hàng.",
    "Payment of %(amount)s for part %(code)s recorded. The buyer is told.": "Đã ghi nhận khoản thanh toán %(amount)s cho phần %(code)s. Người mua đã được báo.",
    "Part %(code)s confirmed. The buyer is told.": "Đã xác nhận phần %(code)s. Người mua đã được báo.",
    "Part %(code)s marked as shipped. The buyer gets the tracking number.": "Đã ghi nhận gửi hàng phần %(code)s. Người mua nhận được mã vận đơn.",
    "Part %(code)s marked as delivered.": "Đã ghi nhận giao xong phần %(code)s.",
    "Part %(code)s cancelled; its stock is back on sale. The buyer is told.": "Đã hủy phần %(code)s; hàng đã trở lại kho để bán. Người mua đã được báo.",
    "Part %(code)s · %(seller)s": "Phần %(code)s · %(seller)s",
    "Payment": "Thanh toán",
    "paid %(when)s": "đã thanh toán %(when)s",
    "Goods": "Tiền hàng",
    "Delivery": "Phí giao hàng",
    "Part total": "Tổng phần này",
    "Cash to collect on delivery": "Tiền mặt cần thu khi giao",
    "Shipped with": "Gửi qua",
    "Cancelled by": "Người hủy",
    "Refunded to the card": "Đã hoàn vào thẻ",
    "Check your bank account for a transfer of %(amount)s with the reference of this order "
    "before confirming.": "Hãy kiểm tra tài khoản ngân hàng có khoản chuyển %(amount)s với nội dung là mã đơn "
    "này trước khi xác nhận.",
    "Transfer received": "Đã nhận tiền chuyển khoản",
    "Confirm the order": "Xác nhận đơn hàng",
    "Mark as shipped": "Đánh dấu đã gửi hàng",
    "Delivered, cash collected": "Đã giao, đã thu tiền mặt",
    "Cancel this part of the order?": "Hủy phần này của đơn hàng?",
    "Cancel this part": "Hủy phần này",
    "Parts by seller": "Các phần theo người bán",
    "Buyer's phone": "Điện thoại người mua",
    # Marketplace links in the product editor (missing from the seller work)
    "Also sold on": "Cũng bán trên",
    "Addresses of this product on Postmart, Lazada, Shopee, Tiki, TikTok Shop, Sendo or Voso "
    "(https only). Buyers see an “Also on” button; clicks are counted.": "Địa chỉ của sản phẩm này trên Postmart, Lazada, Shopee, Tiki, TikTok Shop, Sendo hoặc "
    "Voso (chỉ https). Người mua thấy nút “Cũng có trên”; số lượt bấm được đếm.",
}

VI.update(
    {
        "Search filters are unavailable for a moment; here is a simple list instead.": "Bộ lọc tìm kiếm tạm thời không dùng được; đây là danh sách đơn giản thay thế.",
    }
)
