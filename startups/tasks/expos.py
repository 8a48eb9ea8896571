from celery import shared_task

from shop.order.outbox import run_claimed
from startups.emails.expos import booth_decision_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_booth_decision(self, booth_id: int, stamp: str) -> None:
    run_claimed(self, booth_decision_send, booth_id=booth_id, stamp=stamp)
