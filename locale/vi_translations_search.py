"""Vietnamese for search and listing pages (search/, templates/oscar/search/, the header box
and its type-ahead). bin/messages merges every locale/vi_translations*.py table."""

VI = {
    # Sorts (search/api.py)
    "Most popular": "Phổ biến nhất",
    # Facets (search/facets.py)
    "OCOP star rating": "Hạng sao OCOP",
    "Seller type": "Loại người bán",
    "Availability": "Tình trạng hàng",
    "Also sold on": "Có bán trên",
    "In stock": "Còn hàng",
    "%(stars)s stars": "%(stars)s sao",
    "Under %(price)s": "Dưới %(price)s",
    "From %(price)s": "Từ %(price)s",
    "Filters": "Bộ lọc",
    "chosen": "đã chọn",
    "Chosen filters": "Bộ lọc đã chọn",
    "Remove filter": "Bỏ bộ lọc",
    "Clear all filters": "Bỏ tất cả bộ lọc",
    "No products match these filters.": "Không có sản phẩm nào khớp với các bộ lọc này.",
    "Some choices in the address were not recognised and were left out.": "Một số lựa chọn trong địa chỉ trang không hợp lệ nên đã được bỏ qua.",
    # Results
    "Showing results for <strong>%(corrected)s</strong>": "Đang hiển thị kết quả cho <strong>%(corrected)s</strong>",
    "(you typed “%(query)s”)": "(bạn đã gõ “%(query)s”)",
    "Sellers": "Người bán",
    "Pages of results": "Các trang kết quả",
    "Previous": "Trang trước",
    "Next": "Trang sau",
    "Page %(number)s of %(pages)s": "Trang %(number)s / %(pages)s",
    # Header box and type-ahead
    "Suggestions": "Gợi ý",
    "{count} suggestions, use the up and down arrows to choose": "{count} gợi ý, dùng phím mũi tên lên xuống để chọn",
}
