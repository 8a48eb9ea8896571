"""The unpaid-transfer job through a real Celery worker on Redis: the beat's message cancels the
overdue part, releases its stock and the buyer's cancellation e-mail (a second task, queued
after the cancellation commits) is written once, even when the job's message comes twice."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
from oscar.core.loading import get_model

from shop.order.services import parts_create
from tests.catalog.factories import SellerFactory, product_create
from tests.shop.factories import order_create

TASK = "shop.order.tasks.remind_and_cancel_unpaid"

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def mail_text(mail_dir: Path) -> str:
    return "\n".join(f.read_text() for f in sorted(mail_dir.glob("*.log")))


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_overdue_transfer_cancelled_by_a_real_worker(reference_data, worker):
    mail_dir, sender = worker
    seller = SellerFactory(
        bank_bin="970436",
        bank_account_number="0071000123456",
        bank_account_holder="HTX CA PHE EA TU",
    )
    product = product_create(seller=seller, title="Mật ong hoa cà phê 500ml", price=160000, stock=4)
    order = order_create(product, quantity=3)
    Order.objects.filter(pk=order.pk).update(guest_email="mua@example.com")
    overdue = parts_create(order=order, payment_method="vietqr")[0]
    fresh_order = order_create(product, quantity=1)
    Order.objects.filter(pk=fresh_order.pk).update(guest_email="moi@example.com")
    fresh = parts_create(order=fresh_order, payment_method="vietqr")[0]
    # placed three days ago: past the default 48 hours to pay
    OrderPart.objects.filter(pk=overdue.pk).update(created=overdue.created - timedelta(days=3))
    assert StockRecord.objects.get(product=product).num_allocated == 4

    sender.send_task(TASK)
    sender.send_task(TASK)  # the beat's message delivered twice
    assert wait_for(lambda: "Subject:" in mail_text(mail_dir)), mail_text(mail_dir)
    time.sleep(3)  # let the duplicate run too

    overdue.refresh_from_db()
    fresh.refresh_from_db()
    assert (overdue.status, overdue.cancelled_by) == ("cancelled", "system")
    assert fresh.status == "awaiting_payment"
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (4, 1)
    text = mail_text(mail_dir)
    assert text.count("Subject:") == 1, text
    assert "mua@example.com" in text and overdue.code in text
