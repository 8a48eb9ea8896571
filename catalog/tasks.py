from celery import shared_task

from catalog.certificates import certificate_notices_send


@shared_task
def send_certificate_notices() -> dict:
    return certificate_notices_send()
