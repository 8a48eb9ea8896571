from celery import shared_task


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_part_notice(self, part_id: int, kind: str) -> None:
    from shop.order.notices import part_notice_send
    from shop.order.outbox import run_claimed

    run_claimed(self, part_notice_send, part_id=part_id, kind=kind)


@shared_task
def remind_and_cancel_unpaid() -> dict:
    from shop.order.unpaid import unpaid_parts_process

    return unpaid_parts_process()
