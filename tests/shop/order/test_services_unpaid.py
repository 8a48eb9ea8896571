"""Unpaid transfers and card payments: a reminder after the admin's hours, then cancellation
with the stock released; running twice changes nothing twice; one failure stops nothing else."""

from datetime import timedelta

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.order import services
from shop.order.services import part_payment_received, parts_create, unpaid_parts_process
from tests.catalog.factories import SellerFactory, product_create
from tests.shop.factories import order_create

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
PaymentTerms = get_model("order", "PaymentTerms")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def terms(reference_data):
    return PaymentTerms.objects.create(reminder_after_hours=12, cancel_after_hours=48)


@pytest.fixture
def product(terms):
    seller = SellerFactory(
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    return product_create(seller=seller, price=185000, stock=5)


def placed(product, method="vietqr", quantity=2):
    order = order_create(product, quantity=quantity)
    Order.objects.filter(pk=order.pk).update(guest_email="mai@example.com")
    order.refresh_from_db()
    return parts_create(order=order, payment_method=method)[0]


def run(now, capture):
    with capture(execute=True):
        return unpaid_parts_process(now=now)


def test_reminder_after_the_reminder_hours_once(product, django_capture_on_commit_callbacks):
    part = placed(product)
    assert run(part.created + timedelta(hours=11), django_capture_on_commit_callbacks) == {
        "reminded": 0,
        "cancelled": 0,
        "failed": 0,
    }
    assert mail.outbox == []

    now = part.created + timedelta(hours=13)
    assert run(now, django_capture_on_commit_callbacks)["reminded"] == 1
    part.refresh_from_db()
    assert part.payment_reminder_sent_at == now and part.status == "awaiting_payment"
    assert [m.subject for m in mail.outbox] == [
        f"Nhắc nhở: kiện hàng {part.code} đang chờ bạn thanh toán"
    ]
    assert f"370.000{NBSP}₫" in mail.outbox[0].body

    # the next runs (every 15 minutes) do not remind again
    assert run(now + timedelta(minutes=15), django_capture_on_commit_callbacks)["reminded"] == 0
    assert run(now + timedelta(hours=1), django_capture_on_commit_callbacks)["reminded"] == 0
    assert len(mail.outbox) == 1


def test_cancelled_after_the_cancel_hours_with_the_stock_released(
    product, django_capture_on_commit_callbacks
):
    part = placed(product)
    stock = StockRecord.objects.get(product=product)
    assert stock.num_allocated == 2
    run(part.created + timedelta(hours=13), django_capture_on_commit_callbacks)  # reminder

    now = part.created + timedelta(hours=49)
    assert run(now, django_capture_on_commit_callbacks) == {
        "reminded": 0,
        "cancelled": 1,
        "failed": 0,
    }
    part.refresh_from_db()
    assert (part.status, part.cancelled_by) == ("cancelled", "system")
    stock.refresh_from_db()
    assert (stock.num_in_stock, stock.num_allocated) == (5, 0)
    assert part.order.status == "Cancelled"
    assert mail.outbox[-1].subject == f"Kiện hàng {part.code} đã bị hủy"
    assert "chưa nhận được thanh toán đúng hạn" in mail.outbox[-1].body

    # run twice: nothing more
    assert run(now, django_capture_on_commit_callbacks) == {
        "reminded": 0,
        "cancelled": 0,
        "failed": 0,
    }
    stock.refresh_from_db()
    assert stock.num_allocated == 0 and len(mail.outbox) == 2


def test_overdue_part_never_reminded_is_cancelled_without_a_reminder(
    product, django_capture_on_commit_callbacks
):
    part = placed(product)
    counts = run(part.created + timedelta(hours=72), django_capture_on_commit_callbacks)
    assert counts == {"reminded": 0, "cancelled": 1, "failed": 0}
    assert [m.subject for m in mail.outbox] == [f"Kiện hàng {part.code} đã bị hủy"]


def test_card_parts_are_reminded_and_cancelled_too(product, django_capture_on_commit_callbacks):
    part = placed(product, method="card")
    assert (
        run(part.created + timedelta(hours=13), django_capture_on_commit_callbacks)["reminded"] == 1
    )
    assert (
        run(part.created + timedelta(hours=49), django_capture_on_commit_callbacks)["cancelled"]
        == 1
    )
    part.refresh_from_db()
    assert part.status == "cancelled" and part.refunded_amount == 0


def test_cash_and_paid_parts_are_left_alone(product, django_capture_on_commit_callbacks):
    cash = placed(product, method="cod", quantity=1)
    paid = placed(product, quantity=1)
    part_payment_received(paid)
    counts = run(cash.created + timedelta(days=30), django_capture_on_commit_callbacks)
    assert counts == {"reminded": 0, "cancelled": 0, "failed": 0}
    assert set(OrderPart.objects.values_list("status", flat=True)) == {"placed"}
    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_the_admins_terms_are_used(product, terms, django_capture_on_commit_callbacks):
    terms.reminder_after_hours, terms.cancel_after_hours = 1, 3
    terms.save()
    part = placed(product)
    assert (
        run(part.created + timedelta(hours=2), django_capture_on_commit_callbacks)["reminded"] == 1
    )
    assert (
        run(part.created + timedelta(hours=4), django_capture_on_commit_callbacks)["cancelled"] == 1
    )


def test_one_failure_does_not_stop_the_others(
    product, monkeypatch, django_capture_on_commit_callbacks
):
    first, second = placed(product, quantity=1), placed(product, quantity=1)
    real_cancel = services.part_cancel

    def flaky_cancel(part, *, by):
        if part.pk == first.pk:
            raise RuntimeError("database hiccup")
        return real_cancel(part, by=by)

    monkeypatch.setattr(services, "part_cancel", flaky_cancel)
    counts = run(second.created + timedelta(hours=49), django_capture_on_commit_callbacks)
    assert counts == {"reminded": 0, "cancelled": 1, "failed": 1}
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("awaiting_payment", "cancelled")
    assert StockRecord.objects.get(product=product).num_allocated == 1

    monkeypatch.undo()  # the next run picks the failed one up
    assert (
        run(second.created + timedelta(hours=49), django_capture_on_commit_callbacks)["cancelled"]
        == 1
    )
    assert StockRecord.objects.get(product=product).num_allocated == 0
