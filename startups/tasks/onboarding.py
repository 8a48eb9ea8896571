from celery import shared_task

from shop.order.outbox import run_claimed
from startups.emails.onboarding import application_decision_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_application_decision(self, application_id: int) -> None:
    run_claimed(self, application_decision_send, application_id=application_id)
