"""Orders with several sellers: one order, one part per seller, each priced with its own
delivery charge from the admin's rules, each moved along by its own seller only."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from shop.order import services as part_actions
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.shop.checkout.test_views import ADDRESS, add_to_basket
from tests.shop.factories import order_create

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")
ShippingRule = get_model("shipping", "ShippingRule")
PaymentTerms = get_model("order", "PaymentTerms")

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_sellers(site_tree):
    a = SellerFactory(
        name="HTX Cà phê Ea Tu",
        code="htx-a",
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    b = SellerFactory(
        name="Mật ong Bản Giốc",
        code="htx-b",
        bank_bin="970418",
        bank_account_number="21510000999",
        bank_account_holder="NGUYEN VAN BINH",
    )
    return {
        "a": a,
        "b": b,
        "coffee": product_create(seller=a, title="Cà phê Robusta 500g", price=185000, stock=10),
        "honey": product_create(seller=b, title="Mật ong rừng 1 lít", price=300000, stock=4),
        "user_a": seller_user_create(partner=a, username="nguoi-ban-a"),
        "user_b": seller_user_create(partner=b, username="nguoi-ban-b"),
    }


def _checkout(client, basket, method="cod", address=ADDRESS):
    for product, quantity in basket:
        add_to_basket(client, product, quantity)
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    client.post(reverse("checkout:shipping-address"), address, follow=True)
    return client.post(reverse("checkout:payment-method"), {"method": method})


def test_one_order_two_parts_each_with_its_own_delivery_charge(
    client, two_sellers, django_capture_on_commit_callbacks
):
    # Đắk Lắk is in the central region: 25.000 ₫ a parcel, free from 500.000 ₫ of goods.
    ShippingRule.objects.create(region="central", charge=25000, free_above=500000)
    ShippingRule.objects.create(region="", charge=40000)
    _checkout(client, [(two_sellers["coffee"], 2), (two_sellers["honey"], 2)])
    preview = client.get(reverse("checkout:preview")).content.decode()
    # Coffee parcel 370.000 ₫ pays 25.000 ₫; honey parcel 600.000 ₫ ships free.
    assert "25.000\u00a0₫" in preview and "995.000\u00a0₫" in preview
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:preview"), {"action": "place_order"})

    order = Order.objects.get()
    assert order.total_incl_tax == Decimal(995000)
    coffee, honey = order.parts.order_by("number")
    assert (coffee.partner, coffee.goods_total, coffee.shipping_charge) == (
        two_sellers["a"],
        370000,
        25000,
    )
    assert (honey.partner, honey.goods_total, honey.shipping_charge) == (
        two_sellers["b"],
        600000,
        0,
    )
    assert {coffee.status, honey.status} == {OrderPart.Status.PLACED}
    assert coffee.amount_to_collect == 395000 and honey.amount_to_collect == 600000
    assert coffee.total + honey.total == order.total_incl_tax  # the parts add up to the order
    assert coffee.code == f"{order.number}-1"


def test_rule_for_everywhere_applies_outside_ruled_regions(client, two_sellers):
    ShippingRule.objects.create(region="north", charge=35000)
    ShippingRule.objects.create(region="", charge=40000)
    _checkout(client, [(two_sellers["coffee"], 1)], address={**ADDRESS, "state": "Hà Nội"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert Order.objects.get().parts.get().shipping_charge == 35000
    client.logout()
    _checkout(client, [(two_sellers["coffee"], 1)], address={**ADDRESS, "state": "Cần Thơ"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert Order.objects.latest("pk").parts.get().shipping_charge == 40000


def test_bank_transfer_is_offered_only_when_every_seller_takes_transfers(client, two_sellers):
    page = _checkout(client, [(two_sellers["coffee"], 1), (two_sellers["honey"], 1)], method="")
    html = client.get(reverse("checkout:payment-method")).content.decode()
    assert 'value="vietqr"' in html and 'value="card"' not in html  # no Stripe keys here
    two_sellers["b"].bank_account_number = ""
    two_sellers["b"].save()
    html = client.get(reverse("checkout:payment-method")).content.decode()
    assert 'value="vietqr"' not in html and 'value="cod"' in html
    # A crafted POST for the method that is not offered is refused on the page.
    page = client.post(reverse("checkout:payment-method"), {"method": "vietqr"})
    assert page.status_code == 200 and "lựa chọn hợp lệ" in page.content.decode()
    page = client.post(reverse("checkout:payment-method"), {"method": "card"})
    assert page.status_code == 200
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert not Order.objects.exists()


def test_bank_transfer_parts_wait_for_payment(client, two_sellers):
    _checkout(client, [(two_sellers["coffee"], 1), (two_sellers["honey"], 1)], method="vietqr")
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert set(order.parts.values_list("status", "payment_method")) == {
        ("awaiting_payment", "vietqr")
    }
    assert all(part.amount_to_collect == 0 for part in order.parts.all())


def test_a_part_goes_from_placed_to_delivered_and_stock_follows(two_sellers):
    order = order_create(two_sellers["coffee"], quantity=3, payment_method="cod")
    part = order.parts.get()
    stock = StockRecord.objects.get(product=two_sellers["coffee"])
    assert (stock.num_in_stock, stock.num_allocated) == (10, 3)
    part_actions.part_confirm(part)
    with pytest.raises(part_actions.PartChangeRefused):
        part_actions.part_confirm(part)  # a double click changes nothing twice
    part_actions.part_ship(part, carrier="Viettel Post", tracking_number="VTP123456789")
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (7, 0)  # the units left the shelf
    with pytest.raises(part_actions.PartChangeRefused):
        part_actions.part_cancel(part, by="buyer")  # too late: the parcel has left
    part_actions.part_complete(part)
    part.refresh_from_db()
    order.refresh_from_db()
    assert part.status == "completed" and part.paid_at is not None  # the cash was collected
    assert order.status == "Complete"
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (7, 0)


def test_cancelling_a_part_returns_its_stock_and_leaves_the_other_part(two_sellers):
    order = order_create(
        two_sellers["coffee"], two_sellers["honey"], quantity=2, payment_method="vietqr"
    )
    honey = order.parts.get(partner=two_sellers["b"])
    part_actions.part_cancel(honey, by="buyer")
    honey.refresh_from_db()
    assert (honey.status, honey.cancelled_by) == ("cancelled", "buyer")
    honey_stock = StockRecord.objects.get(product=two_sellers["honey"])
    coffee_stock = StockRecord.objects.get(product=two_sellers["coffee"])
    assert (honey_stock.num_in_stock, honey_stock.num_allocated) == (4, 0)
    assert (coffee_stock.num_in_stock, coffee_stock.num_allocated) == (10, 2)
    assert order.parts.get(partner=two_sellers["a"]).status == "awaiting_payment"
    with pytest.raises(part_actions.PartChangeRefused):
        part_actions.part_cancel(honey, by="buyer")
    honey_stock.refresh_from_db()
    assert honey_stock.num_allocated == 0  # not released twice


def _action(client, order, part, action, data=None):
    return client.post(
        reverse(
            "dashboard:order-part-action",
            kwargs={"number": order.number, "part_number": part.number, "action": action},
        ),
        data or {},
        follow=True,
    )


def test_each_seller_sees_and_moves_only_its_own_part(client, two_sellers):
    order = order_create(two_sellers["coffee"], two_sellers["honey"], payment_method="vietqr")
    part_a = order.parts.get(partner=two_sellers["a"])
    part_b = order.parts.get(partner=two_sellers["b"])
    client.force_login(two_sellers["user_a"])
    detail = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    html = detail.content.decode()
    assert 'data-testid="order-part"' in html and html.count('data-testid="order-part"') == 1
    assert "Mật ong Bản Giốc" not in html and "Chờ thanh toán" in html

    page = _action(client, order, part_a, "payment-received")
    assert "Đã ghi nhận" in page.content.decode()
    for action in ("payment-received", "confirm", "cancel", "complete"):
        assert _action(client, order, part_b, action).status_code == 404
    assert (
        _action(
            client, order, part_b, "ship", {"carrier": "GHN", "tracking_number": "X1"}
        ).status_code
        == 404
    )
    part_a.refresh_from_db()
    part_b.refresh_from_db()
    assert part_a.status == "placed" and part_a.paid_at is not None
    assert part_b.status == "awaiting_payment" and part_b.paid_at is None

    listing = client.get(reverse("dashboard:order-list")).content.decode()
    assert "Chờ người bán xác nhận" in listing


def test_seller_ships_with_carrier_and_tracking_then_delivers(client, two_sellers):
    order = order_create(two_sellers["coffee"], payment_method="cod")
    part = order.parts.get()
    client.force_login(two_sellers["user_a"])
    html = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()
    assert "Tiền mặt cần thu khi giao" in html and "185.000\u00a0₫" in html
    _action(client, order, part, "confirm")
    page = _action(client, order, part, "ship", {"carrier": "Viettel Post", "tracking_number": ""})
    assert "bắt buộc" in page.content.decode()
    page = _action(
        client, order, part, "ship", {"carrier": "Viettel Post", "tracking_number": "<script>"}
    )
    part.refresh_from_db()
    assert part.status == "confirmed" and part.tracking_number == ""
    _action(client, order, part, "ship", {"carrier": "Viettel Post", "tracking_number": "VTP 1234"})
    part.refresh_from_db()
    assert (part.status, part.carrier, part.tracking_number) == (
        "shipped",
        "Viettel Post",
        "VTP 1234",
    )
    page = _action(client, order, part, "confirm")  # stale button from an old tab
    assert "không có gì thay đổi" in page.content.decode()
    _action(client, order, part, "complete")
    part.refresh_from_db()
    assert part.status == "completed"


def test_transfer_confirmation_is_only_for_bank_transfers(client, two_sellers):
    order = order_create(two_sellers["coffee"], payment_method="cod")
    part = order.parts.get()
    client.force_login(two_sellers["user_a"])
    _action(client, order, part, "payment-received")
    part.refresh_from_db()
    assert part.paid_at is None and part.status == "placed"
    assert _action(client, order, part, "launch-rockets").status_code == 404


def test_part_actions_need_a_signed_in_seller(client, two_sellers):
    order = order_create(two_sellers["coffee"], payment_method="vietqr")
    part = order.parts.get()
    response = client.post(
        reverse(
            "dashboard:order-part-action",
            kwargs={
                "number": order.number,
                "part_number": part.number,
                "action": "payment-received",
            },
        )
    )
    assert response.status_code == 302 and "login" in response.url
    part.refresh_from_db()
    assert part.status == "awaiting_payment"
    assert client.get(
        reverse(
            "dashboard:order-part-action",
            kwargs={"number": order.number, "part_number": part.number, "action": "confirm"},
        )
    ).status_code in (302, 405)


def test_staff_see_every_part_of_an_order(client, two_sellers, django_user_model):
    order = order_create(two_sellers["coffee"], two_sellers["honey"], payment_method="cod")
    staff = django_user_model.objects.create_superuser("staff", "staff@example.com", "x")
    client.force_login(staff)
    html = client.get(
        reverse("dashboard:order-detail", kwargs={"number": order.number})
    ).content.decode()
    assert html.count('data-testid="order-part"') == 2
    assert "HTX Cà phê Ea Tu" in html and "Mật ong Bản Giốc" in html


def test_admin_sets_payment_terms_and_bad_terms_are_refused(client, django_user_model):
    admin_user = django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin_user)
    url = reverse("admin:order_paymentterms_add")
    page = client.post(url, {"reminder_after_hours": "24", "cancel_after_hours": "12"})
    assert page.status_code == 200 and "sau lời nhắc" in page.content.decode()
    assert not PaymentTerms.objects.exists()
    client.post(url, {"reminder_after_hours": "6", "cancel_after_hours": "24"})
    terms = PaymentTerms.current()
    assert (terms.reminder_after_hours, terms.cancel_after_hours) == (6, 24)
    assert client.get(url).status_code == 403  # one row only: edit it instead


def test_admin_sets_shipping_rules(client, django_user_model, reference_data):
    admin_user = django_user_model.objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin_user)
    url = reverse("admin:shipping_shippingrule_add")
    page = client.post(url, {"region": "south", "charge": "-5", "free_above": ""})
    assert page.status_code == 200 and not ShippingRule.objects.exists()
    client.post(url, {"region": "south", "charge": "30000", "free_above": "400000"})
    page = client.post(url, {"region": "south", "charge": "1000", "free_above": ""})
    assert page.status_code == 200  # one rule per region
    rule = ShippingRule.objects.get()
    assert (rule.region, rule.charge, rule.free_above) == ("south", 30000, 400000)
