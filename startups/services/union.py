"""Union units: the tree of youth-union units loaded from the reference file."""

from django.db import transaction
from oscar.core.loading import get_model

from startups.models import UnionUnit

Province = get_model("catalogue", "Province")
CENTRAL_CODE = "trung-uong-doan"


@transaction.atomic
def union_units_load() -> int:
    """Seed the central unit and one unit per province or city; returns how many were made."""
    created = 0
    central = UnionUnit.objects.filter(code=CENTRAL_CODE).first()
    if central is None:
        central = UnionUnit.add_root(
            code=CENTRAL_CODE,
            level=UnionUnit.Level.CENTRAL,
            name="Trung ương Đoàn TNCS Hồ Chí Minh",
        )
        created += 1
    existing = set(
        UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE).values_list(
            "province_id", flat=True
        )
    )
    for province in Province.objects.exclude(pk__in=existing).order_by("name"):
        prefix = "Thành đoàn" if province.kind == Province.Kind.CITY else "Tỉnh đoàn"
        central.refresh_from_db()
        central.add_child(
            code=f"tinh-doan-{province.slug}",
            level=UnionUnit.Level.PROVINCE,
            name=f"{prefix} {province.name}",
            province=province,
        )
        created += 1
    return created
