"""Factories of the community layer: a seller attached to a youth-union unit."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from core.text import vn_slugify
from startups.models import (
    Award,
    Booth,
    BoothProduct,
    Expo,
    FundUse,
    Hall,
    Milestone,
    Pitch,
    PitchVersion,
    SellerApplication,
    Startup,
    TeamMember,
    TractionFigure,
    UnionUnit,
)
from startups.selectors import pitch_snapshot
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


def pitch_create(
    *,
    startup,
    title="Mở rộng xưởng rang cà phê Ea Tu",
    slug=None,
    approved_by=None,
    fund_uses=(("Máy rang 5 kg", 300_000_000), ("Vùng nguyên liệu", 200_000_000)),
    traction=(("Doanh thu 2024", 820_000_000, "đ"),),
    milestones=(("2025-06-01", "Máy rang mới chạy", False),),
    **fields,
):
    """A pitch with every required section, its rows (uses of funds adding up to the ask)
    and, when ``approved_by`` (an Officer) is given, an approved public version of it, as
    ``startups.services.pitches.pitch_approve`` would leave it. Any Pitch field can be passed."""
    fields = {
        "problem": "Nông dân bán cà phê nhân giá thấp, không ai rang tại chỗ.",
        "solution": "Xưởng rang mộc của thanh niên xã, mua cà phê chín đỏ giá cao hơn.",
        "ask_kind": "investment",
        "ask_amount": sum(amount for _label, amount in fund_uses) or None,
        **fields,
    }
    pitch = Pitch.objects.create(
        startup=startup, title=title, slug=slug or vn_slugify(title)[:70], **fields
    )
    for label, amount in fund_uses:
        FundUse.objects.create(pitch=pitch, label=label, amount=amount)
    for label, value, unit in traction:
        TractionFigure.objects.create(
            pitch=pitch, label=label, value=value, unit=unit, as_of=datetime.date(2024, 12, 31)
        )
    for when, text, done in milestones:
        Milestone.objects.create(
            pitch=pitch, when=datetime.date.fromisoformat(when), text=text, done=done
        )
    if approved_by is not None:
        version = PitchVersion.objects.create(
            pitch=pitch,
            number=1,
            content=pitch_snapshot(pitch),
            approved_by=approved_by.user,
            approved_unit=approved_by.unit,
        )
        Pitch.objects.filter(pk=pitch.pk).update(published_version=version, state="approved")
        pitch.refresh_from_db()
    return pitch


# --- expos --------------------------------------------------------------------------------

_expo_seq = itertools.count(1)


def expo_create(
    *,
    unit=None,
    phase="live",
    halls=("Nông sản OCOP", "Khởi nghiệp xanh"),
    now=None,
    **fields,
) -> Expo:
    """An expo of ``unit`` (Đắk Lắk's province unit by default) with ``halls``, its dates set
    so that it is in ``phase`` now (draft, applications, scheduled, live, closed). Any other
    Expo field can be passed as a keyword."""
    from django.utils import timezone

    n = next(_expo_seq)
    now = now or timezone.now()
    if unit is None:
        unit = UnionUnit.objects.filter(level="province", province__code="66").first()
        if unit is None:
            union_units_load()
            unit = UnionUnit.objects.get(level="province", province__code="66")
    day = datetime.timedelta(days=1)
    starts = {
        "draft": now + 10 * day,
        "applications": now + 10 * day,
        "scheduled": now + 2 * day,
        "live": now - day,
        "closed": now - 10 * day,
    }[phase]
    dates = {
        "applications_close_at": now + 5 * day
        if phase in ("draft", "applications")
        else starts - day,
        "opens_at": starts,
        "closes_at": starts + 3 * day,
    }
    dates.update({k: fields.pop(k) for k in list(fields) if k in dates})
    expo = Expo.objects.create(
        unit=unit,
        slug=fields.pop("slug", f"trien-lam-{n}"),
        title=fields.pop("title", f"Triển lãm khởi nghiệp {n}"),
        published=phase != "draft",
        published_at=None if phase == "draft" else now - 20 * day,
        **dates,
        **fields,
    )
    for position, name in enumerate(halls):
        Hall.objects.create(expo=expo, name=name, position=position)
    return expo


def booth_create(
    *, expo, startup=None, hall=None, status="approved", products=(), pitch=None, **fields
) -> Booth:
    """A booth of ``startup`` (a new one when omitted) in ``expo``'s first hall, approved by
    default, featuring ``products`` (which should be the startup's seller's)."""
    startup = startup or startup_create()
    booth = Booth.objects.create(
        expo=expo,
        hall=hall or expo.halls.first(),
        startup=startup,
        pitch=pitch or f"Gian hàng của {startup.name}",
        status=status,
        **fields,
    )
    for position, product in enumerate(products):
        BoothProduct.objects.create(booth=booth, product=product, position=position)
    return booth
