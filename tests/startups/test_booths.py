"""The exhibitors' writes: applying for a booth (the rules, one per startup and expo), editing
it, and the expo-only offer, whose voucher really discounts this seller's products in an
Oscar basket during the expo and nobody else's."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.partner.strategy import Default
from shop.basket.applicator import Applicator
from startups.access import NotAllowed
from startups.models import Booth
from startups.services import booths as services
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import booth_create, expo_create, startup_create

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_tree):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    owner = seller_user_create(partner=startup.partner, username="chu-a")
    helper = seller_user_create(partner=startup.partner, username="nhan-vien-a")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong Krông Bông")
    other_owner = seller_user_create(partner=other.partner, username="chu-b")
    products = [product_create(seller=startup.partner, title=f"Cà phê {n}") for n in range(3)]
    foreign = product_create(seller=other.partner, title="Mật ong rừng")
    expo = expo_create(phase="applications")
    return {
        "startup": startup,
        "owner": owner,
        "helper": helper,
        "other": other,
        "other_owner": other_owner,
        "products": products,
        "foreign": foreign,
        "expo": expo,
        "hall": expo.halls.first(),
    }


def apply(w, **overrides):
    fields = {
        "user": w["owner"],
        "expo": w["expo"],
        "startup": w["startup"],
        "hall": w["hall"],
        "products": w["products"][:2],
        "pitch": "Cà phê Robusta rang mộc",
        "staff": [w["helper"]],
    }
    fields.update(overrides)
    return services.booth_apply(**fields)


def test_apply_makes_an_application_with_products_in_order_and_staff(world):
    booth = apply(world)
    assert booth.status == Booth.Status.APPLIED
    assert booth.applied_by == world["owner"]
    assert [bp.product_id for bp in booth.booth_products.order_by("position")] == [
        p.pk for p in world["products"][:2]
    ]
    assert list(booth.staff.all()) == [world["helper"]]


def test_one_booth_per_startup_and_expo_is_a_clear_message(world):
    apply(world)
    with pytest.raises(ValidationError) as error:
        apply(world)
    assert error.value.code == "duplicate"
    assert Booth.objects.count() == 1


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"products": []}, "products"),
        ({"pitch": "  "}, "pitch"),
        ({"video_url": "https://example.com/video"}, "video_url"),
    ],
)
def test_apply_refuses_bad_fields(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        apply(world, **overrides)
    assert field in error.value.message_dict
    assert not Booth.objects.exists()


def test_apply_refuses_another_sellers_products_staff_and_halls(world):
    with pytest.raises(ValidationError) as error:
        apply(world, products=[world["foreign"]])
    assert "products" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        apply(world, staff=[world["other_owner"]])
    assert "staff" in error.value.message_dict
    other_expo = expo_create(phase="applications")
    with pytest.raises(ValidationError) as error:
        apply(world, hall=other_expo.halls.first())
    assert "hall" in error.value.message_dict
    assert not Booth.objects.exists()


def test_apply_refuses_more_than_twelve_products(world):
    many = [product_create(seller=world["startup"].partner) for _n in range(13)]
    with pytest.raises(ValidationError):
        apply(world, products=many)


def test_apply_needs_a_startup_and_an_expo_taking_applications(world):
    with pytest.raises(ValidationError) as error:
        apply(world, startup=None)
    assert error.value.code == "no_startup"
    with pytest.raises(ValidationError) as error:
        apply(world, expo=expo_create(phase="live"))
    assert error.value.code == "closed"
    with pytest.raises(NotAllowed):
        apply(world, user=world["other_owner"])


def test_save_and_withdraw(world):
    booth = apply(world)
    services.booth_save(
        user=world["owner"],
        booth=booth,
        hall=world["hall"],
        products=[world["products"][2]],
        pitch="Mới",
    )
    booth.refresh_from_db()
    assert booth.pitch == "Mới"
    assert list(booth.products.all()) == [world["products"][2]]
    with pytest.raises(NotAllowed):
        services.booth_save(
            user=world["other_owner"],
            booth=booth,
            hall=world["hall"],
            products=[world["products"][0]],
            pitch="x",
        )
    services.booth_withdraw(user=world["owner"], booth=booth)
    booth.refresh_from_db()
    assert booth.status == Booth.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.booth_save(
            user=world["owner"], booth=booth, hall=world["hall"], products=[], pitch="x"
        )


def test_changing_an_approved_booth_bumps_the_expo_page_cache(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    booth = booth_create(
        expo=world["expo"], startup=world["startup"], products=world["products"][:1]
    )
    bumped = []
    monkeypatch.setattr(services.pagecache, "bump", lambda *keys, **kw: bumped.extend(keys))
    with django_capture_on_commit_callbacks(execute=True):
        services.booth_save(
            user=world["owner"],
            booth=booth,
            hall=world["hall"],
            products=world["products"][:1],
            pitch="Mới",
        )
    assert bumped == [booth.expo.token_key]


def basket_with(*products):
    from django.contrib.auth import get_user_model

    buyer = get_user_model().objects.create_user(
        f"khach-{Basket.objects.count()}", "khach@example.com", "x"
    )
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, 1)
    return basket


def discount_of(basket, voucher, now):
    basket.vouchers.add(voucher)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=now):
        Applicator().apply(basket, user=basket.owner)
    return basket.total_discount


def test_offer_voucher_discounts_only_this_sellers_products_during_the_expo(world):
    now = timezone.now()
    expo = expo_create(phase="live")
    booth = booth_create(expo=expo, startup=world["startup"], products=world["products"][:1])
    services.booth_offer_set(user=world["owner"], booth=booth, percent=20, text="Giảm 20%")
    booth.refresh_from_db()
    voucher = booth.offer_voucher
    assert voucher.code.startswith("EXPO-") and len(voucher.code) == 11
    assert voucher.usage == voucher.MULTI_USE
    assert (voucher.start_datetime, voucher.end_datetime) == (expo.opens_at, expo.closes_at)
    assert booth.offer_text == "Giảm 20%"

    own = world["products"][0]
    price = own.stockrecords.first().price
    assert discount_of(basket_with(own), voucher, now) == price * 20 / 100
    assert discount_of(basket_with(world["foreign"]), voucher, now) == 0
    after = expo.closes_at + datetime.timedelta(days=1)
    assert discount_of(basket_with(own), voucher, after) == 0

    # changing the percentage keeps the code
    services.booth_offer_set(user=world["owner"], booth=booth, percent=10, text="Giảm 10%")
    booth.refresh_from_db()
    assert booth.offer_voucher.code == voucher.code
    assert discount_of(basket_with(own), booth.offer_voucher, now) == price * 10 / 100


def test_offer_works_only_within_the_expo_and_ends_when_the_booth_withdraws(world):
    expo = expo_create(phase="live")
    booth = booth_create(expo=expo, startup=world["startup"], products=world["products"][:1])
    services.booth_offer_set(user=world["owner"], booth=booth, percent=25, text="Giảm 25%")
    booth.refresh_from_db()
    voucher, own = booth.offer_voucher, world["products"][0]
    before = expo.opens_at - datetime.timedelta(hours=1)
    assert discount_of(basket_with(own), voucher, before) == 0
    assert discount_of(basket_with(own), voucher, timezone.now()) > 0
    services.booth_withdraw(user=world["owner"], booth=booth)
    voucher.refresh_from_db()
    assert voucher.end_datetime <= timezone.now()
    assert discount_of(basket_with(own), voucher, timezone.now()) == 0


def test_offer_remove(world):
    expo = expo_create(phase="live")
    booth = booth_create(expo=expo, startup=world["startup"], products=world["products"][:1])
    services.booth_offer_set(user=world["owner"], booth=booth, percent=15, text="Giảm 15%")
    booth.refresh_from_db()
    voucher = booth.offer_voucher
    with pytest.raises(NotAllowed):
        services.booth_offer_remove(user=world["other_owner"], booth=booth)
    services.booth_offer_remove(user=world["owner"], booth=booth)
    booth.refresh_from_db()
    assert booth.offer_voucher is None and booth.offer_text == ""
    assert discount_of(basket_with(world["products"][0]), voucher, timezone.now()) == 0


@pytest.mark.parametrize("percent", [51, -1])
def test_offer_percent_is_one_to_fifty(world, percent):
    booth = booth_create(expo=world["expo"], startup=world["startup"])
    with pytest.raises(ValidationError):
        services.booth_offer_set(user=world["owner"], booth=booth, percent=percent, text="x")
    booth.refresh_from_db()
    assert booth.offer_voucher is None


def test_offer_only_by_the_booths_seller(world):
    booth = booth_create(expo=world["expo"], startup=world["startup"])
    with pytest.raises(NotAllowed):
        services.booth_offer_set(user=world["other_owner"], booth=booth, percent=10, text="x")


def test_presence_mark(world):
    booth = booth_create(expo=world["expo"], startup=world["startup"])
    services.staff_presence_mark(user=world["helper"], booth=booth)
    booth.refresh_from_db()
    assert booth.staff_seen_at is not None
    with pytest.raises(NotAllowed):
        services.staff_presence_mark(user=world["other_owner"], booth=booth)
