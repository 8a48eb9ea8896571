"""Factories of the community layer: a seller attached to a youth-union unit."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from core.text import vn_slugify
from startups.models import Award, SellerApplication, Startup, TeamMember, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory


def approved_application_create(*, seller, unit, created_by) -> SellerApplication:
    """The approved application that puts ``seller`` in ``unit``'s tree (what an officer's
    desks and reports filter on)."""
    return SellerApplication.objects.create(
        created_by=created_by,
        kind="cooperative",
        display_name=seller.name,
        legal_name="HTX",
        province=unit.province,
        commune="Xã Ea Tu",
        phone="+84912345678",
        union_unit=unit,
        bank_bin="970436",
        bank_account_number="0123456789",
        bank_account_holder="A B",
        status="approved",
        partner=seller,
    )


_startup_seq = itertools.count(1)


def startup_create(
    *,
    seller=None,
    unit=None,
    name=None,
    slug=None,
    tagline="Cà phê sạch từ buôn làng Tây Nguyên",
    story="Nhóm thanh niên Ea Tu rang cà phê Robusta mộc, không tẩm ướp.",
    founded_year=2021,
    sector="agriculture_food",
    stage="first_sales",
    published=True,
    team=None,
    awards=(),
    **fields,
):
    """A startup of an approved seller in a union unit, written straight to the database.

    ``seller``: a new seller of kind startup when omitted; it gets an approved application in
    ``unit`` (Đắk Lắk's province unit by default) unless it has one already. ``team``: dicts
    of TeamMember fields (default one founder aged 28 this year); ``awards``: dicts of Award
    fields. Any other Startup field can be passed as a keyword (``name_en``, ``verified_by``...).
    """
    n = next(_startup_seq)
    if unit is None:
        unit = UnionUnit.objects.filter(level="province", province__code="66").first()
        if unit is None:
            union_units_load()
            unit = UnionUnit.objects.get(level="province", province__code="66")
    if seller is None:
        seller = SellerFactory(kind="startup", province=unit.province)
    if not SellerApplication.objects.filter(partner=seller).exists():
        creator = get_user_model().objects.create_user(
            f"nguoi-tao-{n}-{seller.pk}", f"nguoi-tao-{n}-{seller.pk}@example.com", "x"
        )
        approved_application_create(seller=seller, unit=unit, created_by=creator)
    name = name or f"Cà phê Ea Tu {n}"
    fields.setdefault("province", unit.province or seller.province)
    startup = Startup.objects.create(
        partner=seller,
        union_unit=unit,
        slug=slug or f"{vn_slugify(name)[:60]}-{n}",
        name=name,
        tagline=tagline,
        story=story,
        founded_year=founded_year,
        sector=sector,
        stage=stage,
        published=published,
        **fields,
    )
    if team is None:
        team = [
            {
                "name": "Y Khoa Niê",
                "role": "Nhà sáng lập",
                "birth_year": datetime.date.today().year - 28,
            }
        ]
    for position, member in enumerate(team):
        TeamMember.objects.create(startup=startup, **{"position": position, **member})
    for award in awards:
        Award.objects.create(startup=startup, **award)
    return startup
