"""``manage.py reconcile_card_payments [--days N]``: the nightly card reconciliation
(``shop.payments.reconcile``) by hand or from cron.

Prints what it compared and found. Exits 1 when a mismatch needs a person (paid without order,
order without payment, amount mismatch, or a payment that could not be applied now), so cron
and monitoring notice; 0 when everything agrees or there are no Stripe keys.
"""

import datetime

import stripe
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from shop.payments.reconcile import DEFAULT_WINDOW, card_payments_reconcile


class Command(BaseCommand):
    help = (
        "Compare the Stripe Checkout payments of the last days with the orders, apply "
        "payments whose webhook was missed, and report the mismatches."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_WINDOW.days,
            help="how many days of Stripe sessions to look at (default %(default)s)",
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        since = timezone.now() - datetime.timedelta(days=days)
        try:
            report = card_payments_reconcile(since=since)
        except stripe.StripeError as error:
            raise CommandError(
                f"Stripe could not be asked, nothing was reconciled: {error.user_message or error}"
            ) from error
        if not report.enabled:
            self.stdout.write(
                "Stripe keys are not set (STRIPE_SECRET_KEY): no card payments to reconcile."
            )
            return
        self.stdout.write(
            f"Card payments since {report.since:%Y-%m-%d %H:%M %Z}: "
            f"{report.sessions} Stripe Checkout session(s) of ours\n"
            f"  matched:                    {report.matched}\n"
            f"  recovered (missed webhook): {report.recovered}\n"
            f"  paid without order:         {report.paid_without_order}\n"
            f"  order without payment:      {report.order_without_payment}\n"
            f"  amount mismatch:            {report.amount_mismatch}\n"
            f"  failed (next run retries):  {report.failed}"
        )
        for problem in report.problems:
            self.stdout.write(f"- {problem}")
        if report.unresolved:
            raise CommandError(
                f"{report.unresolved} card payment mismatch(es) need a person; "
                f"see above (also in the error log)."
            )
        self.stdout.write(self.style.SUCCESS("Card payments and orders agree."))
