"""A booth's expo-only offer follows its expo and its seller's shop: new expo dates move the
voucher (it works on the new dates, not the old ones), a refusal or a return to a draft stops
it (an approval or a new announcement opens it again), and in an Oscar basket it discounts
the seller's products on sale now (one made public later included, one hidden later left
out) and never another seller's line."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.partner.strategy import Default
from catalog.services import moderation
from shop.basket.applicator import Applicator
from startups.models import Officer, UnionUnit
from startups.services import booths
from startups.services import expos as organising
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import booth_create, expo_create, startup_create

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()
pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(site_tree):
    startup = startup_create(seller=SellerFactory(kind="startup"), name="Cà phê Ea Tu")
    owner = seller_user_create(partner=startup.partner, username="chu-a")
    other = startup_create(seller=SellerFactory(kind="startup"), name="Mật ong Krông Bông")
    coffee = product_create(seller=startup.partner, title="Cà phê Robusta", price=200000)
    honey = product_create(seller=other.partner, title="Mật ong rừng", price=150000)
    expo_create(phase="draft")  # loads the union units
    unit = UnionUnit.objects.get(level="province", province__code="66")
    officer = Officer.objects.create(
        user=User.objects.create_user("canbo", "canbo@example.com", "x"), unit=unit
    )
    return {
        "startup": startup,
        "owner": owner,
        "other": other,
        "coffee": coffee,
        "honey": honey,
        "officer": officer,
    }


def booth_with_offer(w, *, phase, percent=20):
    expo = expo_create(phase=phase)
    booth = booth_create(expo=expo, startup=w["startup"], products=[w["coffee"]])
    booths.booth_offer_set(user=w["owner"], booth=booth, percent=percent, text="Giảm giá")
    booth.refresh_from_db()
    return expo, booth, booth.offer_voucher


def basket_with(*products):
    buyer = User.objects.create_user(f"khach-{Basket.objects.count()}", "khach@example.com", "x")
    basket = Basket.objects.create(owner=buyer)
    basket.strategy = Default()
    for product in products:
        basket.add_product(product, 1)
    return basket


def priced(basket, voucher, at):
    """The basket with the voucher applied as the basket page would at ``at``."""
    basket.vouchers.add(voucher)
    with mock.patch("django.utils.timezone.now", return_value=at):
        Applicator().apply(basket, user=basket.owner)
    return basket


def discount(product, voucher, at):
    return priced(basket_with(product), voucher, at).total_discount


def working(voucher, at) -> bool:
    voucher.refresh_from_db()
    return voucher.is_active(at)


def test_new_expo_dates_move_the_voucher_and_its_offer(world):
    expo, _booth, voucher = booth_with_offer(world, phase="applications")
    old = expo.opens_at + HOUR
    assert working(voucher, old)
    opens, closes = expo.opens_at + 20 * DAY, expo.opens_at + 22 * DAY
    organising.expo_save(
        officer=world["officer"], expo=expo, data={"opens_at": opens, "closes_at": closes}
    )
    voucher.refresh_from_db()
    assert (voucher.start_datetime, voucher.end_datetime) == (opens, closes)
    offer = voucher.offers.get()
    assert (offer.start_datetime, offer.end_datetime, offer.status) == (opens, closes, "Open")
    assert working(voucher, opens + HOUR) and not working(voucher, old)
    assert discount(world["coffee"], voucher, opens + HOUR) == 40000
    assert discount(world["coffee"], voucher, old) == 0


def test_a_refused_booths_voucher_stops_and_new_dates_do_not_bring_it_back(world):
    expo, booth, voucher = booth_with_offer(world, phase="live")
    assert discount(world["coffee"], voucher, timezone.now()) == 40000

    organising.booth_decide(
        officer=world["officer"], booth=booth, approve=False, reason="Thiếu giấy chứng nhận"
    )
    later = timezone.now() + HOUR  # still within the expo
    assert not working(voucher, later)
    assert discount(world["coffee"], voucher, later) == 0
    assert not voucher.offers.get().is_available(test_date=later)

    organising.expo_save(
        officer=world["officer"], expo=expo, data={"closes_at": expo.closes_at + 5 * DAY}
    )
    assert not working(voucher, later)

    # approved again (a decision may change until the expo closes): it works again
    organising.booth_decide(officer=world["officer"], booth=booth, approve=True)
    assert working(voucher, later)
    assert voucher.end_datetime == expo.closes_at + 5 * DAY
    assert discount(world["coffee"], voucher, later) == 40000


def test_a_withdrawn_booths_voucher_stays_ended_when_the_dates_change(world):
    expo, booth, voucher = booth_with_offer(world, phase="applications")
    booths.booth_withdraw(user=world["owner"], booth=booth)
    voucher.refresh_from_db()
    ended = voucher.end_datetime
    organising.expo_save(
        officer=world["officer"],
        expo=expo,
        data={"opens_at": expo.opens_at + DAY, "closes_at": expo.closes_at + DAY},
    )
    voucher.refresh_from_db()
    assert voucher.end_datetime == ended
    assert not working(voucher, expo.opens_at + DAY + HOUR)


def test_a_voucher_does_not_work_while_its_expo_is_a_draft_again(world):
    expo, _booth, voucher = booth_with_offer(world, phase="applications")
    during = expo.opens_at + HOUR
    organising.expo_unpublish(officer=world["officer"], expo=expo)
    assert not working(voucher, during)
    assert discount(world["coffee"], voucher, during) == 0
    organising.expo_publish(officer=world["officer"], expo=expo)
    assert working(voucher, during)
    assert discount(world["coffee"], voucher, during) == 40000


def test_an_offer_set_while_the_expo_is_a_draft_waits_for_its_announcement(world):
    expo, booth, voucher = booth_with_offer(world, phase="applications")
    organising.expo_unpublish(officer=world["officer"], expo=expo)
    booths.booth_offer_set(user=world["owner"], booth=booth, percent=10, text="Giảm 10%")
    assert not working(voucher, expo.opens_at + HOUR)
    organising.expo_publish(officer=world["officer"], expo=expo)
    assert discount(world["coffee"], voucher, expo.opens_at + HOUR) == 20000


def test_a_product_made_public_later_gets_the_discount(world, django_capture_on_commit_callbacks):
    seller = world["startup"].partner
    hidden = product_create(seller=seller, title="Cà phê phin giấy", price=100000, is_public=False)
    reviewed = product_create(seller=seller, title="Cà phê chồn", price=300000)
    reviewed.moderation_status = reviewed.Moderation.SUBMITTED
    reviewed.save()
    _expo, _booth, voucher = booth_with_offer(world, phase="live")
    now = timezone.now()
    assert discount(hidden, voucher, now) == 0
    assert discount(reviewed, voucher, now) == 0

    with django_capture_on_commit_callbacks(execute=True):
        hidden.is_public = True
        hidden.save()  # the seller shows it in the dashboard
    with django_capture_on_commit_callbacks(execute=True):
        moderation.product_approve(product_id=reviewed.pk)  # an officer approves it
    assert discount(hidden, voucher, now) == 20000
    assert discount(reviewed, voucher, now) == 60000


def test_a_product_no_longer_public_leaves_the_offer(world, django_capture_on_commit_callbacks):
    _expo, _booth, voucher = booth_with_offer(world, phase="live")
    product_range = voucher.offers.get().benefit.range
    assert list(product_range.all_products()) == [world["coffee"]]
    with django_capture_on_commit_callbacks(execute=True):
        moderation.product_reject(product_id=world["coffee"].pk, reason="Ảnh mờ")
    assert not product_range.included_products.exists()


def test_another_sellers_product_never_gets_the_discount(world, django_capture_on_commit_callbacks):
    _expo, _booth, voucher = booth_with_offer(world, phase="live")
    with django_capture_on_commit_callbacks(execute=True):
        late = product_create(seller=world["other"].partner, title="Mật ong bạc hà")
        world["honey"].save()
    now = timezone.now()
    basket = priced(basket_with(world["coffee"], world["honey"], late), voucher, now)
    discounts = {line.product_id: line.discount_value for line in basket.all_lines()}
    assert discounts == {world["coffee"].pk: 40000, world["honey"].pk: 0, late.pk: 0}


def test_a_product_another_seller_also_stocks_is_not_discounted(
    world, django_capture_on_commit_callbacks
):
    """Else the other seller's line of it would get this seller's discount."""
    _expo, _booth, voucher = booth_with_offer(world, phase="live")
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.objects.create(
            product=world["coffee"],
            partner=world["other"].partner,
            partner_sku="B-COFFEE",
            price_currency="VND",
            price=190000,
            num_in_stock=5,
        )
    assert discount(world["coffee"], voucher, timezone.now()) == 0
