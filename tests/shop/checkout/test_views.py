"""The buyer's journey through Django's test client: basket, guest checkout with a
Vietnamese address, cash on delivery, confirmation e-mail, order in the dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from kombu.exceptions import OperationalError
from oscar.core.loading import get_model
from oscar.test.factories import UserFactory

from shop.checkout.tasks import send_order_confirmation
from shop.order.emails import order_confirmation_send

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

ADDRESS = {
    "first_name": "Nguyễn Thị Mai",
    "line1": "12 Lê Lợi",
    "line4": "Phường Buôn Ma Thuột",
    "state": "Đắk Lắk",
    "phone_number": "0912 345 678",
    "notes": "Gọi trước khi giao",
}


def add_to_basket(client, product, quantity=1):
    return client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})


def go_to_payment(client, product, address=None):
    add_to_basket(client, product, 2)
    client.post(reverse("checkout:index"), {"username": "mai@example.com", "options": "anonymous"})
    return client.post(reverse("checkout:shipping-address"), address or ADDRESS, follow=True)


def test_guest_checkout_cash_on_delivery(
    client, site_tree, product, django_capture_on_commit_callbacks
):
    page = go_to_payment(client, product)
    # One shipping method: the shipping step passes on its own to the payment method.
    assert page.redirect_chain[-1][0] == reverse("checkout:payment-method")
    assert "Thanh toán khi nhận hàng" in page.content.decode()
    response = client.post(reverse("checkout:payment-method"), {"method": "cod"})
    assert response.url == reverse("checkout:preview")

    preview = client.get(reverse("checkout:preview")).content.decode()
    assert "Thanh toán khi nhận hàng" in preview
    assert "370.000\u00a0₫" in preview

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.url == reverse("checkout:thank-you")
    thanks = client.get(response.url).content.decode()

    order = Order.objects.get()
    assert order.number in thanks
    assert order.total_incl_tax == 370000
    assert order.guest_email == "mai@example.com"
    assert order.language == "vi"
    address = order.shipping_address
    assert (address.first_name, address.line4, address.state) == (
        "Nguyễn Thị Mai",
        "Phường Buôn Ma Thuột",
        "Đắk Lắk",
    )
    assert address.phone_number.as_e164 == "+84912345678"
    assert address.country.iso_3166_1_a2 == "VN"
    assert order.sources.get().source_type.code == "cod"
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (10, 2)

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["mai@example.com"]
    assert email.subject == f"Đơn hàng {order.number} đã được xác nhận"
    assert "Nguyễn Thị Mai" in email.body and "370.000\u00a0₫" in email.body
    assert "thanh toán khi nhận hàng" in email.body.lower()
    assert (
        f"/shop/accounts/{order.number}/" in email.body or order.verification_hash() in email.body
    )


def test_confirmation_email_is_in_the_language_of_the_order(
    client, site_tree, product, django_capture_on_commit_callbacks
):
    client.post("/en" + reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    client.post("/en/shop/checkout/", {"username": "ann@example.com", "options": "anonymous"})
    client.post("/en/shop/checkout/shipping-address/", ADDRESS, follow=True)
    client.post("/en/shop/checkout/payment-method/", {"method": "cod"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/shop/checkout/preview/", {"action": "place_order"})
    order = Order.objects.get()
    assert order.language == "en"
    assert mail.outbox[0].subject == f"Your order {order.number} is confirmed"
    assert "cash on delivery" in mail.outbox[0].body and "₫185,000" in mail.outbox[0].body


def test_sending_the_confirmation_twice_sends_one_email(
    client, site_tree, product, django_capture_on_commit_callbacks
):
    go_to_payment(client, product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order_confirmation_send(order_id=order.id) is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone_number", "12345", "số điện thoại Việt Nam"),
        ("phone_number", "+1 202 555 0100", "số điện thoại Việt Nam"),
        ("phone_number", "không có số", "số điện thoại Việt Nam"),
        ("phone_number", "", "bắt buộc"),
        ("state", "Tỉnh Không Tồn Tại", "lựa chọn hợp lệ"),
        ("state", "Quảng Nam", "lựa chọn hợp lệ"),  # merged into Đà Nẵng on 1 July 2025
        ("line4", "", "bắt buộc"),
        ("first_name", "", "bắt buộc"),
    ],
)
def test_bad_address_is_refused_with_a_message(client, site_tree, product, field, value, message):
    response = go_to_payment(client, product, {**ADDRESS, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not client.session.get("checkout_data", {}).get("shipping")
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert Order.objects.count() == 0


def test_province_list_is_the_34_current_provinces(client, site_tree, product):
    add_to_basket(client, product)
    client.post(reverse("checkout:index"), {"username": "a@example.com", "options": "anonymous"})
    html = client.get(reverse("checkout:shipping-address")).content.decode()
    assert html.count('<option value="') - html.count('<option value=""') == 34
    assert '<option value="Huế">' in html and "Quảng Nam" not in html


def test_placing_an_order_without_the_earlier_steps_goes_back(client, site_tree, product):
    add_to_basket(client, product)
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.status_code == 302
    assert Order.objects.count() == 0

    go_to_payment(client, product)  # address given, payment method not chosen
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.url == reverse("checkout:payment-method")
    assert Order.objects.count() == 0


def test_unknown_payment_method_is_refused(client, site_tree, product):
    go_to_payment(client, product)
    response = client.post(reverse("checkout:payment-method"), {"method": "bitcoin"})
    assert response.status_code == 200
    assert "lựa chọn hợp lệ" in response.content.decode()
    assert Order.objects.count() == 0


def test_order_appears_in_the_dashboard(
    client, admin_client, site_tree, product, django_capture_on_commit_callbacks
):
    go_to_payment(client, product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    listing = admin_client.get(reverse("dashboard:order-list")).content.decode()
    assert order.number in listing
    detail = admin_client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert "Nguyễn Thị Mai" in detail.content.decode()


def test_checkout_with_an_account_keeps_the_order_in_the_account(
    client, site_tree, product, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user("lan", "lan@example.com", "mat-khau-an-toan-2026")
    client.force_login(user)
    add_to_basket(client, product, 1)
    client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    assert order.user == user and order.total_incl_tax == 185000
    history = client.get(reverse("customer:order-list")).content.decode()
    assert order.number in history
    assert mail.outbox[0].to == ["lan@example.com"]
    # Another buyer cannot open this order
    other = get_user_model().objects.create_user("binh", "binh@example.com", "mat-khau-khac-2026")
    client.force_login(other)
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 404


@pytest.mark.parametrize("signed_in", [False, True])
def test_place_order_resent_after_it_went_through_lands_on_the_order(
    client, site_tree, product, signed_in
):
    """The buyer's phone timed out and resent "place order" (or the buyer
    clicked again) after the first request had placed the order. The resend must land on that
    order's confirmation, not on "your basket is empty", and place nothing more."""
    if signed_in:
        client.force_login(UserFactory(email="mai@example.com"))
        add_to_basket(client, product, 2)
        client.post(reverse("checkout:shipping-address"), ADDRESS, follow=True)
    else:
        go_to_payment(client, product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    client.get(reverse("checkout:preview"))
    first = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert first.url == reverse("checkout:thank-you")

    again = client.post(reverse("checkout:preview"), {"action": "place_order"}, follow=True)
    order = Order.objects.get()
    assert again.redirect_chain[-1][0] == reverse("checkout:thank-you")
    page = again.content.decode()
    assert order.number in page
    assert Order.objects.count() == 1 and order.lines.get().quantity == 2
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_a_broker_that_is_down_never_turns_a_placed_order_into_an_error(
    client, site_tree, product, monkeypatch, django_capture_on_commit_callbacks
):
    """The confirmation task could not be sent (Redis down) after the order committed, which
    used to show the buyer an error page. The buyer now sees the confirmation,
    and the e-mail is sent from the web process instead."""

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_order_confirmation, "apply_async", broker_down)
    go_to_payment(client, product)
    client.post(reverse("checkout:payment-method"), {"method": "cod"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert str(order.number) in client.get(response.url).content.decode()
    assert [m.to for m in mail.outbox] == [["mai@example.com"]]
