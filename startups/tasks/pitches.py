from celery import shared_task

from shop.order.outbox import run_claimed
from startups.emails.pitches import pitch_decision_send, pitch_submitted_send, pitch_update_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_pitch_submitted(self, pitch_id: int, stamp: str) -> None:
    run_claimed(self, pitch_submitted_send, pitch_id=pitch_id, stamp=stamp)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_pitch_decision(self, review_id: int) -> None:
    run_claimed(self, pitch_decision_send, review_id=review_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_pitch_update(self, update_id: int) -> None:
    run_claimed(self, pitch_update_send, update_id=update_id)
