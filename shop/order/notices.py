"""E-mails to the buyer when one seller's part of an order changes.

Sent by the Celery task ``shop.order.tasks.send_part_notice`` after the change commits, in the
language the buyer ordered in, once per (part, kind): the e-mail is claimed before it is sent
(``shop.order.outbox``), so a retried, duplicated or redelivered task finds the claim and stops,
and a send that fails releases it so the retry can send (RELIABILITY J2). The OrderPartNotice
row records what the buyer was told.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from oscar.core.loading import get_model

from core.siteurl import absolute_url
from shop.order.outbox import email_send_once
from shop.order.selectors import card_payment_path, order_page_path, part_transfer

OrderPart = get_model("order", "OrderPart")
OrderPartNotice = get_model("order", "OrderPartNotice")
PaymentTerms = get_model("order", "PaymentTerms")
Line = get_model("order", "Line")

logger = logging.getLogger(__name__)

KINDS = ("paid", "confirmed", "shipped", "completed", "cancelled", "payment_reminder")


def _context(part) -> dict:
    order = part.order
    context = {
        "order": order,
        "part": part,
        "seller": part.partner.name,
        "lines": list(Line.objects.filter(order=order, partner_id=part.partner_id).order_by("pk")),
        "name": getattr(order.shipping_address, "first_name", ""),
        "order_url": absolute_url(order_page_path(order)),
        "shop_name": settings.OSCAR_SHOP_NAME,
    }
    if part.status == OrderPart.Status.AWAITING_PAYMENT:
        terms = PaymentTerms.current()
        context["deadline"] = part.created + timedelta(hours=terms.cancel_after_hours)
        if part.payment_method == OrderPart.Payment.BANK_TRANSFER:
            context["transfer"] = part_transfer(part)
        elif part.payment_method == OrderPart.Payment.CARD:
            context["card_pay_url"] = absolute_url(card_payment_path(order))
    return context


def part_notice_send(*, part_id: int, kind: str) -> bool:
    """E-mail the buyer about ``kind`` happening to the part; True if an e-mail went out.

    "placed" sends nothing: the order confirmation already tells the buyer about every part.
    """
    if kind == "placed":
        return False
    if kind not in KINDS:
        raise ValueError(f"unknown order part notice {kind!r}")
    part = OrderPart.objects.select_related(
        "order__user", "order__shipping_address", "partner"
    ).get(pk=part_id)
    order = part.order
    if kind == "payment_reminder" and part.status != OrderPart.Status.AWAITING_PAYMENT:
        return False  # paid or cancelled since the reminder was queued
    recipient = order.guest_email or (order.user.email if order.user_id else "")
    if not recipient:
        logger.warning("order part %s: no e-mail address for the %s notice", part.code, kind)
        return False
    if OrderPartNotice.objects.filter(part=part, kind=kind).exists():
        return False
    with translation.override(order.language or settings.LANGUAGE_CODE):
        context = _context(part)
        subject = " ".join(render_to_string(f"orders/emails/{kind}_subject.txt", context).split())
        body = render_to_string(f"orders/emails/{kind}_body.txt", context)
    message = EmailMessage(subject, body, settings.OSCAR_FROM_EMAIL, [recipient])
    sent = email_send_once(key=f"order-part:{part.pk}:{kind}", send=message.send)
    if sent:
        OrderPartNotice.objects.get_or_create(part=part, kind=kind)
    return sent
