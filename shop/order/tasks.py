"""The order app's Celery tasks, thin wrappers: a part's e-mail to its buyer (queued once the
change commits, by ``shop.order.receivers``) and the unpaid-parts job (run by Celery beat)."""

from celery import shared_task

from shop.order.emails import part_notice_send
from shop.order.outbox import run_claimed
from shop.order.services import unpaid_parts_process


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_part_notice(self, part_id: int, kind: str) -> None:
    run_claimed(self, part_notice_send, part_id=part_id, kind=kind)


@shared_task
def remind_and_cancel_unpaid() -> dict:
    return unpaid_parts_process()
