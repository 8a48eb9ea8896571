"""J1/J2 with the real parts: the order confirmation goes through Redis to a real Celery
worker process, which sends it once even when the message is delivered twice, and a task
enqueued in a transaction that is rolled back never runs."""

import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from oscar.core.loading import get_model

from tests.factories import order_create, product_create

TASK = "shop.checkout.tasks.send_order_confirmation"

Order = get_model("order", "Order")

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def wait_for_mail(mail_dir: Path, count: int, seconds: float = 60) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        files = sorted(mail_dir.glob("*.log"))
        messages = [f.read_text() for f in files]
        if sum(m.count("Subject:") for m in messages) >= count:
            return messages
        time.sleep(0.5)
    return [f.read_text() for f in sorted(mail_dir.glob("*.log"))]


def test_confirmation_email_through_a_real_worker_once(site_tree, seller, worker):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the shared PostgreSQL test database")
    mail_dir, sender = worker
    product = product_create(seller=seller, title="Mật ong hoa cà phê 500ml", price=160000)
    order = order_create(product)
    Order.objects.filter(pk=order.pk).update(guest_email="mua@example.com")

    sender.send_task(TASK, args=[order.pk])
    sender.send_task(TASK, args=[order.pk])  # the same message delivered twice
    wait_for_mail(mail_dir, 1)
    time.sleep(2)  # let the duplicate be processed too
    messages = [f.read_text() for f in sorted(mail_dir.glob("*.log"))]
    text = "\n".join(messages)
    assert text.count("Subject:") == 1, text
    assert f"{order.number}" in text and "mua@example.com" in text

    other = order_create(product)
    Order.objects.filter(pk=other.pk).update(guest_email="khac@example.com")
    with pytest.raises(RuntimeError), transaction.atomic():
        # what `delay_on_commit` does: enqueue only once the transaction commits
        transaction.on_commit(lambda: sender.send_task(TASK, args=[other.pk]))
        raise RuntimeError("the transaction fails")
    time.sleep(3)
    assert "\n".join(f.read_text() for f in mail_dir.glob("*.log")).count("Subject:") == 1
