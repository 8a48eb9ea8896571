"""E-mail tasks with the real parts: the order confirmation goes through Redis to a real Celery
worker process, which sends it once even when the message is delivered twice, and a task
enqueued in a transaction that is rolled back never runs."""

import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from oscar.core.loading import get_model

from tests.catalog.factories import product_create
from tests.shop.conftest import start_worker, stop_worker
from tests.shop.factories import order_create

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


def test_a_worker_killed_while_sending_loses_and_doubles_nothing(site_tree, seller, sender):
    """The worker holding the confirmation dies in the middle of sending.
    The message, acknowledged late, goes to the next worker within seconds (not an hour), which
    sends the e-mail exactly once: the claim made before the send tells it what happened."""

    EmailClaim = get_model("order", "EmailClaim")
    product = product_create(seller=seller, title="Trà Shan tuyết cổ thụ", price=250000)
    order = order_create(product)
    Order.objects.filter(pk=order.pk).update(guest_email="mua@example.com")
    quick = {
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "EMAIL_CLAIM_LEASE_SECONDS": "4",
    }
    mail_dir = Path(tempfile.mkdtemp(prefix="ocop-worker-mail-"))

    first = start_worker(
        mail_dir,
        EMAIL_BACKEND="tests.shop.slow_mail.SlowFileBackend",
        EMAIL_SLOW_SECONDS="120",
        **quick,
    )
    try:
        sender.send_task(TASK, args=[order.pk])
        deadline = time.monotonic() + 60
        while not EmailClaim.objects.filter(key=f"order-placed:{order.pk}").exists():
            assert time.monotonic() < deadline, "the first worker never started sending"
            time.sleep(0.2)
        first.kill()  # SIGKILL in the middle of the send: no chance to say anything
        first.wait(timeout=30)
    finally:
        stop_worker(first)
    assert not list(mail_dir.glob("*.log"))

    second = start_worker(mail_dir, **quick)
    try:
        messages = wait_for_mail(mail_dir, 1, seconds=90)
        time.sleep(8)  # a second delivery or a retry would have sent by now
        messages = [f.read_text() for f in sorted(mail_dir.glob("*.log"))]
    finally:
        stop_worker(second)
    text = "\n".join(messages)
    assert text.count("Subject:") == 1, text
    assert str(order.number) in text
    claim = EmailClaim.objects.get(key=f"order-placed:{order.pk}")
    assert claim.sent_at is not None
