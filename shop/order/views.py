"""The buyer's order page: each seller's part, how to pay it (VietQR, cash, card) and cancel.

The link carries the order's verification hash, as Oscar's guest order-status page does, so
guests and signed-in buyers use the same page; a wrong hash or number is a 404, so nobody
reads or changes a stranger's order. Amounts always come from the stored parts, never from the
request.
"""

import logging
from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_POST, require_safe
from oscar.core.loading import get_model

from shop.order.selectors import (
    order_buyer_parts,
    order_card_payment_path,
    order_page_path,
    part_transfer,
)
from shop.order.services import PartChangeRefused, part_cancel

Order = get_model("order", "Order")
OrderPart = get_model("order", "OrderPart")

logger = logging.getLogger(__name__)


def _order_or_404(number: str, hash: str):
    order = Order.objects.select_related("shipping_address", "user").filter(number=number).first()
    if order is None or not order.check_verification_hash(hash):
        raise Http404
    return order


def _part_or_404(order, number: int):
    part = OrderPart.objects.select_related("partner").filter(order=order, number=number).first()
    if part is None:
        raise Http404
    part.order = order
    return part


class OrderPageView(generic.TemplateView):
    template_name = "orders/order_detail.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = _order_or_404(kwargs["number"], kwargs["hash"])
        parts = order_buyer_parts(order)
        ctx.update(
            order=order,
            parts=parts,
            card_pay_url=order_card_payment_path(order, parts),
            parts_total=sum(
                (p.part.total for p in parts if p.part.status != OrderPart.Status.CANCELLED),
                Decimal(0),
            ),
            show_actions=True,
        )
        return ctx


@require_safe
def part_qr_png(request, number, hash, part):
    """The VietQR image of a part that waits for a bank transfer; 404 for any other part."""
    order = _order_or_404(number, hash)
    part = _part_or_404(order, part)
    if not (
        part.payment_method == OrderPart.Payment.BANK_TRANSFER
        and part.status == OrderPart.Status.AWAITING_PAYMENT
    ):
        raise Http404
    transfer = part_transfer(part)
    if transfer is None:
        raise Http404
    response = HttpResponse(transfer.qr_png(), content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_POST
def part_cancel_view(request, number, hash, part):
    """The buyer cancels one part before it ships; its stock returns, a card payment is
    refunded. Anything refused leaves the part as it was and says why."""
    order = _order_or_404(number, hash)
    part = _part_or_404(order, part)
    try:
        part_cancel(part, by=OrderPart.CancelledBy.BUYER)
    except PartChangeRefused as refused:
        messages.error(request, str(refused))
    except Exception:  # e.g. the card refund was refused: part_cancel rolled everything back
        logger.exception("cancelling order part %s failed", part.code)
        messages.error(
            request,
            _(
                "Order part %(code)s could not be cancelled just now; nothing "
                "was changed. Please try again later or contact us."
            )
            % {"code": part.code},
        )
    else:
        messages.success(request, _("Order part %(code)s is cancelled.") % {"code": part.code})
    return redirect(order_page_path(order))
