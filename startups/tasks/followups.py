from celery import shared_task

from shop.order.outbox import run_claimed
from startups.emails.followups import followup_deliver


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_followup(self, followup_id: int) -> None:
    """Each delivery's e-mail is claimed before its send: a retry sends only those not sent."""
    run_claimed(self, followup_deliver, followup_id=followup_id)
