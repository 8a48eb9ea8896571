"""The e-mail that tells a startup about a new lead. Sent by a Celery task once the lead
commits, once (claimed before the send: ``shop.order.outbox``). Plain text: the sender's name
and message are shown as written, never as markup."""

from django.conf import settings
from django.core.mail import send_mail

from core.emails import render_subject, render_text
from shop.order.outbox import email_send_once
from startups.models import Lead


def lead_received_send(*, lead_id: int) -> bool:
    lead = Lead.objects.select_related("startup__partner", "pitch").get(pk=lead_id)
    recipients = sorted(
        {user.email for user in lead.startup.partner.users.filter(is_active=True) if user.email}
    )
    if not recipients:
        return False
    # No language is stored for sellers: Vietnamese first, then English (core.emails).
    context = {
        "lead": lead,
        "startup": lead.startup,
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    subject = render_subject("startups/emails/lead_received_subject.txt", context)
    body = render_text("startups/emails/lead_received_body.txt", context)
    return email_send_once(
        key=f"lead-received:{lead.pk}",
        send=lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients),
    )
