"""Vietnamese for card payments through Stripe (shop/payments: the card page, refunds) and the
dashboard page of what the platform owes each seller. bin/messages merges every
locale/vi_translations*.py table. A seller's part of an order is a parcel, "kiện hàng"."""

VI = {
    # Stripe's page: the line per seller parcel and the payment's description
    "%(seller)s – parcel %(code)s": "%(seller)s – kiện hàng %(code)s",
    "Order %(number)s": "Đơn hàng %(number)s",
    # Going to the card page
    "Card payments are not available at the moment. Your order is kept; please try again later or contact us.": "Hiện chưa thể thanh toán bằng thẻ. Đơn hàng của bạn vẫn được giữ; vui lòng thử lại sau hoặc liên hệ với chúng tôi.",
    "Your card payment for this order has been received.": "Chúng tôi đã nhận được khoản thanh toán bằng thẻ cho đơn hàng này.",
    "Nothing in this order is waiting for a card payment.": "Đơn hàng này không còn kiện hàng nào chờ thanh toán bằng thẻ.",
    "Your card payment is being confirmed; this page will show it in a moment.": "Khoản thanh toán bằng thẻ của bạn đang được xác nhận; trang này sẽ cập nhật trong giây lát.",
    "We could not open the card payment page. Nothing was charged and your order is kept; please try again in a few minutes or contact us.": "Không mở được trang thanh toán bằng thẻ. Bạn chưa bị trừ tiền và đơn hàng vẫn được giữ; vui lòng thử lại sau vài phút hoặc liên hệ với chúng tôi.",
    # Refunds when a paid part is cancelled
    "The card refund for %(code)s did not go through, so the part was not cancelled. Please try again in a few minutes or contact us.": "Chưa hoàn được tiền về thẻ cho kiện hàng %(code)s nên kiện hàng chưa được hủy. Vui lòng thử lại sau vài phút hoặc liên hệ với chúng tôi.",
    "The card payment for %(code)s cannot be found, so it could not be refunded and the part was not cancelled. Please contact us.": "Không tìm thấy khoản thanh toán bằng thẻ của kiện hàng %(code)s nên chưa hoàn tiền được và kiện hàng chưa được hủy. Vui lòng liên hệ với chúng tôi.",
    # Dashboard: owed to sellers
    "Owed to sellers": "Tiền phải trả người bán",
    "Buyers who pay by card pay the platform for the whole order. Each seller is owed what buyers paid by card for its parcels (goods and delivery), less what was refunded to buyers and what the platform has already paid out.": "Người mua trả bằng thẻ thì thanh toán cả đơn hàng cho sàn. Sàn nợ mỗi người bán số tiền người mua đã trả bằng thẻ cho các kiện hàng của người bán đó (tiền hàng và phí giao hàng), trừ đi phần đã hoàn cho người mua và phần sàn đã chuyển cho người bán.",
    "Seller": "Người bán",
    "Paid by card": "Đã trả bằng thẻ",
    "Refunded to buyers": "Đã hoàn cho người mua",
    "Paid out to the seller": "Đã chuyển cho người bán",
    "Owed": "Còn nợ",
    "No card sales yet.": "Chưa có đơn hàng nào trả bằng thẻ.",
    "All sellers": "Tất cả người bán",
    "Record a payout": "Ghi nhận khoản chuyển tiền",
    "After transferring money to a seller, record it here. A payout can be at most what the seller is owed.": "Sau khi chuyển tiền cho người bán, hãy ghi nhận tại đây. Số tiền chuyển không được vượt quá số sàn còn nợ người bán đó.",
    "Record payout": "Ghi nhận",
    "Payouts": "Các khoản đã chuyển",
    "Date": "Ngày",
    "Amount": "Số tiền",
    "Transfer reference": "Mã giao dịch chuyển khoản",
    "No payouts recorded yet.": "Chưa ghi nhận khoản chuyển tiền nào.",
    "Choose a seller": "Chọn người bán",
    "Amount (₫)": "Số tiền (₫)",
    "Whole đồng, e.g. 1.250.000": "Số đồng chẵn, ví dụ 1.250.000",
    "The bank's reference for the transfer.": "Mã giao dịch ngân hàng của lần chuyển khoản.",
    "Enter a whole number of đồng, e.g. 1250000 or 1.250.000.": "Nhập số đồng chẵn, ví dụ 1250000 hoặc 1.250.000.",
    "The amount must be more than 0 ₫.": "Số tiền phải lớn hơn 0 ₫.",
    "This amount is too large.": "Số tiền này quá lớn.",
    "%(seller)s is owed %(owed)s; a payout of %(amount)s is more than that. Nothing was recorded.": "Sàn chỉ còn nợ %(seller)s %(owed)s; khoản chuyển %(amount)s lớn hơn số đó. Chưa ghi nhận gì.",
    "The payout was not recorded; please correct the form.": "Khoản chuyển tiền chưa được ghi nhận; vui lòng sửa lại các ô bị lỗi.",
    "Payout of %(amount)s to %(seller)s recorded.": "Đã ghi nhận khoản chuyển %(amount)s cho %(seller)s.",
    # Models (Django admin)
    "Card payments": "Thanh toán bằng thẻ",
    "card payment": "khoản thanh toán bằng thẻ",
    "card payments": "các khoản thanh toán bằng thẻ",
    "amount": "số tiền",
    "Waiting for the card": "Chờ thanh toán bằng thẻ",
    "Paid": "Đã thanh toán",
    "Expired": "Đã hết hạn",
    "transfer reference": "mã giao dịch chuyển khoản",
    "payout to a seller": "khoản chuyển tiền cho người bán",
    "payouts to sellers": "các khoản chuyển tiền cho người bán",
}
