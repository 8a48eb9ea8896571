"""A booth's follow-up e-mail to one lead, in the lead's language, with links to the chosen
products and a link to stop such messages. Plain text: the exhibitor's words are shown as
written. Sent by ``startups.services.followups.followup_deliver`` once per delivery."""

from django.conf import settings
from django.core.mail import EmailMessage

from core.emails import render_subject, render_text


def followup_email_send(*, followup, lead, token: str) -> None:
    language = lead.language if lead.language in dict(settings.LANGUAGES) else "vi"
    booth = followup.booth
    context = {
        "followup": followup,
        "lead": lead,
        "booth": booth,
        "startup": booth.startup,
        "expo": booth.expo,
        "products": list(followup.products.all()),
        "token": token,
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    subject = render_subject("startups/emails/followup_subject.txt", context, language)
    body = render_text("startups/emails/followup_body.txt", context, language)
    reply_to = [u.email for u in booth.startup.partner.users.filter(is_active=True) if u.email]
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [lead.email], reply_to=reply_to[:1]
    ).send()
