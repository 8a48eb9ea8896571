"""A known youth-union tree with its sellers, products, startups, an expo and orders, and the
figures a report of it must show (``EXPECTED``). Used by the report's tests and its browser
test. Everything that counts happens in last month (Viet Nam's), some in the month before it
(the previous period), and a few things that must not count are placed on purpose: a hidden
product, a cancelled part, an order 30 minutes into this month, an expired certificate.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from catalog.models import MarketplaceClick, MarketplaceLink
from startups.models import (
    BoothQuestion,
    ExpoEvent,
    ExpoOrder,
    Follow,
    FollowUp,
    FollowUpDelivery,
    Lead,
    Officer,
    Pitch,
    PitchVersion,
    SellerApplication,
    SellerHandover,
    Startup,
    UnionUnit,
)
from startups.selectors.union_report import VIETNAM, period_of
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create
from tests.shop.factories import order_create
from tests.startups.factories import booth_create, expo_create, pitch_create, startup_create

User = get_user_model()
Country = get_model("address", "Country")
OrderPart = get_model("order", "OrderPart")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ShippingAddress = get_model("order", "ShippingAddress")
PASSWORD = "mat-khau-can-bo-2026"


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), VIETNAM)


@dataclass
class World:
    central: UnionUnit
    p1: UnionUnit  # Tỉnh đoàn Đắk Lắk
    p2: UnionUnit  # Thành đoàn Hà Nội
    g1a: UnionUnit
    g1b: UnionUnit
    g2: UnionUnit
    users: dict = field(default_factory=dict)  # role -> user (password PASSWORD)
    expo: object = None
    sellers: dict = field(default_factory=dict)


def _officer(username: str, unit: UnionUnit):
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    Officer.objects.create(user=user, unit=unit)
    return user


def _seller(name, *, unit, kind, on_behalf=False, approved=None, creator):
    seller = SellerFactory(
        name=name, kind=kind, province=unit.province or unit.get_parent().province
    )
    application = SellerApplication.objects.create(
        created_by=creator,
        on_behalf=on_behalf,
        consent_note="Đồng ý qua điện thoại" if on_behalf else "",
        kind=kind,
        display_name=name,
        legal_name=name,
        province=seller.province,
        commune="Xã Ea Tu",
        phone="+84912345678",
        union_unit=unit,
        bank_bin="970436",
        bank_account_number="0123456789",
        bank_account_holder="NGUYEN VAN A",
        status="approved",
        partner=seller,
        reviewed_at=approved,
    )
    seller.managed_by_union = on_behalf
    seller.save()
    return seller, application


def _order(items, *, method, state, placed, cancelled=False):
    """An order of (product, quantity) pairs by a buyer in province ``state``."""
    products = [product for product, _q in items]
    order = order_create(*products, quantity=items[0][1], payment_method=method)
    address = ShippingAddress.objects.create(
        first_name="Khách",
        last_name="Hàng",
        line1="1 Lê Lợi",
        line4="Phường Bến Thành",
        state=state,
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345679",
    )
    Order.objects.filter(pk=order.pk).update(shipping_address=address, date_placed=placed)
    if cancelled:
        OrderPart.objects.filter(order=order).update(status="cancelled")
    return order


def build_world() -> World:
    """The tree, the people, and the records; see ``EXPECTED`` for what they add up to."""
    union_units_load()
    central = UnionUnit.objects.get(level="central")
    p1 = UnionUnit.objects.get(level="province", province__code="66")
    p2 = UnionUnit.objects.get(level="province", province__code="01")
    g1a = p1.add_child(code="doan-xa-ea-tu", level="grassroots", name="Đoàn xã Ea Tu")
    p1.refresh_from_db()
    g1b = p1.add_child(code="doan-xa-hoa-thang", level="grassroots", name="Đoàn xã Hòa Thắng")
    g2 = p2.add_child(
        code="doan-phuong-hoan-kiem", level="grassroots", name="Đoàn phường Hoàn Kiếm"
    )
    world = World(central=central, p1=p1, p2=p2, g1a=g1a, g1b=g1b, g2=g2)
    world.users = {
        "central": _officer("can-bo-trung-uong", central),
        "p1": _officer("can-bo-dak-lak", p1),
        "p2": _officer("can-bo-ha-noi", p2),
        "g1a": _officer("can-bo-ea-tu", g1a),
    }
    creator = world.users["p1"]

    period = period_of("last_month")
    last, before = period.start, period.previous_start
    mid, mid_before = last + datetime.timedelta(days=9), before + datetime.timedelta(days=9)
    today = datetime.date.today()

    s1, a1 = _seller(
        "HTX Cà phê Ea Tu", unit=g1a, kind="startup", approved=at(mid), creator=creator
    )
    s2, a2 = _seller(
        "Tổ hợp tác Mật ong Ea Tu",
        unit=g1a,
        kind="cooperative",
        on_behalf=True,
        approved=at(mid),
        creator=creator,
    )
    s3, _a3 = _seller(
        "Hộ Bà Lan", unit=g1b, kind="household", approved=at(mid_before), creator=creator
    )
    s4, _a4 = _seller(
        "HTX Tiêu Chư Sê", unit=p1, kind="cooperative", approved=at(mid), creator=creator
    )
    s5, _a5 = _seller(
        "Khởi nghiệp Trà Hoàn Kiếm", unit=g2, kind="startup", approved=at(mid), creator=creator
    )
    # a submitted application waits for the provincial officer
    SellerApplication.objects.create(
        created_by=creator,
        kind="household",
        display_name="Hộ Anh Tâm",
        legal_name="Hộ Anh Tâm",
        province=p1.province,
        commune="Xã Hòa Thắng",
        phone="+84912345670",
        union_unit=g1b,
        bank_bin="970436",
        bank_account_number="0123456788",
        bank_account_holder="NGUYEN VAN TAM",
    )
    producer = User.objects.create_user("nha-san-xuat-mat-ong", "mat-ong@example.com", PASSWORD)
    SellerHandover.objects.create(
        application=a2,
        partner=s2,
        officer=creator,
        producer=producer,
        producer_email=producer.email,
    )
    SellerHandover.objects.filter(application=a2).update(handed_over_at=at(mid, 15))
    world.sellers = {"s1": s1, "s2": s2, "s3": s3, "s4": s4, "s5": s5}

    # products (a product's date_created says when it went online)
    p_coffee = product_create(title="Cà phê Robusta Ea Tu", seller=s1, price=185000, stars=4)
    p_bag = product_create(title="Túi cà phê phin", seller=s1, price=100000, stars=None)
    p_honey = product_create(
        title="Mật ong hoa cà phê",
        seller=s2,
        price=200000,
        stars=5,
        valid_from=today - datetime.timedelta(days=1000),
        valid_until=today + datetime.timedelta(days=30),
    )
    p_hidden = product_create(title="Bánh tráng", seller=s3, price=30000, stars=3, is_public=False)
    p_pepper = product_create(
        title="Tiêu đen Chư Sê",
        seller=s4,
        price=50000,
        stars=3,
        valid_from=today - datetime.timedelta(days=1000),
        valid_until=today - datetime.timedelta(days=10),
    )
    p_tea = product_create(title="Trà sen Hồ Tây", seller=s5, price=120000, stars=4, province="01")
    p_waiting = product_create(title="Cà phê chồn", seller=s1, price=500000, stars=None)
    Product.objects.filter(pk=p_waiting.pk).update(moderation_status="submitted")
    for product, day in (
        (p_coffee, mid),
        (p_bag, mid),
        (p_honey, mid_before),
        (p_hidden, mid),
        (p_pepper, mid),
        (p_tea, mid),
        (p_waiting, mid),
    ):
        Product.objects.filter(pk=product.pk).update(date_created=at(day))
    shopee = MarketplaceLink.objects.create(
        product=p_coffee, marketplace="shopee", url="https://shopee.vn/ca-phe-ea-tu"
    )
    lazada = MarketplaceLink.objects.create(
        product=p_coffee, marketplace="lazada", url="https://www.lazada.vn/ca-phe-ea-tu"
    )
    for link, moment in (
        (shopee, at(mid)),
        (shopee, at(mid, 11)),
        (shopee, at(mid, 12)),
        (lazada, at(mid)),
        (shopee, at(mid_before)),
    ):
        MarketplaceClick.objects.create(link=link, clicked_at=moment)

    # startups and pitches
    st1 = startup_create(seller=s1, unit=g1a, name="Cà phê Ea Tu")
    Startup.objects.filter(pk=st1.pk).update(
        created=at(mid), verified_by=p1, verified_by_user=creator, verified_at=at(mid, 16)
    )
    st2 = startup_create(
        seller=s5,
        unit=g2,
        name="Trà Hoàn Kiếm",
        team=[{"name": "Ông Bình", "role": "Sáng lập", "birth_year": today.year - 40}],
    )
    Startup.objects.filter(pk=st2.pk).update(created=at(mid_before))
    p1_officer = Officer.objects.get(user=creator)
    pitch = pitch_create(startup=st1, approved_by=p1_officer)
    PitchVersion.objects.filter(pitch=pitch).update(approved_at=at(mid))
    waiting_pitch = pitch_create(startup=st1, title="Quán cà phê Ea Tu", slug="quan-ca-phe")
    Pitch.objects.filter(pk=waiting_pitch.pk).update(state="in_review", submitted_at=at(mid))

    def lead(startup, role, moment, **extra):
        row = Lead.objects.create(
            startup=startup,
            role=role,
            message="Tôi quan tâm",
            name="Nhà đầu tư",
            email=f"{uuid.uuid4().hex[:8]}@example.com",
            fingerprint=uuid.uuid4().hex,
            **extra,
        )
        Lead.objects.filter(pk=row.pk).update(created=moment)
        return row

    lead(st1, "investor", at(mid), pitch=pitch)
    lead(st1, "buyer", at(mid, 11), pitch=pitch)
    lead(st1, "mentor", at(mid_before), pitch=pitch)
    lead(st2, "buyer", at(mid))
    for n in range(2):
        follower = User.objects.create_user(f"nguoi-theo-doi-{n}", f"f{n}@example.com", "x")
        Follow.objects.create(user=follower, startup=st1, created=at(mid))

    # the expo of the province, in last month, with the startup's booth
    opens = at(last + datetime.timedelta(days=11), 8)
    expo = expo_create(
        unit=p1,
        phase="closed",
        applications_close_at=opens - datetime.timedelta(days=2),
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=2),
        title="Hội chợ nông sản Đắk Lắk",
    )
    world.expo = expo
    booth = booth_create(expo=expo, startup=st1, products=[p_coffee])
    booth_create(expo=expo, startup=st2, status="applied")  # waits for the officer
    day1, day2 = opens.date(), opens.date() + datetime.timedelta(days=1)
    for visitor, day in (("v1", day1), ("v1", day1), ("v2", day1), ("v1", day2)):
        ExpoEvent.objects.create(
            expo=expo, kind="booth", hall=booth.hall, booth=booth, visitor=visitor, day=day
        )
    lead(st1, "buyer", at(day1, 9), booth=booth, source="booth")
    followed = lead(st1, "distributor", at(day1, 10), booth=booth, source="booth")
    followup = FollowUp.objects.create(booth=booth, subject="Cảm ơn", body="Cảm ơn bạn")
    FollowUpDelivery.objects.create(followup=followup, lead=followed, sent_at=at(day2))
    asker = User.objects.create_user("nguoi-hoi", "hoi@example.com", "x")
    BoothQuestion.objects.create(
        booth=booth, asker=asker, text="Giao hàng đi Hà Nội không?", fingerprint="q1"
    )

    # orders (goods: price × quantity; delivery is not revenue)
    o1 = _order([(p_coffee, 1), (p_honey, 1)], method="vietqr", state="Hà Nội", placed=at(mid))
    ExpoOrder.objects.create(expo=expo, order=o1, via="visit", visitor="v1")
    _order([(p_bag, 2)], method="cod", state="Đắk Lắk", placed=at(mid, 11))
    _order([(p_pepper, 1)], method="card", state="Đắk Lắk", placed=at(mid, 12))
    _order([(p_tea, 1)], method="cod", state="Hà Nội", placed=at(mid), cancelled=True)
    _order([(p_tea, 1)], method="vietqr", state="Hồ Chí Minh", placed=at(mid, 13))
    _order([(p_coffee, 1)], method="cod", state="Đắk Lắk", placed=at(mid_before))
    this_month = period.end + datetime.timedelta(days=1)
    _order([(p_bag, 1)], method="cod", state="Đắk Lắk", placed=at(this_month, 0, 30))
    return world


# The figures of last month's report, per unit (previous period: the month before).
# "now" figures are today's stock, the same whatever the period.
EXPECTED = {
    "p1": {
        "sellers_approved": 3,  # s1, s2 (on behalf), s4
        "sellers_startup": 1,
        "sellers_cooperative": 2,
        "sellers_household": 0,
        "sellers_self": 2,
        "sellers_on_behalf": 1,
        "sellers_handed_over": 1,
        "products_new": 3,  # coffee, bag, pepper (the hidden one and the waiting one do not)
        "products_public": 4,  # + honey (online since the month before)
        "products_ocop": 2,  # coffee 4★, honey 5★ (pepper's certificate lapsed)
        "ocop_3": 0,
        "ocop_4": 1,
        "ocop_5": 1,
        "ocop_lapsing": 1,  # honey, in 30 days
        "products_linked": 1,
        "clicks": 4,
        "clicks_shopee": 3,
        "clicks_lazada": 1,
        "startups_new": 1,
        "startups_total": 1,
        "startups_verified": 1,
        "youth_teams": 1,
        "pitches_published": 1,
        "interest": 4,  # 2 on the pitch, 2 at the booth
        "interest_investor": 1,
        "interest_buyer": 2,
        "interest_distributor": 1,
        "followers": 2,
        "expos_held": 1,
        "expo_visitors": 3,  # day 1: v1, v2; day 2: v1
        "expo_booths": 1,
        "expo_leads": 2,
        "expo_leads_followed": 1,
        "expo_orders": 1,
        "expo_revenue": Decimal(185000),  # the exhibitor's goods only
        "orders": 4,
        "revenue": Decimal(635000),  # 185000 + 200000 (vietqr), 200000 (cod), 50000 (card)
        "orders_vietqr": 2,
        "orders_cod": 1,
        "orders_card": 1,
        "revenue_vietqr": Decimal(385000),
        "revenue_cod": Decimal(200000),
        "revenue_card": Decimal(50000),
    },
    "p1_previous": {
        "sellers_approved": 1,  # s3
        "sellers_household": 1,
        "products_new": 1,  # honey
        "clicks": 1,
        "interest": 1,
        "orders": 1,
        "revenue": Decimal(185000),
    },
    "p1_provinces": [("Hà Nội", 2, Decimal(385000)), ("Đắk Lắk", 2, Decimal(250000))],
    "p1_cashless": 68.5,  # 435000 / 635000
    "g1a": {"sellers_approved": 2, "orders": 3, "revenue": Decimal(585000), "products_new": 2},
    "g1b": {"sellers_approved": 0, "orders": 0, "revenue": Decimal(0), "products_new": 0},
    "p1_own": {"sellers_approved": 1, "orders": 1, "revenue": Decimal(50000), "products_new": 1},
    "p2": {
        "sellers_approved": 1,
        "products_new": 1,
        "startups_total": 1,
        "youth_teams": 0,
        "interest": 1,
        "orders": 1,
        "revenue": Decimal(120000),
        "expos_held": 0,
    },
    "central": {"sellers_approved": 4, "orders": 5, "revenue": Decimal(755000), "expos_held": 1},
    "p1_work": {
        "applications": 1,
        "products": 1,
        "pitches": 1,
        "startups": 0,
        "booths": 1,
        "pitch_questions": 0,
        "booth_questions": 1,
    },
}
