from celery import shared_task

from catalog.emails import certificate_notices_send
from catalog.services.product_views import product_views_record


@shared_task
def send_certificate_notices() -> dict:
    return certificate_notices_send()


@shared_task(ignore_result=True)
def record_product_views(counts: dict) -> int:
    return product_views_record(counts)
