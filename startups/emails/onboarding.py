"""E-mails to applicants. Sent by Celery tasks after the decision commits, once per decision
(claimed before the send: ``shop.order.outbox``)."""

from django.conf import settings
from django.core.mail import send_mail

from core.emails import render_subject, render_text
from shop.order.outbox import email_send_once
from startups.models import SellerApplication


def application_decision_send(*, application_id: int) -> bool:
    application = SellerApplication.objects.select_related("applicant").get(pk=application_id)
    recipient = application.contact_email or (application.applicant and application.applicant.email)
    if not recipient:
        return False
    # No language is stored for applicants: Vietnamese first, then English (core.emails).
    context = {
        "application": application,
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    subject = render_subject("startups/emails/decision_subject.txt", context)
    body = render_text("startups/emails/decision_body.txt", context)
    return email_send_once(
        key=f"application-decision:{application.pk}:{application.status}",
        send=lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]),
    )
