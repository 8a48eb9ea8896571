"""The checkout's Celery task: the order confirmation, queued once the order has committed."""

from celery import shared_task

from shop.order.emails import order_confirmation_send
from shop.order.outbox import run_claimed


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_order_confirmation(self, order_id: int) -> None:
    run_claimed(self, order_confirmation_send, order_id=order_id)
