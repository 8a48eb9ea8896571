"""E-mails sent once, even when their task runs twice.

Celery acknowledges the e-mail tasks late, so a worker killed mid-task has its message
delivered again to another worker. Recording the send in the same transaction as the send
would let that redelivery send twice (the first send went out, its record died with the
worker); recording it after the send has the same gap. Here the e-mail is claimed first, in
its own committed transaction, then sent, then marked sent:

- a duplicate that finds the claim marked sent stops;
- a duplicate that finds a fresh claim (another worker is sending right now) raises
  ``ClaimBusy`` and its task retries after the lease;
- a claim whose lease ran out without being marked sent belonged to a worker that died: it is
  taken over and the e-mail sent (at most one extra e-mail, only when a worker dies in the
  instant between the mail server's acceptance and the mark);
- a send that fails releases the claim, so the task's retry can send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

EmailClaim = get_model("order", "EmailClaim")
logger = logging.getLogger(__name__)


class ClaimBusy(Exception):
    """Another worker claimed this e-mail moments ago and may be sending it now."""


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "EMAIL_CLAIM_LEASE_SECONDS", 600))


def email_send_once(*, key: str, send: Callable[[], object]) -> bool:
    """Run ``send`` unless the e-mail called ``key`` was sent already; True if it ran."""
    now = timezone.now()
    with transaction.atomic():
        claim, created = EmailClaim.objects.select_for_update().get_or_create(
            key=key, defaults={"claimed_at": now}
        )
        if not created:
            if claim.sent_at is not None:
                return False
            if claim.claimed_at > now - lease():
                raise ClaimBusy(key)
            claim.claimed_at = now  # its worker died: take it over
            claim.save(update_fields=["claimed_at"])
    try:
        send()
    except BaseException:
        EmailClaim.objects.filter(pk=claim.pk, sent_at=None, claimed_at=claim.claimed_at).delete()
        raise
    EmailClaim.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
    return True


def run_claimed(task, send: Callable[..., object], **kwargs):
    """The body of an e-mail task: ``send(**kwargs)``; when another worker holds the claim,
    the task retries once that claim's lease has run out (in-process, the other sender is
    this same process: nothing to wait for)."""
    try:
        return send(**kwargs)
    except ClaimBusy as exc:
        if task.request.is_eager:
            return False
        raise task.retry(exc=exc, countdown=int(lease().total_seconds()) + 1) from exc


def task_enqueue_on_commit(task, *args, **kwargs) -> None:
    """Send ``task`` to the workers once the current transaction commits. A broker that is
    down must not turn a committed order into an error page (the buyer would think it
    failed): the task then runs here, in this process, after the commit; an error of that is
    logged, never raised."""

    def enqueue():
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:  # the change has committed; the e-mail must follow it
            logger.exception("Could not enqueue %s%r: running it in this process", task.name, args)
            result = task.apply(args=args, kwargs=kwargs)
            if result.failed():
                logger.error("%s%r failed in process: %s", task.name, args, result.result)

    transaction.on_commit(enqueue, robust=True)
