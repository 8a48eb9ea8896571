"""A seller's actions on its own order part, from the dashboard.

Each action is a POST to one URL per part and action; only the part's seller (or staff)
reaches it, anyone else gets a 404. Every action goes through
``shop.order.services``, which refuses a change the part's state does not allow.
"""

import logging

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from shop.order import services as part_actions

OrderPart = get_model("order", "OrderPart")

logger = logging.getLogger(__name__)

# Couriers most sellers use; the field takes any name.
CARRIERS = (
    "Vietnam Post (VNPost)",
    "Viettel Post",
    "Giao Hàng Nhanh (GHN)",
    "Giao Hàng Tiết Kiệm (GHTK)",
    "J&T Express",
    "Ninja Van",
    "SPX Express",
    "Best Express",
    "Ahamove",
    _("Own delivery"),
)


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Carrier"), max_length=64)
    tracking_number = forms.RegexField(
        label=_("Tracking number"),
        max_length=64,
        regex=r"^[0-9A-Za-z][0-9A-Za-z\-_. ]*$",
        error_messages={"invalid": _("Use the carrier's code: letters, digits, dashes.")},
    )

    def clean_carrier(self):
        carrier = self.cleaned_data["carrier"].strip()
        if not carrier:
            raise forms.ValidationError(_("Name the carrier."))
        return carrier


def seller_part_or_404(user, number, part_number):
    parts = OrderPart.objects.select_related("order", "partner").filter(
        order__number=number, number=part_number
    )
    if not user.is_staff:
        parts = parts.filter(partner__users=user)
    part = parts.first()
    if part is None:
        raise Http404
    return part


class PartActionView(View):
    """POST shop/dashboard/orders/<number>/parts/<part_number>/<action>/"""

    http_method_names = ["post"]
    done_messages = {
        "payment-received": _(
            "Payment of %(amount)s for part %(code)s recorded. The buyer is told."
        ),
        "confirm": _("Part %(code)s confirmed. The buyer is told."),
        "ship": _("Part %(code)s marked as shipped. The buyer gets the tracking number."),
        "complete": _("Part %(code)s marked as delivered."),
        "cancel": _("Part %(code)s cancelled; its stock is back on sale. The buyer is told."),
    }

    def post(self, request, number, part_number, action):
        if action not in self.done_messages:
            raise Http404
        part = seller_part_or_404(request.user, number, part_number)
        back = redirect("dashboard:order-detail", number=number)
        try:
            if action == "payment-received":
                if part.payment_method != OrderPart.Payment.BANK_TRANSFER:
                    messages.error(request, _("Only bank transfers are confirmed by the seller."))
                    return back
                part_actions.part_payment_received(part)
            elif action == "confirm":
                part_actions.part_confirm(part)
            elif action == "ship":
                form = ShipForm(request.POST)
                if not form.is_valid():
                    for errors in form.errors.values():
                        for error in errors:
                            messages.error(request, error)
                    return back
                part_actions.part_ship(part, **form.cleaned_data)
            elif action == "complete":
                part_actions.part_complete(part)
            elif action == "cancel":
                part_actions.part_cancel(part, by=OrderPart.CancelledBy.SELLER)
        except part_actions.PartChangeRefused as refused:
            messages.error(request, str(refused))
            return back
        logger.info("Order part %s: %s by user %s", part.code, action, request.user.pk)
        messages.success(
            request,
            self.done_messages[action]
            % {"code": part.code, "amount": currency(part.total, part.order.currency)},
        )
        return back
