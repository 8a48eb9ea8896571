"""The e-mails the order app sends its buyers: the order confirmation, and a notice whenever
one seller's part of the order changes.

Each is sent by a Celery task after the change commits (the confirmation by
``shop.checkout.tasks.send_order_confirmation``, the notices by
``shop.order.tasks.send_part_notice``), in the language the buyer ordered in, and once: the
e-mail is claimed before it is sent (``shop.order.outbox``), so a retried, duplicated or
redelivered task finds the claim and stops, and a send that fails releases it so that the retry
can send. The OrderPartNotice row records what the buyer was told about a part.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from oscar.core.loading import get_class, get_model

from core.siteurl import absolute_url
from core.text import shown_text
from shop.order.outbox import email_send_once
from shop.order.selectors import card_payment_path, order_page_path, part_transfer
from shop.order.services import order_placed_event_type_ensure

Order = get_model("order", "Order")
CommunicationEvent = get_model("order", "CommunicationEvent")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
OrderPart = get_model("order", "OrderPart")
OrderPartNotice = get_model("order", "OrderPartNotice")
PaymentTerms = get_model("order", "PaymentTerms")
Line = get_model("order", "Line")

logger = logging.getLogger(__name__)

# --- The order confirmation -------------------------------------------------------------------


def order_confirmation_send(*, order_id: int) -> bool:
    """Send the "order placed" e-mail once, in the language the buyer ordered in.

    Returns False when it had already been sent (a retried or duplicated task); claimed
    before the send (``shop.order.outbox``), so a task redelivered after its worker died does
    not send it twice.
    """
    order = Order.objects.select_related("user").get(pk=order_id)
    order_placed_event_type_ensure()
    already = CommunicationEvent.objects.filter(
        order=order, event_type__code=OrderDispatcher.ORDER_PLACED_EVENT_CODE
    ).exists()
    if already:
        return False
    language = order.language or "vi"
    with translation.override(language):
        # The buyer's order page (guests and accounts alike): each seller's part, how to pay it.
        path = order_page_path(order)
        context = {
            "order": order,
            "lines": order.lines.all(),
            "status_path": path,
            "status_url": absolute_url(path),
            "user": order.user,
            "shop_name": settings.OSCAR_SHOP_NAME,
        }
        return email_send_once(
            key=f"order-placed:{order.pk}",
            send=lambda: OrderDispatcher(logger=logger).send_order_placed_email_for_user(
                order, context
            ),
        )


# --- A part's notices -------------------------------------------------------------------------

KINDS = ("paid", "confirmed", "shipped", "completed", "cancelled", "payment_reminder")


def _context(part) -> dict:
    order = part.order
    context = {
        "order": order,
        "part": part,
        "seller": str(shown_text(part.partner, "name", translation.get_language() or "")),
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
