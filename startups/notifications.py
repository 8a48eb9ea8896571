"""E-mails to applicants. Sent by Celery tasks after the decision commits, once per decision
(claimed before the send: ``shop.order.outbox``)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from shop.order.outbox import email_send_once
from startups.models import SellerApplication


def application_decision_send(*, application_id: int) -> bool:
    application = SellerApplication.objects.select_related("applicant").get(pk=application_id)
    recipient = application.contact_email or (application.applicant and application.applicant.email)
    if not recipient:
        return False
    with translation.override("vi"):
        context = {
            "application": application,
            "status_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("startups:application-status"),
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        subject = render_to_string("startups/emails/decision_subject.txt", context).strip()
        body = render_to_string("startups/emails/decision_body.txt", context)
    return email_send_once(
        key=f"application-decision:{application.pk}:{application.status}",
        send=lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]))
