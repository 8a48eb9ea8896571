import logging

import stripe
from celery import shared_task

from shop.payments.reconcile import card_payments_reconcile

logger = logging.getLogger(__name__)


@shared_task(
    autoretry_for=(stripe.APIConnectionError, stripe.RateLimitError),
    retry_backoff=60,
    max_retries=3,
)
def reconcile_card_payments() -> dict:
    """Nightly (Celery beat): Stripe's card payments against our orders. Safe to retry:
    a second run changes nothing."""
    report = card_payments_reconcile()
    if report.unresolved:
        logger.error(
            "Card payment reconciliation: %s. %d need a person:\n%s",
            report.summary(),
            report.unresolved,
            "\n".join(report.problems),
        )
    else:
        logger.info("Card payment reconciliation: %s", report.summary())
    return report.as_dict()
