"""Fill a database with a national-size catalogue: sellers, products, marketplace links and
past orders, believable and in Vietnamese, for the search and site benchmarks.

    DATABASE_URL=postgres://postgres@127.0.0.1:55432/ocop_bench \\
        .venv/bin/python bench/generate.py --products 100000 --sellers 5000

Needs a migrated database with the reference data (``manage.py load_reference_data``: the 34
provinces, the OCOP group tree, the product class). Deterministic: the same ``--seed`` and
sizes give the same rows (dates are counted back from the day it runs, so certificates stay
in force in the same proportion whenever it runs).

What it makes (default sizes):
- 5,000 sellers in all 34 provinces: cooperatives ("HTX Cà phê Cầu Đất"), household businesses
  ("Hộ kinh doanh Nguyễn Thị Hoa"), youth startups ("Mầm Xanh Farm"); approved but for 1 %
  suspended; each with a story, commune, phone, tax code and a bank account for VietQR.
- 100,000 products spread unevenly over the sellers (a few sellers have hundreds), named from
  the words of each OCOP sub-group with a place and a pack size ("Cà phê Robusta rang mộc hữu
  cơ Buôn Ma Thuột 500g"); about 85 % with a 3 to 5 star certificate (some lapsed), prices
  15.000–2.000.000 ₫, about 8 % out of stock; 96 % approved and public, the rest waiting for
  review, rejected, drafts or hidden, so that "only public things" is exercised. Each has an
  Oscar product class, one OCOP sub-group category and a stock record of its seller.
- marketplace links on about 15 % of the products, with clicks; and past orders (one per five
  products by default) with order lines and seller parts, so popularity is not flat.
- 20,000 startups: one per youth-startup or cooperative seller, then new youth-startup sellers
  until the count is reached; teams of two to four (most founders under 36), awards on a fifth,
  95 % shown, 40 % verified by their province's youth union; 20,000 signed-in visitors who follow
  them (a few startups have many followers, a tenth of the follows this month); pitches with an
  approved version on about a third; 40,000 leads (interest) with their counts.

Rows are written with ``bulk_create`` in large batches: no model signals are sent, so the
search index is not touched (rebuild it afterwards: ``bench/bench_search.py`` does).

For the site benchmark, more kinds of rows join as one more entry in ``STEPS``:
a function taking the ``Context`` (random generator, reference data and what earlier steps
made) and returning how many rows it made. ``generate()`` is the importable entry point.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import random
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Clock, django_setup

SELLER_CODE_PREFIX = "gen-"  # how the generator recognises its own sellers
SKU_PREFIX = "GEN-"
ORDER_NUMBER_BASE = 90_000_000  # far above Oscar's 100000 + basket id
BATCH = 5000
MIN_PRICE, MAX_PRICE = 15_000, 2_000_000

# --- Vocabulary ------------------------------------------------------------------------------
# Places buyers search for, by province (GSO code since 1 July 2025; merged provinces keep
# their well-known place names).
PLACES = {
    "01": ["Bát Tràng", "Vạn Phúc", "Nhật Tân", "Đường Lâm", "Ba Vì"],
    "04": ["Trùng Khánh", "Bảo Lạc", "Quảng Hòa", "Nguyên Bình"],
    "08": ["Hà Giang", "Đồng Văn", "Na Hang", "Hàm Yên", "Hoàng Su Phì"],
    "11": ["Mường Thanh", "Tủa Chùa", "Mường Ảng", "Mường Nhé"],
    "12": ["Tam Đường", "Sìn Hồ", "Phong Thổ", "Than Uyên"],
    "14": ["Mộc Châu", "Yên Châu", "Thuận Châu", "Vân Hồ"],
    "15": ["Sa Pa", "Bắc Hà", "Mù Cang Chải", "Tú Lệ", "Văn Chấn"],
    "19": ["Tân Cương", "Đại Từ", "Ba Bể", "Định Hóa"],
    "20": ["Bắc Sơn", "Mẫu Sơn", "Đình Lập", "Hữu Lũng"],
    "22": ["Vân Đồn", "Tiên Yên", "Bình Liêu", "Cô Tô", "Đầm Hà"],
    "24": ["Lục Ngạn", "Đông Hồ", "Yên Thế", "Tiên Du"],
    "25": ["Thanh Sơn", "Mai Châu", "Tam Đảo", "Tân Lạc", "Đoan Hùng"],
    "31": ["Cát Bà", "Thanh Hà", "Chí Linh", "Kinh Môn"],
    "33": ["Khoái Châu", "Phố Hiến", "Kiến Xương", "Văn Giang"],
    "37": ["Tràng An", "Kim Sơn", "Giao Thủy", "Lý Nhân", "Nho Quan"],
    "38": ["Như Thanh", "Bá Thước", "Sầm Sơn", "Ngọc Lặc", "Thọ Xuân"],
    "40": ["Nam Đàn", "Quỳ Hợp", "Con Cuông", "Diễn Châu", "Kỳ Sơn"],
    "42": ["Hương Sơn", "Vũ Quang", "Phúc Trạch", "Hương Khê"],
    "44": ["Khe Sanh", "Hướng Hóa", "Đồng Hới", "Minh Hóa", "Gio Linh"],
    "46": ["Phong Điền", "Thủy Biều", "A Lưới", "Hương Trà"],
    "48": ["Hội An", "Trà My", "Hòa Vang", "Đại Lộc", "Tiên Phước"],
    "51": ["Lý Sơn", "Ngọc Linh", "Ba Tơ", "Đăk Tô", "Sơn Tây"],
    "52": ["Pleiku", "Chư Sê", "Tam Quan", "Tuy Phước", "Mang Yang"],
    "56": ["Nha Trang", "Phan Rang", "Cam Ranh", "Ninh Hải", "Khánh Vĩnh"],
    "66": ["Buôn Ma Thuột", "Ea Tu", "Krông Pắc", "Tuy Hòa", "Cư M'gar", "Buôn Đôn"],
    "68": ["Đà Lạt", "Cầu Đất", "Bảo Lộc", "Gia Nghĩa", "Phan Thiết", "Di Linh"],
    "75": ["Long Khánh", "Bù Đăng", "Tân Phú", "Định Quán"],
    "79": ["Củ Chi", "Cần Giờ", "Thủ Dầu Một", "Long Hải", "Hóc Môn"],
    "80": ["Trảng Bàng", "Bến Lức", "Gò Dầu", "Cần Giuộc"],
    "82": ["Sa Đéc", "Cao Lãnh", "Cái Bè", "Lấp Vò", "Tháp Mười"],
    "86": ["Bến Tre", "Cầu Kè", "Mỏ Cày", "Trà Vinh", "Tam Bình"],
    "91": ["Châu Đốc", "Phú Quốc", "Tri Tôn", "Tịnh Biên", "Hòn Đất"],
    "92": ["Phong Điền", "Sóc Trăng", "Ngã Bảy", "Vị Thanh", "Cái Răng"],
    "96": ["U Minh", "Năm Căn", "Bạc Liêu", "Đầm Dơi", "Ngọc Hiển"],
}

PACKS = {  # pack size label -> price factor
    "weight": [("200g", 0.5), ("250g", 0.6), ("500g", 1.0), ("1kg", 1.8), ("túi 2kg", 3.2)],
    "grain": [("túi 2kg", 1.0), ("túi 5kg", 2.3), ("bao 10kg", 4.2), ("hộp quà 1kg", 0.8)],
    "fruit": [("1kg", 1.0), ("thùng 3kg", 2.7), ("thùng 5kg", 4.2), ("hộp quà 2 quả", 1.4)],
    "liquid": [("chai 300ml", 0.6), ("chai 500ml", 1.0), ("chai 1 lít", 1.8), ("can 2 lít", 3.2)],
    "honey": [("hũ 250g", 0.6), ("chai 500ml", 1.0), ("chai 1 lít", 1.8)],
    "tea": [("gói 100g", 0.5), ("hộp 200g", 1.0), ("túi 500g", 2.2), ("hộp quà 2 gói", 1.8)],
    "box": [("hộp 10 gói", 1.0), ("hộp 20 gói", 1.8), ("túi 500g", 1.4), ("bộ quà tặng", 2.5)],
    "piece": [("", 1.0), ("bộ 2 chiếc", 1.8), ("cỡ lớn", 1.6), ("cỡ nhỏ", 0.7)],
    "cosmetic": [("50g", 0.6), ("100ml", 1.0), ("hộp 3 bánh", 1.5)],
    "oil": [("chai 10ml", 0.5), ("chai 50ml", 1.0), ("chai 100ml", 1.7)],
    "plant": [("chậu nhỏ", 0.6), ("chậu lớn", 1.5), ("cây giống", 0.3), ("", 1.0)],
    "flower": [("chậu 2 cành", 1.0), ("chậu 5 cành", 2.2), ("bó 10 cành", 0.8)],
    "animal": [("", 1.0), ("một cặp", 1.8)],
    "tour": [("1 ngày", 1.0), ("2 ngày 1 đêm", 2.2), ("vé người lớn", 0.4), ("vé trẻ em", 0.25)],
}

# OCOP sub-group -> (share of products, short word for seller names,
#                    [(product type, typical price for pack factor 1, packs, typical provinces)])
GROUPS = {
    "1.1": (
        8,
        "Nông sản",
        [
            ("Bưởi da xanh", 70_000, "fruit", ("86", "82")),
            ("Bưởi Diễn", 60_000, "fruit", ("01",)),
            ("Xoài cát Hòa Lộc", 85_000, "fruit", ("82",)),
            ("Sầu riêng Ri6", 120_000, "fruit", ("66", "82", "75")),
            ("Vải thiều", 55_000, "fruit", ("24", "31")),
            ("Cam Vinh", 45_000, "fruit", ("40",)),
            ("Thanh long ruột đỏ", 40_000, "fruit", ("68", "80")),
            ("Nhãn lồng", 50_000, "fruit", ("33",)),
            ("Bơ sáp", 60_000, "fruit", ("66", "68")),
            ("Măng cụt", 75_000, "fruit", ("86",)),
            ("Khoai lang mật", 35_000, "weight", ("68",)),
            ("Nấm hương rừng", 250_000, "weight", ("20", "04")),
            ("Cam sành", 40_000, "fruit", ("08", "86")),
            ("Na dai", 65_000, "fruit", ("20",)),
        ],
    ),
    "1.2": (
        7,
        "Đặc sản",
        [
            ("Khô cá lóc", 320_000, "weight", ("96", "91")),
            ("Khô cá sặc", 280_000, "weight", ("96", "82")),
            ("Tôm khô", 450_000, "weight", ("96",)),
            ("Mực một nắng", 550_000, "weight", ("22", "56")),
            ("Chả cá thu", 220_000, "weight", ("22",)),
            ("Lạp xưởng tươi", 180_000, "weight", ("92",)),
            ("Thịt trâu gác bếp", 650_000, "weight", ("11", "08", "14")),
            ("Thịt heo gác bếp", 550_000, "weight", ("12", "14")),
            ("Trứng vịt muối", 60_000, "box", ("82",)),
            ("Nem chua", 90_000, "box", ("38",)),
            ("Giò bò", 280_000, "weight", ("01",)),
            ("Chà bông cá hồi", 240_000, "weight", ("15",)),
        ],
    ),
    "1.3": (
        7,
        "Gạo",
        [
            ("Gạo ST25", 45_000, "grain", ("92",)),
            ("Gạo nếp cái hoa vàng", 60_000, "grain", ("33",)),
            ("Gạo tám thơm", 40_000, "grain", ("11", "37")),
            ("Gạo lứt đỏ", 50_000, "grain", ("82", "91")),
            ("Gạo Séng Cù", 42_000, "grain", ("15",)),
            ("Nếp Tú Lệ", 65_000, "grain", ("15",)),
            ("Bột sắn dây", 180_000, "weight", ("38", "40")),
            ("Miến dong", 90_000, "weight", ("04", "08")),
            ("Bún gạo lứt", 60_000, "weight", ()),
            ("Phở khô", 55_000, "weight", ("37",)),
        ],
    ),
    "1.4": (
        5,
        "Mật ong",
        [
            ("Mật ong hoa cà phê", 220_000, "honey", ("66", "52")),
            ("Mật ong rừng", 380_000, "honey", ("96", "08", "11")),
            ("Mật ong bạc hà", 420_000, "honey", ("08",)),
            ("Mật ong hoa nhãn", 200_000, "honey", ("33",)),
            ("Mật ong hoa vải", 190_000, "honey", ("24",)),
            ("Phấn hoa", 260_000, "honey", ()),
            ("Sữa ong chúa", 450_000, "honey", ()),
        ],
    ),
    "1.5": (
        12,
        "Thực phẩm",
        [
            ("Bánh pía sầu riêng", 95_000, "box", ("92",)),
            ("Bánh tráng phơi sương", 60_000, "box", ("80",)),
            ("Bánh đa nem", 45_000, "box", ()),
            ("Kẹo dừa", 55_000, "box", ("86",)),
            ("Mứt gừng", 80_000, "box", ()),
            ("Hạt điều rang muối", 260_000, "weight", ("75", "52")),
            ("Hạt mắc ca sấy", 320_000, "weight", ("66", "68")),
            ("Chuối sấy dẻo", 70_000, "weight", ()),
            ("Mít sấy", 90_000, "weight", ()),
            ("Bánh cốm", 65_000, "box", ("01",)),
            ("Bánh gai", 50_000, "box", ("37",)),
            ("Ruốc tôm", 300_000, "weight", ()),
            ("Bánh tráng trộn", 40_000, "box", ("79", "80")),
            ("Đậu phộng rang", 80_000, "weight", ()),
            ("Chuối ép", 75_000, "weight", ("46",)),
        ],
    ),
    "1.6": (
        6,
        "Nước mắm",
        [
            ("Nước mắm cá cơm", 120_000, "liquid", ("91", "56", "31")),
            ("Nước mắm nhĩ", 180_000, "liquid", ("91", "44", "48")),
            ("Mắm tôm", 60_000, "liquid", ("38",)),
            ("Mắm ruốc", 70_000, "liquid", ("46",)),
            ("Tương bần", 45_000, "liquid", ("33",)),
            ("Mắm cá linh", 110_000, "liquid", ("91", "82")),
            ("Mắm nêm", 55_000, "liquid", ("48",)),
        ],
    ),
    "1.7": (
        6,
        "Gia vị",
        [
            ("Tiêu đen", 180_000, "weight", ("66", "91", "52")),
            ("Tiêu sọ", 260_000, "weight", ()),
            ("Tiêu đỏ", 320_000, "weight", ("66",)),
            ("Bột quế", 90_000, "weight", ("51", "38")),
            ("Hoa hồi", 220_000, "weight", ("20",)),
            ("Ớt bột", 70_000, "weight", ()),
            ("Muối tôm", 50_000, "weight", ("80",)),
            ("Gừng sấy", 120_000, "weight", ()),
            ("Mắc khén", 280_000, "weight", ("14", "11")),
            ("Tinh bột nghệ", 250_000, "weight", ()),
        ],
    ),
    "1.8": (
        8,
        "Chè",
        [
            ("Chè Shan tuyết cổ thụ", 400_000, "tea", ("08", "12", "15")),
            ("Chè Tân Cương", 250_000, "tea", ("19",)),
            ("Trà ô long", 350_000, "tea", ("68",)),
            ("Chè búp", 180_000, "tea", ("19", "25")),
            ("Trà sen", 450_000, "tea", ("01",)),
            ("Chè móc câu", 280_000, "tea", ("19",)),
            ("Hồng trà", 300_000, "tea", ("14",)),
            ("Trà xanh", 150_000, "tea", ("68",)),
        ],
    ),
    "1.9": (
        9,
        "Cà phê",
        [
            ("Cà phê Robusta rang mộc", 185_000, "weight", ("66", "52")),
            ("Cà phê Arabica", 260_000, "weight", ("68", "14", "44")),
            ("Cà phê phin", 160_000, "weight", ("66",)),
            ("Cà phê hạt rang xay", 200_000, "weight", ("66", "68")),
            ("Cà phê chồn", 900_000, "weight", ("66",)),
            ("Ca cao nguyên chất", 150_000, "weight", ("86", "66")),
            ("Bột ca cao", 140_000, "weight", ("86",)),
            ("Sô cô la đen", 120_000, "box", ("86", "68")),
        ],
    ),
    "2.1": (
        5,
        "Rượu",
        [
            ("Rượu cần", 150_000, "liquid", ("66", "52")),
            ("Rượu ngô men lá", 120_000, "liquid", ("08", "15")),
            ("Rượu nếp cái", 110_000, "liquid", ()),
            ("Rượu sim", 180_000, "liquid", ("91",)),
            ("Rượu mơ", 160_000, "liquid", ("01",)),
            ("Rượu táo mèo", 170_000, "liquid", ("15",)),
            ("Rượu Bàu Đá", 220_000, "liquid", ("52",)),
        ],
    ),
    "2.2": (
        5,
        "Đồ uống",
        [
            ("Nước cốt chanh dây", 65_000, "liquid", ("68", "66")),
            ("Nước ép thanh long", 55_000, "liquid", ("80",)),
            ("Siro dâu tây", 90_000, "liquid", ("68",)),
            ("Nước yến sào", 250_000, "box", ("56",)),
            ("Nước dừa", 35_000, "liquid", ("86",)),
            ("Trà atiso đóng chai", 45_000, "liquid", ("68",)),
        ],
    ),
    "3.1": (
        3,
        "Dược liệu",
        [
            ("Sâm Ngọc Linh", 1_500_000, "weight", ("51",)),
            ("Đông trùng hạ thảo", 800_000, "box", ()),
            ("Nấm linh chi", 450_000, "weight", ()),
            ("Ba kích tím", 350_000, "weight", ("22",)),
            ("Cà gai leo", 180_000, "weight", ()),
            ("Giảo cổ lam", 200_000, "weight", ("25",)),
            ("Hà thủ ô đỏ", 300_000, "weight", ("08",)),
        ],
    ),
    "3.2": (
        3,
        "Thảo dược",
        [
            ("Trà atiso túi lọc", 110_000, "box", ("68",)),
            ("Cao atiso", 180_000, "box", ("68",)),
            ("Trà giảo cổ lam", 130_000, "box", ()),
            ("Viên tinh nghệ mật ong", 220_000, "box", ()),
            ("Trà túi lọc lá sen", 95_000, "box", ("37",)),
        ],
    ),
    "3.3": (
        3,
        "Mỹ phẩm",
        [
            ("Xà phòng nghệ", 55_000, "cosmetic", ()),
            ("Dầu gội bồ kết", 120_000, "cosmetic", ()),
            ("Son dưỡng sáp ong", 90_000, "cosmetic", ()),
            ("Xà phòng sả chanh", 50_000, "cosmetic", ()),
            ("Mặt nạ bột cám gạo", 80_000, "cosmetic", ()),
        ],
    ),
    "3.4": (
        3,
        "Tinh dầu",
        [
            ("Tinh dầu sả chanh", 75_000, "oil", ()),
            ("Tinh dầu tràm", 85_000, "oil", ("46",)),
            ("Tinh dầu quế", 95_000, "oil", ("51", "38")),
            ("Tinh dầu bưởi", 90_000, "oil", ()),
            ("Tinh dầu bạc hà", 110_000, "oil", ("08",)),
            ("Tinh dầu hồi", 120_000, "oil", ("20",)),
        ],
    ),
    "4.1": (
        4,
        "Mây tre đan",
        [
            ("Giỏ mây tre đan", 130_000, "piece", ()),
            ("Làn cói", 150_000, "piece", ("37",)),
            ("Bình gốm men lam", 450_000, "piece", ("01",)),
            ("Bộ ấm chén gốm", 650_000, "piece", ("01",)),
            ("Khay gỗ", 180_000, "piece", ()),
            ("Đũa tre", 60_000, "piece", ()),
            ("Đèn lồng tre", 220_000, "piece", ("48",)),
            ("Túi lục bình", 190_000, "piece", ("86",)),
            ("Gốm Bàu Trúc", 380_000, "piece", ("56",)),
        ],
    ),
    "4.2": (
        3,
        "Thổ cẩm",
        [
            ("Khăn thổ cẩm", 280_000, "piece", ("66", "52", "15")),
            ("Túi thổ cẩm", 250_000, "piece", ("15", "08")),
            ("Vải lanh", 350_000, "piece", ("15",)),
            ("Lụa tơ tằm", 650_000, "piece", ("01", "48")),
            ("Khăn lụa", 300_000, "piece", ("01",)),
            ("Ví thổ cẩm", 150_000, "piece", ()),
            ("Chăn thổ cẩm", 900_000, "piece", ("11",)),
        ],
    ),
    "4.3": (
        3,
        "Quà lưu niệm",
        [
            ("Tranh Đông Hồ", 250_000, "piece", ("24",)),
            ("Tranh gạo", 300_000, "piece", ()),
            ("Nón lá bài thơ", 90_000, "piece", ("46",)),
            ("Tượng gỗ", 600_000, "piece", ()),
            ("Tranh sơn mài", 1_200_000, "piece", ("79",)),
            ("Quạt giấy", 70_000, "piece", ()),
        ],
    ),
    "5.1": (
        2,
        "Hoa",
        [
            ("Lan hồ điệp", 450_000, "flower", ("68",)),
            ("Hoa hồng Đà Lạt", 150_000, "flower", ("68",)),
            ("Địa lan", 600_000, "flower", ()),
            ("Hoa cúc mâm xôi", 120_000, "flower", ("82",)),
            ("Đào Nhật Tân", 800_000, "plant", ("01",)),
            ("Mai vàng", 700_000, "plant", ("46", "52")),
        ],
    ),
    "5.2": (
        2,
        "Cây cảnh",
        [
            ("Bonsai sanh", 900_000, "plant", ()),
            ("Cây kim tiền", 180_000, "plant", ()),
            ("Tùng La Hán", 1_200_000, "plant", ()),
            ("Sen đá", 50_000, "plant", ("68",)),
            ("Quất cảnh", 400_000, "plant", ("01",)),
        ],
    ),
    "5.3": (
        1,
        "Sinh vật cảnh",
        [
            ("Cá Koi", 700_000, "animal", ()),
            ("Cá bảy màu", 80_000, "animal", ()),
            ("Gà Đông Tảo", 1_200_000, "animal", ("33",)),
        ],
    ),
    "6.1": (
        2,
        "Du lịch cộng đồng",
        [
            ("Tour trải nghiệm bản làng", 450_000, "tour", ("15", "08", "14")),
            ("Homestay nhà sàn", 350_000, "tour", ("25", "14")),
            ("Trải nghiệm làm gốm", 200_000, "tour", ("01", "56")),
            ("Trải nghiệm hái chè", 180_000, "tour", ("19",)),
        ],
    ),
    "6.2": (
        2,
        "Du lịch sinh thái",
        [
            ("Tour miệt vườn", 350_000, "tour", ("82", "86", "92")),
            ("Tour rừng tràm", 250_000, "tour", ("91",)),
            ("Vé khu sinh thái", 120_000, "tour", ()),
            ("Tour đảo", 650_000, "tour", ("22", "91", "56")),
        ],
    ),
}
QUALIFIERS = {  # by top-level group
    "1": ["", "", "", "đặc sản", "hữu cơ", "truyền thống", "loại 1", "thượng hạng", "sạch"],
    "2": ["", "", "đặc sản", "truyền thống", "nguyên chất"],
    "3": ["", "", "tự nhiên", "nguyên chất", "hữu cơ"],
    "4": ["", "", "thủ công", "truyền thống", "mỹ nghệ"],
    "5": ["", "", ""],
    "6": ["", ""],
}
SENTENCES = [
    "Được làm theo cách truyền thống của bà con địa phương, không chất bảo quản.",
    "Nguyên liệu chọn lọc từ vùng trồng đạt chuẩn VietGAP.",
    "Đóng gói cẩn thận, phù hợp làm quà biếu dịp lễ Tết.",
    "Sản phẩm của thanh niên khởi nghiệp, liên kết với các hộ đồng bào dân tộc thiểu số.",
    "Có truy xuất nguồn gốc bằng mã QR trên bao bì.",
    "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.",
    "Hương vị đậm đà, được nhiều khách hàng tin dùng.",
    "Quy trình sản xuất khép kín, an toàn vệ sinh thực phẩm.",
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lò",
    "Hà",
    "Sùng",
    "Giàng",
]
ETHNIC_NAMES = [
    "H'Hen Niê",
    "Y Moan Êban",
    "H'Bia Mlô",
    "Y Sao Byă",
    "Lò Văn Pọm",
    "Giàng A Páo",
    "Sùng Thị Mỷ",
    "Hà Thị Kim",
    "Vàng A Chứ",
    "Ka Hoa",
    "K'Brel",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Xuân"]
GIVEN = [
    "Hoa",
    "Lan",
    "Hùng",
    "Dũng",
    "Tuấn",
    "Mai",
    "Hương",
    "Nam",
    "Phúc",
    "Thảo",
    "Linh",
    "Bình",
    "An",
    "Khoa",
    "Trang",
    "Sơn",
    "Hải",
    "Vy",
    "Hạnh",
    "Long",
    "Nhung",
    "Duyên",
]
BRAND_A = [
    "Mộc",
    "Xanh",
    "Đất",
    "Hương",
    "Làng",
    "Bản",
    "Nắng",
    "Mầm",
    "Rẫy",
    "Sương",
    "Núi",
    "Suối",
    "Tre",
    "Lúa",
    "Mây",
    "Gió",
]
BRAND_B = ["Quê", "Việt", "Lành", "Xanh", "Ta", "Nhà", "Sớm", "Mới", "Ngàn", "Vàng", "Thơm"]
BRAND_SUFFIX = ["", "", " Farm", " Foods", " Organic", " Việt Nam", " Craft", " Garden"]
MARKETPLACE_WEIGHTS = {
    "shopee": 30,
    "lazada": 20,
    "tiktok": 15,
    "tiki": 12,
    "postmart": 10,
    "sendo": 8,
    "voso": 5,
}
MARKETPLACE_URLS = {
    "shopee": "https://shopee.vn/{slug}-i.{seller}.{n}",
    "lazada": "https://www.lazada.vn/products/{slug}-i{n}.html",
    "tiktok": "https://shop.tiktok.com/view/product/{n}",
    "tiki": "https://tiki.vn/{slug}-p{n}.html",
    "postmart": "https://postmart.vn/san-pham/{slug}-{n}",
    "sendo": "https://www.sendo.vn/{slug}-{n}.html",
    "voso": "https://voso.vn/{slug}-{n}",
}


# --- Generation ------------------------------------------------------------------------------
class MadeProduct(NamedTuple):
    id: int
    stockrecord_id: int
    sku: str
    seller_index: int  # into Context.seller_rows
    title: str
    slug: str
    price: int
    approved: bool


@dataclass
class Context:
    """What the steps share: sizes, the seeded random generator, reference data, and the
    ids and facts earlier steps produced (in creation order)."""

    products: int
    sellers: int
    orders: int
    rng: random.Random
    now: datetime.datetime
    say: Callable[[str], None]
    provinces: dict = field(default_factory=dict)  # code -> Province
    categories: dict = field(default_factory=dict)  # OCOP code -> category id
    product_class_id: int = 0
    seller_rows: list = field(default_factory=list)  # [id, name, province code, specialties]
    product_rows: list[MadeProduct] = field(default_factory=list)
    startups: int = 0
    visitors: int = 0
    leads: int = 0
    startup_ids: list[int] = field(default_factory=list)
    visitor_ids: list[int] = field(default_factory=list)
    expo_booths: int = 0
    expo_halls: int = 0
    expo_products: int = 0  # featured per booth


@contextmanager
def explicit_timestamps(*models):
    """Let ``bulk_create`` keep the dates we give (spread over past years) instead of stamping
    every row with now: auto_now/auto_now_add are switched off for this block only."""
    saved = []
    for model in models:
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                saved.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def _person(rng) -> str:
    if rng.random() < 0.1:
        return rng.choice(ETHNIC_NAMES)
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _price(rng, typical: int, factor: float) -> int:
    """Round thousands of đồng near the typical price of the pack, within the site's range."""
    value = typical * factor * rng.lognormvariate(0, 0.25)
    step = 1000 if value < 200_000 else 5000
    return int(min(MAX_PRICE, max(MIN_PRICE, round(value / step) * step)))


def _specialties(rng, province_code: str) -> list[str]:
    """One to three OCOP sub-groups a seller makes, preferring what its province is known for."""
    codes = list(GROUPS)
    weights = [
        GROUPS[c][0] * (4 if any(province_code in t[3] for t in GROUPS[c][2]) else 1) for c in codes
    ]
    count = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
    chosen = []
    while len(chosen) < count:
        pick = rng.choices(codes, weights=weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _seller_name(rng, kind: str, specialty: str, place: str) -> tuple[str, str]:
    """(display name, legal name) as such sellers call themselves."""
    word = GROUPS[specialty][1]
    if kind == "cooperative":
        name = rng.choice(
            [
                f"HTX {word} {place}",
                f"HTX Nông nghiệp {place}",
                f"HTX {word} thanh niên {place}",
                f"Hợp tác xã {word} {place}",
                f"HTX Dịch vụ nông nghiệp {place}",
            ]
        )
        return name, name.replace("HTX ", "Hợp tác xã ", 1)
    if kind == "household":
        person = _person(rng)
        name = rng.choice(
            [
                f"Hộ kinh doanh {person}",
                f"Cơ sở {word} {person.split()[-1]} {place}",
                f"Cơ sở sản xuất {word} {person}",
            ]
        )
        return name, f"Hộ kinh doanh {person}"
    brand = f"{rng.choice(BRAND_A)} {rng.choice(BRAND_B)}"
    if rng.random() < 0.3:
        brand = f"{rng.choice(BRAND_A)} {place}"
    name = brand + rng.choice(BRAND_SUFFIX)
    return name, f"Công ty TNHH {brand}"


def _seller_story(rng, kind, name, place, province, founded, specialty) -> str:
    word = GROUPS[specialty][1].lower()
    start = f"{name} được thành lập năm {founded} tại {place}, {province.full_name}."
    middle = {
        "cooperative": f" Hợp tác xã có {rng.randrange(7, 120)} thành viên, liên kết với "
        f"{rng.randrange(20, 400)} hộ trồng và chế biến {word}.",
        "household": f" Gia đình ba thế hệ làm {word} theo cách truyền thống của quê hương.",
        "startup": f" Nhóm thanh niên khởi nghiệp đưa {word} quê nhà lên sàn thương mại điện tử.",
    }[kind]
    return start + middle + " " + rng.choice(SENTENCES)


def sellers_create(ctx: Context) -> int:
    from oscar.core.loading import get_model

    from core.text import fold_vietnamese, vn_slugify
    from shop.payments.banks import banks

    Partner = get_model("partner", "Partner")
    rng, codes = ctx.rng, sorted(ctx.provinces)
    bins = [bank.bin for bank in banks()]
    kinds = ["cooperative", "household", "startup"]
    batch = []
    for index in range(ctx.sellers):
        # The first 34 cover every province; the rest are spread at random.
        province_code = codes[index] if index < len(codes) else rng.choice(codes)
        province = ctx.provinces[province_code]
        place = rng.choice(PLACES.get(province_code) or [province.name])
        kind = rng.choices(kinds, weights=[35, 35, 30])[0]
        specialties = _specialties(rng, province_code)
        name, legal_name = _seller_name(rng, kind, specialties[0], place)
        founded = rng.randrange(2015 if kind == "startup" else 1995, ctx.now.year + 1)
        batch.append(
            Partner(
                code=f"{SELLER_CODE_PREFIX}{vn_slugify(name)[:100]}-{index + 1}",
                name=name[:128],
                legal_name=legal_name[:255],
                kind=kind,
                status="suspended" if rng.random() < 0.01 else "approved",
                description=_seller_story(
                    rng, kind, name, place, province, founded, specialties[0]
                ),
                province_id=province.pk,
                commune=f"{rng.choice(['Xã', 'Phường'])} {place}",
                phone=f"0{rng.choice('398')}{rng.randrange(10**8):08d}",
                founded_year=founded,
                tax_code=""
                if kind == "household" and rng.random() < 0.5
                else f"{rng.randrange(10**9, 10**10)}",
                bank_bin=rng.choice(bins),
                bank_account_number=f"{rng.randrange(10**9, 10**13)}",
                bank_account_holder=fold_vietnamese(legal_name).upper()[:100],
                managed_by_union=rng.random() < 0.05,
            )
        )
        ctx.seller_rows.append([None, name, province_code, specialties])
    for start in range(0, len(batch), BATCH):
        Partner.objects.bulk_create(batch[start : start + BATCH])
    for row, partner in zip(ctx.seller_rows, batch, strict=True):
        row[0] = partner.pk
    return len(batch)


def _certificate(rng, province, today: datetime.date, seq: int) -> dict:
    stars = rng.choices([None, 3, 4, 5], weights=[15, 47, 30, 8])[0]
    if stars is None:
        return {}
    decided = today - datetime.timedelta(days=rng.randrange(0, 1200))  # ~9 % have lapsed
    national = stars == 5
    return {
        "ocop_stars": stars,
        "ocop_certificate_number": f"{province.code}-{decided.year}-OCOP-{seq:06d}",
        "ocop_issuing_authority": (
            "Bộ Nông nghiệp và Môi trường" if national else f"UBND {province.full_name}"
        ),
        "ocop_decision_number": f"{rng.randrange(100, 9999)}/QĐ-{'BNNMT' if national else 'UBND'}",
        "ocop_decision_date": decided,
        "ocop_valid_from": decided,
        "ocop_valid_until": decided + datetime.timedelta(days=3 * 365 - 1),
    }


def products_create(ctx: Context) -> int:
    from oscar.core.loading import get_model

    from core.text import vn_slugify

    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    StockRecord = get_model("partner", "StockRecord")
    rng, today = ctx.rng, ctx.now.date()
    if not ctx.seller_rows:
        raise SystemExit("No sellers to give products to (--sellers 0?).")
    # A few sellers have hundreds of products, many a handful, some none yet.
    weights = [rng.lognormvariate(0, 1.1) for _ in ctx.seller_rows]
    owners = rng.choices(range(len(ctx.seller_rows)), weights=weights, k=ctx.products)
    statuses = ["approved", "submitted", "rejected", "draft"]
    made = 0
    for start in range(0, ctx.products, BATCH):
        products, extras = [], []
        for index in range(start, min(start + BATCH, ctx.products)):
            seller_index = owners[index]
            seller_id, seller_name, seller_province, specialties = ctx.seller_rows[seller_index]
            group = rng.choice(specialties)
            types = GROUPS[group][2]
            kind, typical, packs, known_in = rng.choices(
                types, weights=[4 if seller_province in t[3] else 1 for t in types]
            )[0]
            # Mostly made where the seller is; traders also sell from where a product is famous.
            province_code = seller_province
            if known_in and seller_province not in known_in and rng.random() < 0.15:
                province_code = rng.choice(known_in)
            province = ctx.provinces[province_code]
            place = (
                rng.choice(PLACES.get(province_code) or [province.name])
                if rng.random() < 0.7
                else province.name
            )
            pack, factor = rng.choice(PACKS[packs])
            qualifier = rng.choice(QUALIFIERS[group.split(".")[0]])
            title = " ".join(part for part in (kind, qualifier, place, pack) if part)
            if rng.random() < 0.15:
                title += f" - {seller_name}"
            title = title[:255]
            status = rng.choices(statuses, weights=[965, 20, 10, 5])[0]
            created = ctx.now - datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
            description = (
                f"{kind} {place}, {province.full_name}. "
                f"{' '.join(rng.sample(SENTENCES, 2))} Sản phẩm của {seller_name}."
            )
            products.append(
                Product(
                    product_class_id=ctx.product_class_id,
                    structure="standalone",
                    title=title,
                    slug=vn_slugify(title)[:255],
                    description=description,
                    is_public=rng.random() >= 0.005,
                    moderation_status=status,
                    origin_province_id=province.pk,
                    origin_place=f"Xã {place}",
                    date_created=created,
                    date_updated=created,
                    **_certificate(rng, province, today, index + 1),
                )
            )
            price = _price(rng, typical, factor)
            stock = 0 if rng.random() < 0.08 else int(rng.paretovariate(1.2) * 10) - 9
            extras.append(
                (
                    seller_index,
                    seller_id,
                    price,
                    min(stock, 5000),
                    group,
                    created,
                    status == "approved",
                )
            )
        with explicit_timestamps(Product, StockRecord):
            Product.objects.bulk_create(products)
            records = [
                StockRecord(
                    product_id=product.pk,
                    partner_id=seller_id,
                    partner_sku=f"{SKU_PREFIX}{start + offset + 1:06d}",
                    price_currency="VND",
                    price=Decimal(price),
                    num_in_stock=stock,
                    date_created=created,
                    date_updated=created,
                )
                for offset, (product, (_s, seller_id, price, stock, _g, created, _a)) in enumerate(
                    zip(products, extras, strict=True)
                )
            ]
            StockRecord.objects.bulk_create(records)
        ProductCategory.objects.bulk_create(
            [
                ProductCategory(product_id=product.pk, category_id=ctx.categories[extra[4]])
                for product, extra in zip(products, extras, strict=True)
            ]
        )
        for product, record, extra in zip(products, records, extras, strict=True):
            ctx.product_rows.append(
                MadeProduct(
                    product.pk,
                    record.pk,
                    record.partner_sku,
                    extra[0],
                    product.title,
                    product.slug,
                    extra[2],
                    extra[6],
                )
            )
        made += len(products)
        ctx.say(f"  products: {made:,} of {ctx.products:,}")
    return made


def marketplace_links_create(ctx: Context) -> int:
    """About 15 % of products are also sold on 1-3 marketplaces; some links get clicks."""
    from catalog.models import MarketplaceClick, MarketplaceLink

    rng = ctx.rng
    codes, weights = list(MARKETPLACE_WEIGHTS), list(MARKETPLACE_WEIGHTS.values())
    links = []
    for made in ctx.product_rows:
        if rng.random() >= 0.15:
            continue
        chosen = set()
        for _ in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
            chosen.add(rng.choices(codes, weights=weights)[0])
        for code in sorted(chosen):
            url = MARKETPLACE_URLS[code].format(
                slug=made.slug[:80] or "san-pham", seller=made.seller_index + 1000, n=made.id
            )
            links.append(MarketplaceLink(product_id=made.id, marketplace=code, url=url))
    with explicit_timestamps(MarketplaceLink):
        for link in links:
            link.created_at = link.updated_at = ctx.now
        for start in range(0, len(links), BATCH):
            MarketplaceLink.objects.bulk_create(links[start : start + BATCH])
    clicks = []
    for link in links:
        if rng.random() < 0.4:
            for _ in range(int(rng.paretovariate(1.5))):
                clicks.append(
                    MarketplaceClick(
                        link_id=link.pk,
                        from_path=f"/san-pham/{link.product_id}/",
                        clicked_at=ctx.now - datetime.timedelta(seconds=rng.randrange(180 * 86400)),
                    )
                )
    for start in range(0, len(clicks), BATCH):
        MarketplaceClick.objects.bulk_create(clicks[start : start + BATCH])
    ctx.say(f"  {len(links):,} marketplace links, {len(clicks):,} clicks")
    return len(links) + len(clicks)


def orders_create(ctx: Context) -> int:
    """Delivered cash-on-delivery orders of approved products: one to three lines, each
    seller's lines in its own part. A few products sell a lot, most a little or not at all."""
    from django.contrib.sites.models import Site
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    OrderPart = get_model("order", "OrderPart")
    rng = ctx.rng
    sellable = [made for made in ctx.product_rows if made.approved]
    if not sellable or not ctx.orders:
        return 0
    # Cumulative weights once: passing plain weights would sum all of them on every pick.
    popularity = list(itertools.accumulate(rng.lognormvariate(0, 1.6) for _ in sellable))
    site_id = Site.objects.values_list("pk", flat=True).first()
    done = 0
    for start in range(0, ctx.orders, BATCH // 2):
        orders, order_lines = [], []
        for number in range(start, min(start + BATCH // 2, ctx.orders)):
            picks = {
                made.id: made
                for made in rng.choices(
                    sellable,
                    cum_weights=popularity,
                    k=rng.choices([1, 2, 3], weights=[65, 25, 10])[0],
                )
            }
            lines = [
                (made, rng.choices([1, 2, 3, 5], weights=[70, 20, 7, 3])[0])
                for made in picks.values()
            ]
            total = sum(made.price * quantity for made, quantity in lines)
            placed = ctx.now - datetime.timedelta(seconds=rng.randrange(365 * 86400))
            orders.append(
                Order(
                    number=str(ORDER_NUMBER_BASE + number + 1),
                    site_id=site_id,
                    currency="VND",
                    total_incl_tax=total,
                    total_excl_tax=total,
                    shipping_incl_tax=0,
                    shipping_excl_tax=0,
                    shipping_method="Người bán tự giao",
                    shipping_code="seller-delivery",
                    status="Complete",
                    guest_email=f"khach{number + 1}@example.com",
                    date_placed=placed,
                    language="vi",
                )
            )
            order_lines.append((lines, placed))
        Order.objects.bulk_create(orders)
        lines_out, parts_out = [], []
        for order, (lines, placed) in zip(orders, order_lines, strict=True):
            by_seller: dict[int, int] = {}
            for made, quantity in lines:
                seller_id, seller_name = ctx.seller_rows[made.seller_index][:2]
                price, amount = made.price, Decimal(made.price * quantity)
                lines_out.append(
                    Line(
                        order_id=order.pk,
                        partner_id=seller_id,
                        partner_name=seller_name[:128],
                        partner_sku=made.sku,
                        stockrecord_id=made.stockrecord_id,
                        product_id=made.id,
                        title=made.title,
                        quantity=quantity,
                        line_price_incl_tax=amount,
                        line_price_excl_tax=amount,
                        line_price_before_discounts_incl_tax=amount,
                        line_price_before_discounts_excl_tax=amount,
                        unit_price_incl_tax=Decimal(price),
                        unit_price_excl_tax=Decimal(price),
                        status="Complete",
                        num_allocated=0,
                    )
                )  # delivered: allocation consumed
                by_seller[seller_id] = by_seller.get(seller_id, 0) + price * quantity
            for part_number, (seller_id, goods) in enumerate(sorted(by_seller.items()), start=1):
                parts_out.append(
                    OrderPart(
                        order_id=order.pk,
                        partner_id=seller_id,
                        number=part_number,
                        status="completed",
                        payment_method="cod",
                        goods_total=goods,
                        created=placed,
                        confirmed_at=placed + datetime.timedelta(hours=3),
                        shipped_at=placed + datetime.timedelta(days=1),
                        completed_at=placed + datetime.timedelta(days=3),
                        paid_at=placed + datetime.timedelta(days=3),
                    )
                )
        Line.objects.bulk_create(lines_out)
        with explicit_timestamps(OrderPart):
            OrderPart.objects.bulk_create(parts_out)
        done += len(orders)
        ctx.say(f"  orders: {done:,} of {ctx.orders:,} ({len(lines_out):,} lines in this batch)")
    return done


# --- Startups, followers, pitches and leads ---------------------------------------------------
TAGLINES = [
    "Đưa {word} {place} lên sàn thương mại điện tử",
    "{word} sạch từ nông trại thanh niên {place}",
    "Kết nối nông dân {place} với người mua cả nước",
    "Giữ nghề {word} truyền thống, bán theo cách mới",
    "Chuỗi giá trị {word} minh bạch, truy xuất tận gốc",
    "Công nghệ cho {word} của bà con {place}",
]
ROLES = ["Giám đốc điều hành", "Trưởng nhóm sản phẩm", "Phụ trách bán hàng", "Kỹ thuật viên"]
AWARDS = [
    (
        "Cuộc thi Khởi nghiệp sáng tạo cấp tỉnh",
        ["Giải Nhất", "Giải Nhì", "Giải Ba", "Khuyến khích"],
    ),
    ("Cuộc thi Ý tưởng khởi nghiệp thanh niên nông thôn", ["Giải Nhất", "Top 10"]),
    ("Techfest Việt Nam", ["Top 20", "Giải cộng đồng"]),
]
SECTOR_WEIGHTS = {
    "agriculture_food": 45,
    "handicrafts": 12,
    "tourism": 9,
    "education": 6,
    "technology": 10,
    "environment": 8,
    "health": 6,
    "other": 4,
}
STAGES = ["idea", "prototype", "first_sales", "growing", "scaling"]
LOOKING = ["investment", "loan", "grant", "mentoring", "distribution"]
ASKS = ["investment", "loan", "grant", "mentoring", "distribution", "bulk_buyer"]


def _visitor_users(ctx: Context):
    """Signed-in visitors who follow startups and send interest (no password: never log in)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    User = get_user_model()
    unusable = make_password(None)
    batch = [
        User(
            username=f"gen-visitor-{n}",
            email=f"nguoixem{n}@example.com",
            password=unusable,
            first_name=_person(ctx.rng).split()[-1],
        )
        for n in range(ctx.visitors)
    ]
    for start in range(0, len(batch), BATCH):
        User.objects.bulk_create(batch[start : start + BATCH])
    return [user.pk for user in batch]


def startups_create(ctx: Context) -> int:
    """One startup per youth-startup or cooperative seller, and new youth-startup sellers (no
    products yet, most of them) until there are ``ctx.startups``; each with a team of two to
    four (most under 36), some awards, a province unit of the youth union, and followers."""
    from oscar.core.loading import get_model

    from core.text import fold_vietnamese, vn_slugify
    from startups.models import Award, Follow, Startup, TeamMember, UnionUnit
    from startups.services.union import union_units_load

    Partner = get_model("partner", "Partner")
    rng, codes = ctx.rng, sorted(ctx.provinces)
    if not ctx.startups:
        return 0
    union_units_load()
    units = {
        unit.province.code: unit
        for unit in UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE).select_related(
            "province"
        )
    }
    kinds = dict(
        Partner.objects.filter(code__startswith=SELLER_CODE_PREFIX).values_list("pk", "kind")
    )
    owners = [row for row in ctx.seller_rows if kinds.get(row[0]) in ("startup", "cooperative")]
    owners = owners[: ctx.startups]
    extra = []
    for index in range(ctx.startups - len(owners)):
        province_code = rng.choice(codes)
        place = rng.choice(PLACES.get(province_code) or [ctx.provinces[province_code].name])
        specialties = _specialties(rng, province_code)
        name, legal_name = _seller_name(rng, "startup", specialties[0], place)
        extra.append(
            Partner(
                code=f"{SELLER_CODE_PREFIX}ks-{index + 1}",
                name=name[:128],
                legal_name=legal_name[:255],
                kind="startup",
                status="approved",
                description="",
                province_id=ctx.provinces[province_code].pk,
                commune=f"Xã {place}",
                phone=f"09{rng.randrange(10**8):08d}",
                founded_year=rng.randrange(2016, ctx.now.year + 1),
                bank_bin="970436",
                bank_account_number=f"{rng.randrange(10**9, 10**13)}",
                bank_account_holder=fold_vietnamese(legal_name).upper()[:100],
            )
        )
    for start in range(0, len(extra), BATCH):
        Partner.objects.bulk_create(extra[start : start + BATCH])
    owners += [[p.pk, p.name, None, None] for p in extra]
    province_of = dict(
        Partner.objects.filter(pk__in=[p.pk for p in extra]).values_list("pk", "province__code")
    )

    sectors, weights = list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values())
    startups = []
    for index, (partner_id, name, province_code, specialties) in enumerate(owners):
        province_code = province_code or province_of[partner_id]
        place = rng.choice(PLACES.get(province_code) or [ctx.provinces[province_code].name])
        word = GROUPS[(specialties or _specialties(rng, province_code))[0]][1]
        founded = rng.randrange(2015, ctx.now.year + 1)
        created = ctx.now - datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        verified = rng.random() < 0.4
        startups.append(
            Startup(
                partner_id=partner_id,
                union_unit=units[province_code],
                slug=f"{vn_slugify(name)[:60]}-{index + 1}",
                name=name[:120],
                tagline=rng.choice(TAGLINES).format(word=word.lower(), place=place)[:90],
                story=(
                    f"{name} do một nhóm bạn trẻ ở {place} lập năm {founded}. "
                    f"Chúng tôi làm {word.lower()} theo tiêu chuẩn OCOP và bán trực tuyến. "
                    + rng.choice(SENTENCES)
                ),
                founded_year=founded,
                province_id=ctx.provinces[province_code].pk,
                sector=rng.choices(sectors, weights=weights)[0],
                stage=rng.choice(STAGES),
                looking_for=sorted(rng.sample(LOOKING, rng.randrange(0, 3))),
                website=f"https://{vn_slugify(name)[:30]}.vn" if rng.random() < 0.4 else "",
                facebook=f"https://www.facebook.com/{vn_slugify(name)[:30]}"
                if rng.random() < 0.7
                else "",
                published=rng.random() < 0.95,
                verified_by=units[province_code] if verified else None,
                verified_at=created + datetime.timedelta(days=30) if verified else None,
                created=created,
                updated=created,
            )
        )
    with explicit_timestamps(Startup):
        for start in range(0, len(startups), BATCH):
            Startup.objects.bulk_create(startups[start : start + BATCH])
    ctx.startup_ids = [s.pk for s in startups]

    team, awards = [], []
    for startup in startups:
        for position in range(rng.choices([2, 3, 4], weights=[40, 40, 20])[0]):
            young = rng.random() < 0.85
            born = ctx.now.year - (rng.randrange(20, 36) if young else rng.randrange(36, 50))
            team.append(
                TeamMember(
                    startup_id=startup.pk,
                    name=_person(rng),
                    role=ROLES[position % len(ROLES)],
                    birth_year=born,
                    is_founder=position < 2,
                    position=position,
                )
            )
        if rng.random() < 0.2:
            contest, ranks = rng.choice(AWARDS)
            awards.append(
                Award(
                    startup_id=startup.pk,
                    name=contest,
                    year=rng.randrange(startup.founded_year, ctx.now.year + 1),
                    rank=rng.choice(ranks),
                )
            )
    for rows, model in ((team, TeamMember), (awards, Award)):
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[start : start + BATCH])

    # Followers: a few startups are followed by many, most by a handful; a tenth this month.
    ctx.visitor_ids = _visitor_users(ctx)
    follows, counts = [], {}
    month_start = ctx.now.replace(day=1, hour=0, minute=0, second=0)
    for startup in startups:
        n = min(len(ctx.visitor_ids), int(rng.lognormvariate(1.2, 1.1)))
        counts[startup.pk] = n
        for user_id in rng.sample(ctx.visitor_ids, n):
            recent = rng.random() < 0.1
            when = (
                month_start + (ctx.now - month_start) * rng.random()
                if recent
                else ctx.now - datetime.timedelta(seconds=rng.randrange(31 * 86400, 365 * 86400))
            )
            follows.append(Follow(user_id=user_id, startup_id=startup.pk, created=when))
    for start in range(0, len(follows), BATCH):
        Follow.objects.bulk_create(follows[start : start + BATCH])
    for n in set(counts.values()):
        Startup.objects.filter(pk__in=[pk for pk, c in counts.items() if c == n]).update(
            follower_count=n
        )
    ctx.say(f"team members: {len(team):,}, awards: {len(awards):,}, follows: {len(follows):,}")
    return len(startups)


PITCH_TITLES = [
    "Mở rộng xưởng chế biến {word} cho {n} hộ liên kết",
    "Đưa {word} {place} vào chuỗi siêu thị và sàn thương mại điện tử",
    "Vùng nguyên liệu {word} hữu cơ {place}",
    "Kho lạnh và đóng gói {word} đạt chuẩn xuất khẩu",
]


def pitches_create(ctx: Context) -> int:
    """An approved pitch (with traction, use of funds that add up to the ask, milestones and
    its approved version, frozen as the site freezes it) for about a third of the startups, by
    an officer of the startup's province."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db.models import Prefetch

    from core.text import vn_slugify
    from startups.models import (
        FundUse,
        Milestone,
        Officer,
        Pitch,
        PitchVersion,
        Startup,
        TeamMember,
        TractionFigure,
        UnionUnit,
    )
    from startups.selectors import pitch_snapshot

    rng = ctx.rng
    User = get_user_model()
    units = list(UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE))
    unusable = make_password(None)
    officers = {}
    for unit in units:
        user = User.objects.create(
            username=f"gen-officer-{unit.code}", email=f"{unit.code}@example.com", password=unusable
        )
        Officer.objects.create(user=user, unit=unit, title="Cán bộ Ban Thanh niên nông thôn")
        officers[unit.pk] = user
    chosen = [pk for pk in ctx.startup_ids if rng.random() < 0.33]
    startups = Startup.objects.in_bulk(chosen)
    pitches = []
    for startup_id in chosen:
        startup = startups[startup_id]
        word = startup.tagline.split()[0] if startup.tagline else "sản phẩm"
        title = rng.choice(PITCH_TITLES).format(
            word=word.lower(), place=startup.name.split()[-1], n=rng.randrange(20, 300)
        )
        ask = rng.randrange(2, 200) * 10_000_000
        pitches.append(
            Pitch(
                startup_id=startup_id,
                slug=vn_slugify(title)[:70],
                title=title[:150],
                state=Pitch.State.APPROVED,
                problem="Bà con bán nguyên liệu thô cho thương lái với giá thấp và bấp bênh.",
                solution="Chế biến tại chỗ, đóng gói theo tiêu chuẩn OCOP, bán thẳng cho người mua.",
                product=startup.tagline,
                market="Thị trường trong nước tăng đều, người mua thành phố chuộng hàng có nguồn gốc.",
                market_size=rng.randrange(5, 500) * 1_000_000_000,
                business_model="Bán lẻ trực tuyến, bán sỉ cho cửa hàng đặc sản và bếp ăn.",
                competition="Hàng không nhãn ở chợ rẻ hơn nhưng không truy xuất được nguồn gốc.",
                team_note="Nhóm sáng lập là đoàn viên thanh niên địa phương.",
                ask_amount=ask,
                ask_kind=rng.choice(ASKS),
                risks="Thời tiết, giá nguyên liệu và vốn lưu động mùa thu hoạch.",
                created=startup.created,
                updated=startup.created,
                submitted_at=startup.created,
            )
        )
    with explicit_timestamps(Pitch):
        for start in range(0, len(pitches), BATCH):
            Pitch.objects.bulk_create(pitches[start : start + BATCH])
    rows_traction, rows_funds, rows_milestones = [], [], []
    today = ctx.now.date()
    for pitch in pitches:
        first = pitch.ask_amount * rng.randrange(40, 70) // 100
        rows_funds += [
            FundUse(pitch_id=pitch.pk, label="Máy móc và nhà xưởng", amount=first),
            FundUse(pitch_id=pitch.pk, label="Vốn lưu động", amount=pitch.ask_amount - first),
        ]
        rows_traction.append(
            TractionFigure(
                pitch_id=pitch.pk,
                label="Doanh thu năm",
                value=rng.randrange(1, 300) * 10_000_000,
                unit="₫",
                as_of=today - datetime.timedelta(days=rng.randrange(10, 200)),
            )
        )
        rows_milestones.append(
            Milestone(
                pitch_id=pitch.pk,
                when=today + datetime.timedelta(days=rng.randrange(30, 400)),
                text="Xưởng mới đi vào hoạt động",
            )
        )
    for rows, model in (
        (rows_funds, FundUse),
        (rows_traction, TractionFigure),
        (rows_milestones, Milestone),
    ):
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[start : start + BATCH])
    # Freeze each as an approval does, reading the rows in batches (never one query a pitch).
    ids = [pitch.pk for pitch in pitches]
    for start in range(0, len(ids), 1000):
        batch = (
            Pitch.objects.filter(pk__in=ids[start : start + 1000])
            .select_related("startup")
            .prefetch_related(
                "traction",
                "fund_uses",
                "milestones",
                Prefetch("startup__team", queryset=TeamMember.objects.order_by("position", "pk")),
            )
        )
        versions = [
            PitchVersion(
                pitch=pitch,
                number=1,
                content=pitch_snapshot(pitch),
                approved_by=officers[pitch.startup.union_unit_id],
                approved_unit_id=pitch.startup.union_unit_id,
                approved_at=pitch.created + datetime.timedelta(days=7),
            )
            for pitch in batch
        ]
        PitchVersion.objects.bulk_create(versions)
        for pitch, version in zip(batch, versions, strict=True):
            pitch.published_version = version
        Pitch.objects.bulk_update(batch, ["published_version"])
    return len(pitches)


def leads_create(ctx: Context) -> int:
    """Interest sent to startups (a third of it on a pitch), kept in ``interest_count``."""
    import hashlib

    from django.db.models import Count

    from startups.models import Lead, Pitch, Startup

    rng = ctx.rng
    if not ctx.startup_ids:
        return 0
    pitch_of = dict(
        Pitch.objects.filter(published_version__isnull=False).values_list("startup_id", "pk")
    )
    roles = ["investor", "mentor", "buyer", "distributor"]
    leads = []
    for n in range(ctx.leads):
        startup_id = rng.choice(ctx.startup_ids)
        role = rng.choices(roles, weights=[25, 15, 40, 20])[0]
        person = _person(rng)
        message = f"Tôi quan tâm đến sản phẩm của các bạn, muốn trao đổi thêm ({n})."
        leads.append(
            Lead(
                startup_id=startup_id,
                pitch_id=pitch_of.get(startup_id),
                source="pitch" if startup_id in pitch_of else "startup",
                role=role,
                message=message,
                amount_range="100m-500m" if role == "investor" else "",
                name=person,
                email=f"lienhe{n}@example.com",
                user_id=rng.choice(ctx.visitor_ids) if ctx.visitor_ids else None,
                fingerprint=hashlib.sha256(message.encode()).hexdigest(),
                status=rng.choices(
                    ["new", "contacted", "in_talks", "closed"], weights=[40, 30, 20, 10]
                )[0],
                created=ctx.now - datetime.timedelta(seconds=rng.randrange(365 * 86400)),
            )
        )
    for start in range(0, len(leads), BATCH):
        Lead.objects.bulk_create(leads[start : start + BATCH])
    per_startup = Lead.objects.values("startup_id").annotate(n=Count("pk"))
    by_count: dict[int, list[int]] = {}
    for row in per_startup:
        by_count.setdefault(row["n"], []).append(row["startup_id"])
    for n, ids in by_count.items():
        Startup.objects.filter(pk__in=ids).update(interest_count=n)
    return len(leads)


EXPO_SLUG = "trien-lam-khoi-nghiep-ocop-dak-lak-2026"
EXPO_UNIT_PROVINCE = "66"  # Đắk Lắk
# The halls, by OCOP product group: (name, English name, the OCOP sub-groups they gather).
EXPO_HALLS = [
    ("Cà phê và ca cao", "Coffee and cocoa", ("1.9",)),
    ("Nông sản tươi", "Fresh produce", ("1.1", "1.3")),
    ("Mật ong và đặc sản", "Honey and specialities", ("1.4", "1.2", "1.6", "1.7")),
    ("Thực phẩm chế biến", "Processed foods", ("1.5",)),
    ("Chè và đồ uống", "Tea and drinks", ("1.8", "2.1", "2.2")),
    ("Thảo dược và làm đẹp", "Herbs and beauty", ("3.1", "3.2", "3.3", "3.4")),
    ("Thủ công mỹ nghệ", "Handicrafts", ("4.1", "4.2", "4.3")),
    ("Du lịch và dịch vụ", "Tourism and services", ("5.1", "5.2", "5.3", "6.1", "6.2")),
]
BOOTH_PITCHES = [
    "{name}: {tagline}. Ghé gian hàng để nếm thử và nhận ưu đãi riêng của triển lãm.",
    "Sản phẩm OCOP của {name}, làm tại {place}: {tagline}.",
    "{tagline} — đặt hàng ngay tại gian, giao tận nhà trên toàn quốc.",
]


def expo_create(ctx: Context) -> int:
    """The benchmark's expo (see the module docstring): a live expo of the Đắk Lắk
    provincial unit with ``ctx.expo_halls`` halls and ``ctx.expo_booths`` approved booths, each
    featuring up to ``ctx.expo_products`` of its own seller's public products (startups with
    that many public products first, Đắk Lắk's before the others'). Returns the booths."""
    from django.db.models import Count

    from catalog.selectors import public_products
    from startups.models import (
        Booth,
        BoothProduct,
        Expo,
        ExpoSession,
        Hall,
        Startup,
        UnionUnit,
    )

    if not ctx.expo_booths or not ctx.startup_ids:
        return 0
    rng, now = ctx.rng, ctx.now
    day = datetime.timedelta(days=1)
    unit = UnionUnit.objects.get(level=UnionUnit.Level.PROVINCE, province__code=EXPO_UNIT_PROVINCE)
    expo = Expo.objects.create(
        unit=unit,
        slug=EXPO_SLUG,
        title="Triển lãm sản phẩm khởi nghiệp và OCOP Đắk Lắk 2026",
        title_en="Đắk Lắk Startup and OCOP Products Expo 2026",
        theme="Sản phẩm của người trẻ từ cao nguyên",
        theme_en="Products of young people from the highlands",
        description=(
            "Triển lãm trực tuyến do Tỉnh đoàn Đắk Lắk tổ chức: gian hàng của các dự án khởi "
            "nghiệp thanh niên và chủ thể OCOP, phiên gọi vốn và livestream bán hàng."
        ),
        description_en=(
            "An online expo run by the Đắk Lắk provincial youth union: booths of youth "
            "startups and OCOP producers, pitch sessions and livestream sales."
        ),
        applications_close_at=now - 8 * day,
        opens_at=now - day,
        closes_at=now + 30 * day,
        published=True,
        published_at=now - 20 * day,
        passport_goal=3,
        reward=Expo.Reward.VOUCHER,
        reward_voucher_code="TRIENLAM2026",
        reward_text="Giảm 10% cho đơn hàng đầu tiên",
        reward_text_en="10% off your first order",
    )
    halls = Hall.objects.bulk_create(
        [
            Hall(
                expo=expo,
                name=name,
                name_en=name_en,
                kind=Hall.Kind.OCOP_GROUP,
                ocop_group=groups[0],
                position=position,
            )
            for position, (name, name_en, groups) in enumerate(EXPO_HALLS[: ctx.expo_halls])
        ]
    )
    hall_of_group = {
        group: halls[index % len(halls)]
        for index, (_n, _e, groups) in enumerate(EXPO_HALLS)
        for group in groups
    }

    # Exhibitors: public startups by how many public products their seller has.
    startups = Startup.objects.filter(
        pk__in=ctx.startup_ids, published=True, partner__status="approved"
    )
    product_counts = dict(
        public_products()
        .filter(stockrecords__partner_id__in=startups.values("partner_id"))
        .order_by()  # no ordering column in the GROUP BY
        .values_list("stockrecords__partner_id")
        .annotate(n=Count("pk", distinct=True))
    )
    rows = list(startups.values_list("pk", "partner_id", "province__code", "name", "tagline"))
    rows = [row for row in rows if product_counts.get(row[1])]

    def rank(row):
        """Enough products first, Đắk Lắk's first; then the most products."""
        count = product_counts[row[1]]
        enough = count >= ctx.expo_products
        return (not enough, row[2] != EXPO_UNIT_PROVINCE, 0 if enough else -count, row[0])

    chosen = sorted(rows, key=rank)[: ctx.expo_booths]
    partners = [row[1] for row in chosen]
    products_of: dict[int, list[tuple[int, str]]] = {}
    for product_id, partner_id, group in (
        public_products()
        .filter(stockrecords__partner_id__in=partners)
        .order_by("pk")
        .values_list("pk", "stockrecords__partner_id", "categories__ocop_code")
    ):
        products_of.setdefault(partner_id, []).append((product_id, group))
    booths, featured = [], []
    for position, (startup_id, partner_id, _province, name, tagline) in enumerate(chosen):
        own = products_of[partner_id]
        picked = rng.sample(own, min(ctx.expo_products, len(own)))
        groups = [group for _pk, group in picked]
        main_group = max(set(groups), key=lambda g: (groups.count(g), g))
        place = name.split()[-1]
        booths.append(
            Booth(
                expo=expo,
                hall=hall_of_group.get(main_group, halls[position % len(halls)]),
                startup_id=startup_id,
                pitch=rng.choice(BOOTH_PITCHES).format(
                    name=name, tagline=tagline or "sản phẩm OCOP", place=place
                )[:500],
                offer_text="Giảm 15% trong những ngày triển lãm" if rng.random() < 0.3 else "",
                featured=position < 12,
                position=position,
                status=Booth.Status.APPROVED,
                applied_at=now - 15 * day,
                decided_at=now - 10 * day,
                staff_seen_at=now if rng.random() < 0.1 else None,
            )
        )
        featured.append([pk for pk, _group in picked])
    Booth.objects.bulk_create(booths)
    BoothProduct.objects.bulk_create(
        [
            BoothProduct(booth=booth, product_id=product_id, position=n)
            for booth, ids in zip(booths, featured, strict=True)
            for n, product_id in enumerate(ids)
        ],
        batch_size=BATCH,
    )

    # Sessions: a pitch session yesterday (replay), a livestream now, a talk show and a
    # workshop to come.
    pitching = [booth.startup_id for booth in booths[:5]]
    sessions = [
        ExpoSession(
            expo=expo,
            hall=halls[0],
            kind=ExpoSession.Kind.PITCH,
            title="Phiên gọi vốn: khởi nghiệp nông nghiệp Tây Nguyên",
            title_en="Pitch session: Central Highlands agri-startups",
            starts_at=now - datetime.timedelta(hours=20),
            ends_at=now - datetime.timedelta(hours=18),
            speakers="Hội đồng nhà đầu tư thiên thần Đắk Lắk",
            replay_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        ExpoSession(
            expo=expo,
            hall=halls[min(1, len(halls) - 1)],
            kind=ExpoSession.Kind.LIVESTREAM,
            title="Livestream bán cà phê Buôn Ma Thuột",
            title_en="Livestream: Buôn Ma Thuột coffee",
            starts_at=now - datetime.timedelta(minutes=30),
            ends_at=now + datetime.timedelta(minutes=90),
            speakers="Các bạn trẻ khởi nghiệp cà phê",
            stream_url="https://www.youtube.com/watch?v=jfKfPfyJRdk",
        ),
        ExpoSession(
            expo=expo,
            kind=ExpoSession.Kind.TALK,
            title="Tọa đàm: đưa sản phẩm OCOP lên sàn thương mại điện tử",
            title_en="Talk: taking OCOP products to online marketplaces",
            starts_at=now + datetime.timedelta(hours=3),
            ends_at=now + datetime.timedelta(hours=4),
            speakers="Đại diện Sở Công Thương, các sàn thương mại điện tử",
        ),
        ExpoSession(
            expo=expo,
            kind=ExpoSession.Kind.WORKSHOP,
            title="Tập huấn: chụp ảnh sản phẩm bằng điện thoại",
            title_en="Workshop: product photos with a phone",
            starts_at=now + day,
            ends_at=now + day + datetime.timedelta(hours=2),
        ),
    ]
    ExpoSession.objects.bulk_create(sessions)
    ExpoSession.startups.through.objects.bulk_create(
        [
            ExpoSession.startups.through(exposession_id=sessions[0].pk, startup_id=startup_id)
            for startup_id in pitching
        ]
    )
    ctx.say(
        f"expo {expo.slug}: {len(halls)} halls, {len(booths):,} booths, "
        f"{sum(map(len, featured)):,} featured products, {len(sessions)} sessions"
    )
    return len(booths)


# The order matters: each step may use what the earlier ones made (ids in ``Context``).
STEPS: list[tuple[str, Callable[[Context], int]]] = [
    ("sellers", sellers_create),
    ("products", products_create),
    ("marketplace links and clicks", marketplace_links_create),
    ("orders", orders_create),
    ("startups, teams and followers", startups_create),
    ("pitches", pitches_create),
    ("leads", leads_create),
    ("expo booths", expo_create),
]


def _reference(ctx: Context) -> None:
    from oscar.core.loading import get_model

    Province = get_model("catalogue", "Province")
    Category = get_model("catalogue", "Category")
    ProductClass = get_model("catalogue", "ProductClass")
    ctx.provinces = {p.code: p for p in Province.objects.all()}
    ctx.categories = dict(Category.objects.exclude(ocop_code="").values_list("ocop_code", "pk"))
    product_class = ProductClass.objects.filter(slug="san-pham").first()
    missing = [c for c in GROUPS if c not in ctx.categories]
    if len(ctx.provinces) != 34 or missing or product_class is None:
        raise SystemExit(
            "Reference data missing: run `manage.py load_reference_data` first "
            f"(provinces: {len(ctx.provinces)}, OCOP groups missing: {missing})."
        )
    ctx.product_class_id = product_class.pk


def generate(
    *,
    products: int = 100_000,
    sellers: int = 5_000,
    orders: int | None = None,
    startups: int = 20_000,
    visitors: int = 20_000,
    leads: int = 40_000,
    expo_booths: int = 200,
    expo_halls: int = 8,
    expo_products: int = 10,
    seed: int = 2026,
    say: Callable[[str], None] = print,
) -> dict[str, int]:
    """Make the rows (see the module docstring) and return how many of each step."""
    from django.db import connection, transaction
    from django.utils import timezone
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    if Partner.objects.filter(code__startswith=SELLER_CODE_PREFIX).exists():
        raise SystemExit(
            "This database already holds generated data: use a fresh one "
            "(see bench/README.md, 'a fresh copy in seconds')."
        )
    ctx = Context(
        products=products,
        sellers=sellers,
        orders=products // 5 if orders is None else orders,
        startups=startups,
        visitors=visitors,
        leads=leads,
        expo_booths=expo_booths,
        expo_halls=max(1, min(expo_halls, len(EXPO_HALLS))),
        expo_products=expo_products,
        rng=random.Random(seed),
        now=timezone.now().replace(microsecond=0),
        say=say,
    )
    _reference(ctx)
    counts = {}
    for label, step in STEPS:
        with transaction.atomic():
            counts[label] = step(ctx)
        say(f"{label}: {counts[label]:,}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics for the benchmarks
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--sellers", type=int, default=5_000)
    parser.add_argument(
        "--orders", type=int, default=None, help="past orders (default: one per five products)"
    )
    parser.add_argument("--startups", type=int, default=20_000)
    parser.add_argument("--visitors", type=int, default=20_000, help="signed-in followers")
    parser.add_argument("--leads", type=int, default=40_000)
    parser.add_argument("--expo-booths", type=int, default=200, help="booths of the expo (0: none)")
    parser.add_argument("--expo-halls", type=int, default=8, help=f"at most {len(EXPO_HALLS)}")
    parser.add_argument("--expo-products", type=int, default=10, help="featured per booth")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--allow-sqlite",
        action="store_true",
        help="also run on SQLite (for a quick look; figures need PostgreSQL)",
    )
    args = parser.parse_args()
    if min(args.products, args.sellers) < 1 or (args.orders or 0) < 0:
        parser.error("--products and --sellers must be at least 1, --orders at least 0")
    django_setup(require_postgres=not args.allow_sqlite)
    clock = Clock()
    counts = generate(
        products=args.products,
        sellers=args.sellers,
        orders=args.orders,
        startups=args.startups,
        visitors=args.visitors,
        leads=args.leads,
        expo_booths=args.expo_booths,
        expo_halls=args.expo_halls,
        expo_products=args.expo_products,
        seed=args.seed,
        say=clock.say,
    )
    clock.say(
        "done: "
        + ", ".join(f"{label} {n:,}" for label, n in counts.items())
        + f" in {clock.elapsed:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
