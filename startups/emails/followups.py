"""A booth's follow-up e-mail to each of its leads, in the lead's language, with links to the
chosen products and a link to stop such messages. Plain text: the exhibitor's words are shown
as written.

Sent once per delivery through ``shop.order.outbox`` (as ``emails.leads``): each delivery's
e-mail is claimed (key ``followup:<delivery pk>``) in its own committed transaction before it
is sent, so a task that runs twice, or is redelivered after its worker died, sends no lead the
same message twice. The delivery row is then marked sent; a claim found already sent (the
worker died between the send and the mark) only marks the row.

The opt-out token lives here because the e-mail carries it; ``startups.services.followups``
reads it back (``lead_opt_out``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.utils import timezone

from core.emails import render_subject, render_text
from shop.order.outbox import ClaimBusy, email_send_once
from startups.models import FollowUp, FollowUpDelivery

logger = logging.getLogger(__name__)
OPT_OUT_SALT = "startups.followups.opt-out"


def opt_out_token(lead) -> str:
    """A signed token naming the lead, with a salt of its own (no other signed value of the
    site opens it)."""
    return signing.dumps({"lead": lead.pk}, salt=OPT_OUT_SALT, compress=True)


def _message(*, followup, products, lead) -> EmailMessage:
    language = lead.language if lead.language in dict(settings.LANGUAGES) else "vi"
    booth = followup.booth
    context = {
        "followup": followup,
        "lead": lead,
        "booth": booth,
        "startup": booth.startup,
        "expo": booth.expo,
        "products": products,
        "token": opt_out_token(lead),
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    subject = render_subject("startups/emails/followup_subject.txt", context, language)
    body = render_text("startups/emails/followup_body.txt", context, language)
    reply_to = [u.email for u in booth.startup.partner.users.filter(is_active=True) if u.email]
    return EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [lead.email], reply_to=reply_to[:1]
    )


def followup_deliver(followup_id: int) -> int:
    """The follow-up task's body: send every delivery not yet sent nor skipped, each once;
    returns how many were sent by this run. A lead who opted out since the message was
    written is skipped now. When another worker holds a delivery's fresh claim, the others
    are still sent and ``ClaimBusy`` is raised at the end (the task retries after the lease:
    ``shop.order.outbox.run_claimed``)."""
    followup = (
        FollowUp.objects.select_related("booth__startup__partner", "booth__expo")
        .prefetch_related("products")
        .get(pk=followup_id)
    )
    products = list(followup.products.all())
    pending = FollowUpDelivery.objects.filter(
        followup=followup, sent_at__isnull=True, skipped=""
    ).select_related("lead")
    sent, busy = 0, None
    for delivery in pending:
        lead = delivery.lead
        if lead.opted_out_at or not lead.email:
            FollowUpDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
                skipped="opted_out" if lead.opted_out_at else "no_email"
            )
            continue
        message = _message(followup=followup, products=products, lead=lead)
        try:
            if email_send_once(key=f"followup:{delivery.pk}", send=message.send):
                sent += 1
        except ClaimBusy as exc:  # another worker is sending this one right now
            busy = exc
            continue
        # Sent now, or by a run that died before this mark: either way it went out.
        FollowUpDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
    logger.info("Follow-up %s: %s sent", followup_id, sent)
    if busy is not None:
        raise busy
    return sent
