"""A known world for the seller centre's tests: two sellers, each with a startup, products,
orders (some cancelled, some paid by VietQR, some cash on delivery, one older than a week),
leads, followers, marketplace clicks, QR visits and an expo booth."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import MarketplaceClick, MarketplaceLink
from shop.order.services import part_cancel, part_confirm, part_payment_received
from startups.models import ExpoEvent, Follow, Lead, QRVisitDay, Question
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.factories import order_create
from tests.startups.factories import booth_create, expo_create, pitch_create, startup_create

Line = get_model("order", "Line")
Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
PASSWORD = "mat-khau-nguoi-ban-2026"
_seq = itertools.count(1)


def placed_days_ago(order, days: int) -> None:
    Order.objects.filter(pk=order.pk).update(
        date_placed=timezone.now() - datetime.timedelta(days=days)
    )


def lead_add(startup, *, pitch=None, booth=None, role="buyer", status="new", days_ago=0):
    n = next(_seq)
    lead = Lead.objects.create(
        startup=startup,
        pitch=pitch,
        booth=booth,
        source="booth" if booth else ("pitch" if pitch else "startup"),
        role=role,
        message=f"Tôi muốn hợp tác {n}",
        name=f"Người quan tâm {n}",
        email=f"quan-tam-{n}@example.com",
        fingerprint=f"fp-{n}",
        status=status,
        created=timezone.now() - datetime.timedelta(days=days_ago),
    )
    type(startup).objects.filter(pk=startup.pk).update(
        interest_count=Lead.objects.filter(startup=startup).count()
    )
    return lead


def follow_add(startup, *, days_ago=0):
    n = next(_seq)
    user = get_user_model().objects.create_user(f"theo-doi-{n}", f"td{n}@example.com", "x")
    Follow.objects.create(
        user=user, startup=startup, created=timezone.now() - datetime.timedelta(days=days_ago)
    )
    type(startup).objects.filter(pk=startup.pk).update(
        follower_count=Follow.objects.filter(startup=startup).count()
    )


def seller_world(*, name="HTX Chè Suối Giàng", username="nguoi-ban-a", prefix="A"):
    """One seller with its user, startup, products, orders, leads, visits and a booth."""
    seller = SellerFactory(kind="startup", name=name)
    user = seller_user_create(partner=seller, username=username)
    startup = startup_create(seller=seller, name=f"Khởi nghiệp {prefix}")
    today = datetime.date.today()
    tea = product_create(seller=seller, title=f"Chè Shan tuyết {prefix} 100g", price=120000)
    honey = product_create(seller=seller, title=f"Mật ong rừng {prefix}", price=250000, stock=4)
    lapsing = product_create(
        seller=seller,
        title=f"Miến dong {prefix}",
        price=60000,
        valid_from=today - datetime.timedelta(days=600),
        valid_until=today + datetime.timedelta(days=30),
    )
    rejected = product_create(seller=seller, title=f"Rượu ngô {prefix}", price=90000)
    Product.objects.filter(pk=rejected.pk).update(
        moderation_status="rejected", moderation_note="Thiếu giấy chứng nhận an toàn thực phẩm."
    )
    other = product_create(title=f"Cà phê của người khác {prefix}", price=310000)

    # orders: cash to confirm, transfer waiting, transfer paid and confirmed (to ship),
    # cash cancelled, cash of ten days ago
    to_confirm = order_create(tea, other, quantity=2, payment_method="cod")
    waiting_transfer = order_create(honey, payment_method="vietqr")
    to_ship = order_create(tea, payment_method="vietqr")
    part = to_ship.parts.get(partner=seller)
    part_payment_received(part)
    part_confirm(part)
    cancelled = order_create(honey, payment_method="cod")
    part_cancel(cancelled.parts.get(partner=seller), by="seller")
    older = order_create(lapsing, quantity=3, payment_method="cod")
    placed_days_ago(older, 10)

    pitch = pitch_create(startup=startup, title=f"Mở rộng đồi chè {prefix}")
    pitch_create(startup=startup, title=f"Xưởng sấy {prefix}", slug=f"xuong-say-{prefix.lower()}")
    lead_add(startup, pitch=pitch, role="investor")
    lead_add(startup, role="buyer")
    lead_add(startup, role="distributor", status="contacted", days_ago=20)
    for days in (0, 1, 40):
        follow_add(startup, days_ago=days)
    asker = get_user_model().objects.create_user(f"hoi-{prefix}", f"hoi-{prefix}@example.com", "x")
    Question.objects.create(pitch=pitch, asker=asker, text="Bao giờ có chè mới?")

    link = MarketplaceLink.objects.create(
        product=tea, marketplace="shopee", url=f"https://shopee.vn/che-{prefix.lower()}-i.1.2"
    )
    for days in (0, 1, 2, 40):
        MarketplaceClick.objects.create(
            link=link, clicked_at=timezone.now() - datetime.timedelta(days=days)
        )
    QRVisitDay.objects.create(kind="product", object_id=tea.pk, day=today, count=4)
    QRVisitDay.objects.create(kind="startup", object_id=startup.pk, day=today, count=2)
    QRVisitDay.objects.create(
        kind="product", object_id=tea.pk, day=today - datetime.timedelta(days=20), count=5
    )

    expo = expo_create(phase="live", title=f"Hội chợ khởi nghiệp {prefix}")
    booth = booth_create(expo=expo, startup=startup, products=[tea])
    vn_today = timezone.localdate()
    for visitor in ("v1", "v2", "v3"):
        ExpoEvent.objects.create(
            expo=expo, kind="booth", hall=booth.hall, booth=booth, visitor=visitor, day=vn_today
        )
    lead_add(startup, booth=booth, role="buyer")
    return {
        "seller": seller,
        "user": user,
        "startup": startup,
        "tea": tea,
        "honey": honey,
        "lapsing": lapsing,
        "rejected": rejected,
        "pitch": pitch,
        "booth": booth,
        "orders": {
            "to_confirm": to_confirm,
            "waiting_transfer": waiting_transfer,
            "to_ship": to_ship,
            "cancelled": cancelled,
            "older": older,
        },
    }


def expected_sales(seller, *, since: datetime.datetime) -> dict:
    """The seller's sales since ``since``, added up in Python from the raw rows."""
    cancelled = {
        p.order_id
        for p in OrderPart.objects.filter(partner=seller, status=OrderPart.Status.CANCELLED)
    }
    lines = [
        line
        for line in Line.objects.filter(partner=seller).select_related("order")
        if line.order.date_placed >= since and line.order_id not in cancelled
    ]
    parts = [
        p
        for p in OrderPart.objects.filter(partner=seller).select_related("order")
        if p.order.date_placed >= since
    ]
    return {
        "revenue": sum((line.line_price_incl_tax for line in lines), Decimal(0)),
        "orders": len({line.order_id for line in lines}),
        "items": sum(line.quantity for line in lines),
        "cancelled": sum(1 for p in parts if p.status == OrderPart.Status.CANCELLED),
        "by_payment": {
            method: sum(
                (
                    p.goods_total
                    for p in parts
                    if p.payment_method == method and p.status != "cancelled"
                ),
                Decimal(0),
            )
            for method in ("cod", "vietqr", "card")
        },
        "by_product": {
            title: sum(line.line_price_incl_tax for line in lines if line.title == title)
            for title in {line.title for line in lines}
        },
    }


def expected_low_stock(seller) -> int:
    return sum(
        1
        for r in StockRecord.objects.filter(partner=seller).select_related("product")
        if r.num_in_stock is not None
        and r.product.moderation_status != "rejected"
        and r.num_in_stock - (r.num_allocated or 0)
        <= (5 if r.low_stock_threshold is None else r.low_stock_threshold)
    )
