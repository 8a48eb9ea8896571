from celery import shared_task

from startups.notifications import application_decision_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_application_decision(application_id: int) -> None:
    application_decision_send(application_id=application_id)
