"""The published import template: its columns, in order, and how a header cell is matched.

The headers are Vietnamese because the template is (sellers fill it in Excel); a header is
recognised case-insensitively, whatever the Unicode normal form, spacing or diacritics, so
"MA SKU" and "mã sku" both mean "Mã SKU". A column may also answer to other names
(``aliases``): the English texts' columns to their field names too ("title_en").
"""

import re
from dataclasses import dataclass

from core.text import fold_vietnamese


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    guide: str  # how to fill it, in Vietnamese, for the guide sheet of the template
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "sku",
        "Mã SKU",
        True,
        "Mã hàng của bạn, không trùng trong cửa hàng, tối đa 128 ký tự. Nhập lại tệp với "
        "cùng mã SKU thì sản phẩm được cập nhật, không tạo thêm.",
        "CF-EATU-500",
    ),
    Column(
        "title",
        "Tên sản phẩm",
        True,
        "Tên hiển thị cho người mua, tối đa 255 ký tự.",
        "Cà phê Robusta rang mộc Ea Tu 500g",
    ),
    Column(
        "description",
        "Mô tả",
        False,
        "Giới thiệu sản phẩm: nguyên liệu, cách làm, bảo quản.",
        "Cà phê Robusta trồng ở xã Ea Tu, rang mộc không tẩm ướp.",
    ),
    Column(
        "title_en",
        "Tên tiếng Anh",
        False,
        "Tên cho người mua đọc tiếng Anh, tối đa 255 ký tự; để trống thì trang tiếng Anh hiện "
        "tên tiếng Việt.",
        "Ea Tu roasted Robusta coffee 500g",
        aliases=("title_en", "English name"),
    ),
    Column(
        "description_en",
        "Mô tả tiếng Anh",
        False,
        "Mô tả cho người mua đọc tiếng Anh; để trống thì trang tiếng Anh hiện mô tả tiếng Việt.",
        "Robusta grown in Ea Tu commune, roasted plain.",
        aliases=("description_en", "English description"),
    ),
    Column(
        "group",
        "Nhóm OCOP",
        True,
        "Mã phân nhóm (hoặc nhóm) OCOP theo Quyết định 148/QĐ-TTg, xem bảng mã bên dưới.",
        "1.9",
    ),
    Column(
        "province",
        "Tỉnh/thành phố xuất xứ",
        True,
        "Tên tỉnh, thành phố (có dấu hoặc không dấu) hoặc mã 2 chữ số, xem danh sách bên dưới.",
        "Đắk Lắk",
    ),
    Column(
        "origin_place",
        "Nơi sản xuất",
        False,
        "Xã, phường, thôn bản nơi làm ra sản phẩm.",
        "Xã Ea Tu",
    ),
    Column(
        "price",
        "Giá (VND)",
        True,
        "Số đồng, không có phần lẻ, từ 1.000 đến 1.000.000.000. Viết 185000, 185.000 hoặc 185,000.",
        "185.000",
    ),
    Column("stock", "Tồn kho", True, "Số lượng đang có để bán, từ 0 đến 1.000.000.", "120"),
    Column(
        "stars",
        "Số sao OCOP",
        False,
        "3, 4 hoặc 5; để trống nếu sản phẩm chưa được chứng nhận OCOP.",
        "4",
    ),
    Column(
        "certificate_number",
        "Số giấy chứng nhận",
        False,
        "Bắt buộc khi có số sao; tối đa 64 ký tự.",
        "66-2025-OCOP-0042",
    ),
    Column(
        "issuing_authority",
        "Cơ quan cấp",
        False,
        "UBND tỉnh, thành phố (3-4 sao) hoặc cơ quan trung ương (5 sao).",
        "UBND tỉnh Đắk Lắk",
    ),
    Column(
        "decision_number",
        "Số quyết định",
        False,
        "Số quyết định công nhận; tối đa 64 ký tự.",
        "1234/QĐ-UBND",
    ),
    Column(
        "decision_date",
        "Ngày quyết định",
        False,
        "Ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
        "15/03/2025",
    ),
    Column(
        "valid_from",
        "Hiệu lực từ",
        False,
        "Bắt buộc khi có số sao; ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
        "15/03/2025",
    ),
    Column(
        "valid_until",
        "Hiệu lực đến",
        False,
        "Bắt buộc khi có số sao; phải sau ngày hiệu lực từ (giấy chứng nhận có hiệu lực 36 tháng).",
        "14/03/2028",
    ),
)

BY_KEY = {column.key: column for column in COLUMNS}

# The certificate columns travel together: when a file has any of them, the file is the truth
# for all of them (a missing one counts as empty); when it has none, an update leaves the
# product's certificate alone. That keeps the certificate rules checkable row by row.
CERTIFICATE_KEYS = (
    "stars",
    "certificate_number",
    "issuing_authority",
    "decision_number",
    "decision_date",
    "valid_from",
    "valid_until",
)


def header_key(text) -> str:
    """The form a header is compared in: folded (no case, no diacritics) and without spaces."""
    return re.sub(r"\s+", "", fold_vietnamese(str(text or "")))


_BY_HEADER = {
    header_key(name): column for column in COLUMNS for name in (column.header, *column.aliases)
}


def column_for(header) -> Column | None:
    return _BY_HEADER.get(header_key(header))
