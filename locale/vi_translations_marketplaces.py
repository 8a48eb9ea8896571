"""Vietnamese for "Also on Lazada" marketplace links, their redirect and the click report
(catalog/marketplaces.py, catalog/marketplace_views.py and their templates)."""

VI = {
    # Models (catalog/models.py)
    "product": "sản phẩm",
    "marketplace link": "liên kết sàn thương mại điện tử",
    "marketplace links": "liên kết sàn thương mại điện tử",
    "marketplace click": "lượt bấm sang sàn",
    "marketplace clicks": "lượt bấm sang sàn",
    "from page": "từ trang",
    # Address rules (catalog/marketplaces.py)
    "Choose one of the marketplaces.": "Hãy chọn một sàn thương mại điện tử.",
    "Enter the product's address on %(marketplace)s.": "Hãy nhập địa chỉ của sản phẩm trên %(marketplace)s.",
    "The address is too long: at most %(limit)d characters.": "Địa chỉ quá dài: tối đa %(limit)d ký tự.",
    "The address must not contain spaces or control characters.": "Địa chỉ không được chứa dấu cách hoặc ký tự điều khiển.",
    "The address must start with https://.": "Địa chỉ phải bắt đầu bằng https://.",
    "Enter a valid web address.": "Hãy nhập một địa chỉ web hợp lệ.",
    "The address must not contain a user name or password.": "Địa chỉ không được chứa tên đăng nhập hoặc mật khẩu.",
    "The address must not include a port number.": "Địa chỉ không được kèm số cổng.",
    "Use the marketplace's domain name, not an IP address.": "Hãy dùng tên miền của sàn, không dùng địa chỉ IP.",
    "This address is not on %(marketplace)s (allowed: %(hosts)s).": "Địa chỉ này không thuộc %(marketplace)s (chỉ chấp nhận: %(hosts)s).",
    # Product page (templates/includes/marketplace_links.html)
    "Also on %(name)s": "Có bán trên %(name)s",
    "(opens in a new tab)": "(mở trong thẻ mới)",
    # Click report (templates/oscar/dashboard/marketplace_clicks.html)
    "Unknown seller: showing all sellers.": "Không tìm thấy người bán này: đang hiển thị tất cả người bán.",
    "Marketplace clicks": "Lượt bấm sang sàn",
    "How often buyers followed an “Also on …” button from a product page to another marketplace. Crawlers and link previews are not counted.": "Số lần người mua bấm nút “Có bán trên …” ở trang sản phẩm để sang sàn thương mại điện tử khác. Không tính lượt truy cập của máy tìm kiếm và trình xem trước liên kết.",
    "Seller": "Người bán",
    "All sellers": "Tất cả người bán",
    "Show": "Xem",
    "Clicks on products of %(name)s": "Lượt bấm vào sản phẩm của %(name)s",
    "Clicks on products of all sellers": "Lượt bấm vào sản phẩm của mọi người bán",
    "Product": "Sản phẩm",
    "Marketplace": "Sàn",
    "Last %(days)s days": "%(days)s ngày qua",
    "All time": "Từ trước đến nay",
    "No product has a marketplace link yet.": "Chưa có sản phẩm nào có liên kết sang sàn.",
}
