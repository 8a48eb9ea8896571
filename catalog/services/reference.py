"""Writes to the catalogue: reference data (provinces, the OCOP group tree)."""

import json
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from oscar.core.loading import get_model

from core.text import fold_vietnamese, vn_slugify

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
Province = get_model("catalogue", "Province")
Category = get_model("catalogue", "Category")


@transaction.atomic
def provinces_load(*, path: Path = DATA_DIR / "provinces.json") -> int:
    """Create or update the provinces from the data file; returns how many changed."""
    changed = 0
    for row in json.loads(path.read_text(encoding="utf-8"))["provinces"]:
        defaults = {
            "name": row["name"],
            "name_ascii": fold_vietnamese(row["name"]).title(),
            "slug": vn_slugify(row["name"]),
            "kind": row["kind"],
            "region": row.get("region", ""),
        }
        obj, created = Province.objects.get_or_create(code=row["code"], defaults=defaults)
        if not created and any(getattr(obj, k) != v for k, v in defaults.items()):
            for k, v in defaults.items():
                setattr(obj, k, v)
            obj.save()
            changed += 1
        changed += created
    return changed


def province_names(code: str, *, path: Path = DATA_DIR / "provinces.json") -> tuple[str, ...]:
    """The names a province is known by: its name, then the provinces merged into it on
    1 July 2025 (``former`` in the data file), for search: "Quảng Nam" finds Đà Nẵng's
    products. Empty for an unknown code. Read from the data file ``provinces_load`` loads,
    the one source of these names (a file of the code, the same in every process)."""
    return _province_names(str(path)).get(code or "", ())


@lru_cache(maxsize=4)
def _province_names(path: str) -> dict[str, tuple[str, ...]]:
    rows = json.loads(Path(path).read_text(encoding="utf-8"))["provinces"]
    return {row["code"]: (row["name"], *row.get("former", ())) for row in rows}


@transaction.atomic
def ocop_groups_load(*, path: Path = DATA_DIR / "ocop_groups.json") -> int:
    """Create or update the OCOP category tree, matching nodes by their OCOP code."""
    changed = 0

    def upsert(node, parent):
        nonlocal changed
        existing = Category.objects.filter(ocop_code=node["code"]).first()
        if existing is None:
            fields = {
                "name": node["name"],
                "name_en": node["name_en"],
                "ocop_code": node["code"],
                "is_public": True,
            }
            existing = parent.add_child(**fields) if parent else Category.add_root(**fields)
            changed += 1
        elif existing.name != node["name"] or existing.name_en != node["name_en"]:
            existing.name, existing.name_en = node["name"], node["name_en"]
            existing.save()
            changed += 1
        for child in node.get("children", []):
            upsert(child, existing)

    for group in json.loads(path.read_text(encoding="utf-8"))["groups"]:
        upsert(group, None)
    return changed


def product_class_load() -> int:
    """The one product class sellers use ("Sản phẩm"): shipped, stock tracked. OCOP data are
    real fields of every product, so no attribute-based product types are needed."""
    ProductClass = get_model("catalogue", "ProductClass")
    _, created = ProductClass.objects.get_or_create(
        slug="san-pham",
        defaults={"name": "Sản phẩm", "requires_shipping": True, "track_stock": True},
    )
    return int(created)
