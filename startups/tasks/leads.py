from celery import shared_task

from shop.order.outbox import run_claimed
from startups.emails.leads import lead_received_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_lead_received(self, lead_id: int) -> None:
    run_claimed(self, lead_received_send, lead_id=lead_id)
