"""Reminders about OCOP certificates: 30 days before a certificate lapses, and when it has.

Run daily by Celery beat (``catalog.tasks.send_certificate_notices``). Each notice is sent
once per validity end date, so a retried or repeated run sends nothing twice, and a renewed
certificate (a new end date) is reminded about again.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.emails import LANGUAGES, SEPARATOR
from core.siteurl import absolute_url
from core.text import shown_text

Product = get_model("catalogue", "Product")
REMIND_DAYS_BEFORE = 30


def _recipients(product) -> list[str]:
    emails = set()
    for record in product.stockrecords.all():
        emails.update(u.email for u in record.partner.users.all() if u.email)
    return sorted(emails)


def certificate_notices_send(*, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    sent = {"reminders": 0, "lapsed": 0}
    base = Product.objects.filter(ocop_stars__isnull=False).prefetch_related(
        "stockrecords__partner__users"
    )
    soon = base.filter(
        ocop_valid_until__gt=today,
        ocop_valid_until__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    )
    lapsed = base.filter(ocop_valid_until__lt=today)
    for products, marker, is_lapse, key in (
        (soon, "ocop_reminder_sent_for", False, "reminders"),
        (lapsed, "ocop_lapse_sent_for", True, "lapsed"),
    ):
        for product in products:
            if getattr(product, marker) == product.ocop_valid_until:
                continue  # already told about this validity end
            with transaction.atomic():
                _send(product, lapsed=is_lapse)
                Product.objects.filter(pk=product.pk).update(**{marker: product.ocop_valid_until})
            sent[key] += 1
    return sent


def _texts(product, *, lapsed: bool) -> tuple[str, str]:
    """Subject and body in the active language (its date format; the product's English name
    where written), with the link to the product's dashboard page."""
    end = formats.date_format(product.ocop_valid_until, "SHORT_DATE_FORMAT")
    title = str(shown_text(product, "title", translation.get_language() or ""))
    if lapsed:
        subject = _("The OCOP certificate of %(title)s has lapsed") % {"title": title}
        body = _(
            "The OCOP certificate %(number)s of %(title)s lapsed on %(end)s. Its stars "
            "are no longer shown to buyers. Upload the renewed certificate in your "
            "dashboard to show them again."
        )
    else:
        subject = _("The OCOP certificate of %(title)s lapses on %(end)s") % {
            "title": title,
            "end": end,
        }
        body = _(
            "The OCOP certificate %(number)s of %(title)s is valid until %(end)s. "
            "After that date its stars are no longer shown to buyers; please renew it "
            "in time and upload the new certificate in your dashboard."
        )
    body = body % {"number": product.ocop_certificate_number, "title": title, "end": end}
    link = absolute_url(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    return subject, f"{body}\n\n{link}\n\n{settings.OSCAR_SHOP_NAME}\n"


def _send(product, *, lapsed: bool) -> None:
    """No language is stored for sellers: Vietnamese first, then English (core.emails)."""
    recipients = _recipients(product)
    if not recipients:
        return
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(_texts(product, lapsed=lapsed))
    subject = " / ".join(dict.fromkeys(t[0] for t in texts))
    body = SEPARATOR.join(t[1].strip() for t in texts) + "\n"
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
