"""E-mails of organising expos: the exhibitor told that its booth application was approved
or refused (with the officer's reason). Sent by a Celery task after the decision commits,
once per recipient and decision (claimed before the send: ``shop.order.outbox``). No language
is stored for sellers: Vietnamese first, then English (``core.emails``), as the pitches'
decisions are."""

from django.conf import settings
from django.core.mail import send_mail

from core.emails import render_subject, render_text
from shop.order.outbox import email_send_once
from startups.models import Booth


def booth_decision_send(*, booth_id: int, stamp: str) -> int:
    """The users of the booth's seller are told of the decision named by ``stamp`` (its
    time); a later decision has its own e-mail, so a stale one is not sent. Returns how many
    were sent."""
    booth = (
        Booth.objects.select_related("expo__unit", "startup__partner", "hall")
        .filter(pk=booth_id)
        .first()
    )
    if booth is None or booth.decided_at is None or booth.decided_at.isoformat() != stamp:
        return 0
    if booth.status not in (Booth.Status.APPROVED, Booth.Status.REFUSED):
        return 0
    context = {
        "booth": booth,
        "expo": booth.expo,
        "startup": booth.startup,
        "approved": booth.status == Booth.Status.APPROVED,
        "reason": booth.refusal_reason,
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    subject = render_subject("startups/emails/booth_decision_subject.txt", context)
    body = render_text("startups/emails/booth_decision_body.txt", context)
    sent = 0
    users = booth.startup.partner.users.filter(is_active=True).exclude(email="").order_by("pk")
    for user in users:
        sent += email_send_once(
            key=f"booth-decision:{booth.pk}:{stamp}:{user.pk}",
            send=lambda email=user.email: send_mail(
                subject, body, settings.DEFAULT_FROM_EMAIL, [email]
            ),
        )
    return sent
