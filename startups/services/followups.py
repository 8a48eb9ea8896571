"""A booth's follow-up message to its leads, and a lead's opt-out of further messages.

``followup_send`` writes the message and one delivery per lead in one transaction, then a
Celery task (after commit) runs ``followup_deliver`` (``startups.emails.followups``, named here
too), which claims each delivery's e-mail through ``shop.order.outbox`` before sending it:
running the task twice sends each lead one e-mail. The opt-out link carries a signed token
(its own salt); a bad or tampered token changes nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.order.outbox import task_enqueue_on_commit
from startups.access import NotAllowed, user_runs_booth
from startups.emails.followups import OPT_OUT_SALT, followup_deliver, opt_out_token
from startups.models import Booth, FollowUp, FollowUpDelivery, Lead
from startups.services.booths import own_products
from startups.tasks import followups as tasks

__all__ = [
    "followup_deliver",
    "followup_send",
    "lead_from_token",
    "lead_opt_out",
    "opt_out_token",
]


def booth_products(booth: Booth):
    """The products a follow-up may link to: the booth's featured ones still on sale."""
    return own_products(booth.startup).filter(booths=booth)


def lead_from_token(token: str) -> Lead | None:
    """The lead a token names; None when it is not one of ours, altered or malformed."""
    try:
        data = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("lead"), int):
        return None
    return Lead.objects.filter(pk=data["lead"]).first()


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
    products = list(booth_products(booth).filter(pk__in=product_ids))
    if len(products) != len(product_ids):
        raise ValidationError({"products": [_("Choose only products featured at this booth.")]})
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
