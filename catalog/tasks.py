from celery import shared_task

from catalog.certificates import certificate_notices_send


@shared_task
def send_certificate_notices() -> dict:
    return certificate_notices_send()


@shared_task(ignore_result=True)
def record_product_views(counts: dict) -> int:
    from catalog.counters import record

    return record(counts)
