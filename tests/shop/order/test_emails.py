"""E-mails to the buyer when a seller's part changes: in the order's language, once per kind
even when the task runs twice, none for "placed" (the order confirmation covers it)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.emails import part_notice_send
from shop.order.services import (
    part_cancel,
    part_complete,
    part_confirm,
    part_payment_received,
    part_ship,
    parts_create,
)
from shop.order.tasks import send_part_notice
from tests.catalog.factories import SellerFactory, product_create
from tests.shop.factories import order_create

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
OrderPartNotice = get_model("order", "OrderPartNotice")

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def bank_product(reference_data):
    seller = SellerFactory(
        name="HTX Cà phê Ea Tu",
        code="htx-ca-phe-ea-tu",
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    return product_create(seller=seller, title="Cà phê Robusta rang mộc 500g", price=185000)


def order_part(product, *, method="vietqr", language="vi"):
    order = order_create(product)
    Order.objects.filter(pk=order.pk).update(guest_email="mai@example.com", language=language)
    order.refresh_from_db()
    return parts_create(order=order, payment_method=method)[0]


def test_a_transfer_part_through_its_life_in_vietnamese(
    bank_product, django_capture_on_commit_callbacks
):
    part = order_part(bank_product)
    code = part.code
    with django_capture_on_commit_callbacks(execute=True):
        part_payment_received(part)
        part_confirm(part)
        part_ship(part, carrier="Viettel Post", tracking_number="VTP123456789")
        part_complete(part)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        f"Đã nhận thanh toán cho kiện hàng {code}",
        f"Kiện hàng {code} đang được chuẩn bị",
        f"Kiện hàng {code} đang trên đường giao",
        f"Kiện hàng {code} đã được giao",
    ]
    assert all(m.to == ["mai@example.com"] for m in mail.outbox)
    paid, confirmed, shipped, completed = (m.body for m in mail.outbox)
    assert f"Khoản thanh toán 185.000{NBSP}₫ cho kiện hàng {code} đã về." in paid
    assert "HTX Cà phê Ea Tu đã xác nhận kiện hàng" in confirmed
    assert "Đơn vị vận chuyển: Viettel Post" in shipped and "Mã vận đơn: VTP123456789" in shipped
    assert "tiền mặt" not in shipped  # paid by transfer already
    assert "Cảm ơn bạn đã ủng hộ" in completed
    order = part.order
    link = f"http://testserver/shop/orders/{order.number}/{order.verification_hash()}/"
    assert all(link in body for body in (paid, confirmed, shipped, completed))


def test_cash_parcel_shipped_says_what_to_pay(bank_product, django_capture_on_commit_callbacks):
    part = order_part(bank_product, method="cod")
    with django_capture_on_commit_callbacks(execute=True):
        part_ship(part, carrier="GHN", tracking_number="GHN0001")
    assert f"Vui lòng chuẩn bị 185.000{NBSP}₫ tiền mặt" in mail.outbox[0].body


def test_placed_sends_nothing(bank_product, django_capture_on_commit_callbacks):
    order = order_create(bank_product)
    Order.objects.filter(pk=order.pk).update(guest_email="mai@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        part = parts_create(order=order, payment_method="vietqr")[0]
    assert part_notice_send(part_id=part.pk, kind="placed") is False
    assert mail.outbox == [] and not OrderPartNotice.objects.exists()


def test_each_kind_is_sent_once_even_when_the_task_runs_twice(bank_product):
    part = order_part(bank_product)
    part_payment_received(part)
    assert part_notice_send(part_id=part.pk, kind="paid") is True
    assert part_notice_send(part_id=part.pk, kind="paid") is False
    send_part_notice.delay(part.pk, "paid")  # a duplicated message (eager Celery)
    assert len(mail.outbox) == 1
    assert list(OrderPartNotice.objects.values_list("kind", flat=True)) == ["paid"]


def test_a_failed_send_can_be_retried(bank_product, monkeypatch):
    part = order_part(bank_product)
    part_payment_received(part)

    def down(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", down)
    with pytest.raises(OSError):
        part_notice_send(part_id=part.pk, kind="paid")
    assert not OrderPartNotice.objects.exists()  # rolled back with the failed send
    monkeypatch.undo()
    assert part_notice_send(part_id=part.pk, kind="paid") is True
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("by", "words"),
    [
        ("buyer", "Theo yêu cầu của bạn, kiện hàng {code} của HTX Cà phê Ea Tu đã được hủy."),
        ("seller", "HTX Cà phê Ea Tu đã hủy kiện hàng {code}."),
        ("system", "đã bị hủy vì chưa nhận được thanh toán đúng hạn"),
    ],
)
def test_cancellation_says_who_cancelled(
    bank_product, django_capture_on_commit_callbacks, by, words
):
    part = order_part(bank_product)
    with django_capture_on_commit_callbacks(execute=True):
        part_cancel(part, by=by)
    assert [m.subject for m in mail.outbox] == [f"Kiện hàng {part.code} đã bị hủy"]
    assert words.format(code=part.code) in mail.outbox[0].body


def test_card_cancellation_gives_the_refunded_amount(bank_product):
    part = order_part(bank_product, method="card")
    OrderPart.objects.filter(pk=part.pk).update(
        status="cancelled", cancelled_by="buyer", refunded_amount=185000
    )
    assert part_notice_send(part_id=part.pk, kind="cancelled") is True
    assert f"Đã hoàn 185.000{NBSP}₫ về thẻ của bạn" in mail.outbox[0].body


def test_payment_reminder_has_the_amount_the_deadline_and_the_transfer_details(bank_product):
    part = order_part(bank_product)
    assert part_notice_send(part_id=part.pk, kind="payment_reminder") is True
    email = mail.outbox[0]
    assert email.subject == f"Nhắc nhở: kiện hàng {part.code} đang chờ bạn thanh toán"
    order = part.order
    assert (
        f"http://testserver/shop/orders/{order.number}/{order.verification_hash()}/" in email.body
    )
    assert f"khoản thanh toán 185.000{NBSP}₫ cho kiện hàng {part.code}" in email.body
    deadline = timezone.localtime(part.created + timedelta(hours=48))
    assert f"trước {deadline:%d/%m/%Y %H:%M}" in email.body  # the locale's DATETIME_FORMAT
    assert "Số tài khoản: 0071000123456" in email.body
    assert f"Nội dung chuyển khoản: DH{order.number} 1" in email.body


def test_no_reminder_once_paid(bank_product):
    part = order_part(bank_product)
    part_payment_received(part)
    assert part_notice_send(part_id=part.pk, kind="payment_reminder") is False
    assert mail.outbox == []


def test_english_order_gets_english_emails(bank_product, django_capture_on_commit_callbacks):
    part = order_part(bank_product, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        part_payment_received(part)
        part_ship(part, carrier="Viettel Post", tracking_number="VTP1")
        part_notice_send(part_id=part.pk, kind="payment_reminder")  # not awaiting: nothing
    assert [m.subject for m in mail.outbox] == [
        f"Payment received for parcel {part.code}",
        f"Parcel {part.code} is on its way",
    ]
    assert "Your payment of ₫185,000 for parcel" in mail.outbox[0].body
    assert "Carrier: Viettel Post" in mail.outbox[1].body
    assert f"http://testserver/en/shop/orders/{part.order.number}/" in mail.outbox[1].body
    assert "Kiện hàng" not in mail.outbox[1].body
