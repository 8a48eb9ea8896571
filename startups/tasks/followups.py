from celery import shared_task

from startups.services.followups import followup_deliver


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_followup(self, followup_id: int) -> None:
    """Each delivery is claimed before its send: a retry sends only the ones not sent."""
    followup_deliver(followup_id)
