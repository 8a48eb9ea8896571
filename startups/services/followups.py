"""A booth's follow-up message to its leads, and a lead's opt-out of further messages.

``followup_send`` writes the message and one delivery per lead in one transaction, then a
Celery task (after commit) runs ``followup_deliver``, which claims each delivery with a
conditional UPDATE before sending it: running the task twice sends each lead one e-mail.
The opt-out link carries a signed token (its own salt); a tampered token changes nothing."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.order.outbox import task_enqueue_on_commit
from startups.access import NotAllowed, user_runs_booth
from startups.models import Booth, FollowUp, FollowUpDelivery, Lead
from startups.services.booths import own_products

logger = logging.getLogger(__name__)
OPT_OUT_SALT = "startups.followups.opt-out"


def opt_out_token(lead: Lead) -> str:
    return signing.dumps({"lead": lead.pk}, salt=OPT_OUT_SALT, compress=True)


def lead_from_token(token: str) -> Lead | None:
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return Lead.objects.filter(pk=data.get("lead")).first()


@transaction.atomic
def followup_send(
    *,
    user,
    booth: Booth,
    subject: str,
    body: str,
    product_ids: Iterable[int] = (),
    lead_ids: Iterable[int] | None = None,
) -> FollowUp:
    """Write to all the booth's leads, or the chosen ones among them. Leads who opted out or
    left no e-mail address are recorded as skipped."""
    from startups.tasks import followups as tasks

    booth = Booth.objects.select_related("startup__partner", "expo").get(pk=booth.pk)
    if not user_runs_booth(user, booth):
        raise NotAllowed
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Write the subject.")]
    if not body:
        errors["body"] = [_("Write the message.")]
    if errors:
        raise ValidationError(errors)
    leads = Lead.objects.filter(booth=booth)
    if lead_ids is not None:
        lead_ids = set(lead_ids)
        if lead_ids:
            leads = leads.filter(pk__in=lead_ids)
    leads = list(leads.order_by("pk"))
    if not leads:
        raise ValidationError(_("This booth has no lead to write to."), code="no_leads")
    product_ids = set(product_ids or ())
    products = list(own_products(booth.startup).filter(pk__in=product_ids))
    if len(products) != len(product_ids):
        raise ValidationError({"products": [_("Choose only your own products that are on sale.")]})
    followup = FollowUp.objects.create(booth=booth, author=user, subject=subject, body=body)
    followup.products.set(products)
    FollowUpDelivery.objects.bulk_create(
        FollowUpDelivery(
            followup=followup,
            lead=lead,
            skipped="opted_out" if lead.opted_out_at else ("no_email" if not lead.email else ""),
        )
        for lead in leads
    )
    task_enqueue_on_commit(tasks.deliver_followup, followup.pk)
    return followup


def followup_deliver(followup_id: int) -> int:
    """Send each undelivered, not skipped delivery once; returns how many were sent now."""
    from startups.emails.followups import followup_email_send

    followup = (
        FollowUp.objects.select_related("booth__startup", "booth__expo")
        .prefetch_related("products")
        .get(pk=followup_id)
    )
    sent = 0
    pending = FollowUpDelivery.objects.filter(
        followup=followup, sent_at__isnull=True, skipped=""
    ).select_related("lead")
    for delivery in pending:
        lead = delivery.lead
        if lead.opted_out_at or not lead.email:
            FollowUpDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
                skipped="opted_out" if lead.opted_out_at else "no_email"
            )
            continue
        # The claim: only one run gets the row.
        claimed = FollowUpDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            followup_email_send(followup=followup, lead=lead, token=opt_out_token(lead))
        except Exception:
            FollowUpDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
            raise
        sent += 1
    logger.info("Follow-up %s: %s sent", followup_id, sent)
    return sent


@transaction.atomic
def lead_opt_out(token: str) -> Lead | None:
    """The lead of a valid token stops getting follow-ups; None for a bad token."""
    lead = lead_from_token(token)
    if lead is None:
        return None
    if lead.opted_out_at is None:
        Lead.objects.filter(pk=lead.pk, opted_out_at__isnull=True).update(
            opted_out_at=timezone.now()
        )
        lead.refresh_from_db(fields=["opted_out_at"])
    return lead
