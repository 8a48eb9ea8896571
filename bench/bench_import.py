"""Benchmark of the product import: 10,000 rows as .xlsx and as .csv, created then updated.

Starts nothing itself: point it at a migrated PostgreSQL with DATABASE_URL, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop .venv/bin/python bench/bench_import.py

It loads the reference data (idempotent), uses two sellers of its own ("bench-xlsx",
"bench-csv"), deletes their products first so the first import really creates, and prints
rows per minute for the first import (create), the re-import of changed rows (update) and
the same file once more (unchanged: checked, nothing to write).
See bench/README.md for measured figures. Options: ``--rows N`` (default 10000).
"""

import argparse
import csv
import datetime
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PRODUCTS = [  # (name, OCOP sub-group, typical price in đồng)
    ("Cà phê Robusta rang mộc", "1.9", 185000),
    ("Cà phê Arabica Cầu Đất", "1.9", 260000),
    ("Ca cao nguyên chất", "1.9", 150000),
    ("Nước mắm cá cơm nhĩ", "1.6", 120000),
    ("Mật ong hoa cà phê", "1.4", 220000),
    ("Mật ong rừng U Minh", "1.4", 350000),
    ("Gạo ST25", "1.3", 45000),
    ("Gạo nếp cái hoa vàng", "1.3", 60000),
    ("Chè Shan tuyết cổ thụ", "1.8", 400000),
    ("Chè Thái Nguyên tân cương", "1.8", 250000),
    ("Tiêu đen hữu cơ", "1.7", 180000),
    ("Bột quế", "1.7", 90000),
    ("Bưởi da xanh", "1.1", 70000),
    ("Xoài cát Hòa Lộc", "1.1", 85000),
    ("Khô cá lóc", "1.2", 320000),
    ("Bánh pía sầu riêng", "1.5", 95000),
    ("Rượu cần", "2.1", 150000),
    ("Nước cốt chanh dây", "2.2", 65000),
    ("Trà atiso túi lọc", "3.2", 110000),
    ("Tinh dầu sả chanh", "3.4", 75000),
    ("Xà phòng nghệ", "3.3", 55000),
    ("Giỏ mây tre đan", "4.1", 130000),
    ("Khăn thổ cẩm", "4.2", 280000),
    ("Lan hồ điệp", "5.1", 450000),
]
SIZES = ["250g", "500g", "1kg", "hộp 12 gói", "chai 500ml", "túi 2kg", "bộ quà tặng"]
PROVINCES = [
    "Hà Nội",
    "Lào Cai",
    "Thái Nguyên",
    "Sơn La",
    "Nghệ An",
    "Huế",
    "Gia Lai",
    "Đắk Lắk",
    "Lâm Đồng",
    "Đồng Tháp",
    "Cần Thơ",
    "Cà Mau",
    "An Giang",
    "Khanh Hoa",
    "66",
]
PLACES = [
    "Xã Ea Tu",
    "Phường Bảo Lộc",
    "Xã Tân Cương",
    "Xã Mộc Châu",
    "Xã Phú Quốc",
    "Xã Cầu Đất",
    "Phường Hòa Lộc",
    "Xã Bình Minh",
]
HEADERS = [
    "Mã SKU",
    "Tên sản phẩm",
    "Mô tả",
    "Nhóm OCOP",
    "Tỉnh/thành phố xuất xứ",
    "Nơi sản xuất",
    "Giá (VND)",
    "Tồn kho",
    "Số sao OCOP",
    "Số giấy chứng nhận",
    "Cơ quan cấp",
    "Số quyết định",
    "Ngày quyết định",
    "Hiệu lực từ",
    "Hiệu lực đến",
]


def make_rows(count: int, *, revision: int = 0) -> list[list]:
    """Believable product rows; ``revision`` 1 changes price, stock and description."""
    rng = random.Random(2026)
    rows = []
    for index in range(count):
        name, group, price = rng.choice(PRODUCTS)
        size, province, place = rng.choice(SIZES), rng.choice(PROVINCES), rng.choice(PLACES)
        stars = rng.choice([None, 3, 3, 4, 4, 5])
        start = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(900))
        certificate = ["", "", "", "", "", ""]
        if stars:
            certificate = [
                f"{rng.randrange(1, 99):02d}-{start.year}-OCOP-{index:05d}",
                "UBND tỉnh" if stars < 5 else "Bộ Nông nghiệp và Môi trường",
                f"{rng.randrange(100, 9999)}/QĐ-UBND",
                start.strftime("%d/%m/%Y"),
                start.strftime("%d/%m/%Y"),
                (start + datetime.timedelta(days=1095)).strftime("%d/%m/%Y"),
            ]
        rows.append(
            [
                f"BENCH-{index:05d}",
                f"{name} {size} - {place}",
                f"{name} của hợp tác xã thanh niên {place}, đóng gói {size}."
                + (" Giá mới từ tháng này." if revision else ""),
                group,
                province,
                place,
                f"{price + rng.randrange(0, 50) * 1000 + revision * 5000:,}".replace(",", "."),
                rng.randrange(0, 500) + revision,
                stars or "",
                *certificate,
            ]
        )
    return rows


def as_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sản phẩm")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_csv(rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print(__doc__)
        print("DATABASE_URL must point to a migrated PostgreSQL database.", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import connection
    from oscar.core.loading import get_model

    from catalog.services.imports import products_import
    from catalog.services.reference import ocop_groups_load, provinces_load

    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    provinces_load()
    ocop_groups_load()

    started = time.perf_counter()
    first, second = make_rows(args.rows), make_rows(args.rows, revision=1)
    files = {"xlsx": (as_xlsx(first), as_xlsx(second)), "csv": (as_csv(first), as_csv(second))}
    print(
        f"Generated {args.rows} rows as xlsx ({len(files['xlsx'][0]) // 1024} KB) and csv "
        f"({len(files['csv'][0]) // 1024} KB) in {time.perf_counter() - started:.1f} s"
    )
    print(f"Database: PostgreSQL {connection.cursor().connection.info.server_version}")

    failed = False
    for kind, (create_file, update_file) in files.items():
        partner, _ = Partner.objects.get_or_create(
            code=f"bench-{kind}", defaults={"name": f"Bench {kind}"}
        )
        Product.objects.filter(stockrecords__partner=partner).delete()
        steps = (
            ("create", create_file),
            ("update", update_file),
            ("unchanged", update_file),
        )  # the same file again: nothing to write
        for label, data in steps:
            started = time.perf_counter()
            report = products_import(partner=partner, file=data, approve=True)
            seconds = time.perf_counter() - started
            if not report.ok:
                print(f"{kind} {label}: FAILED: {report.errors[:5]}")
                failed = True
                continue
            print(
                f"{kind:4} {label:9}: {args.rows} rows in {seconds:5.1f} s = "
                f"{args.rows / seconds * 60:8,.0f} rows/minute "
                f"(created {report.created}, updated {report.updated})"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
