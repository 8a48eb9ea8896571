"""Views of the Oscar apps the shop uses without forking them: the stock alerts of Oscar's
customer app ("tell me when it is back"), rate-limited and closed to products not on sale.

Anyone may give any e-mail address, and Oscar e-mails that address a confirmation link; without
a limit the form sends mail to strangers at anyone's request. At most ``ALERTS_PER_ADDRESS``
requests an hour from one client address and ``ALERTS_PER_EMAIL`` to one e-mail address;
past that the visitor gets a clear page (429) and nothing is sent. The confirmation goes out
during the request, so it is written in the visitor's language (the page's).

Counters live in the shared cache (every web process sees them). If the cache is down, alerts
are let through rather than refused: the confirmation still needs a click to do anything.
"""

import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from oscar.core.loading import get_class

from catalog.selectors import public_product_or_none

ProductAlertCreateView = get_class("customer.alerts.views", "ProductAlertCreateView")

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 3600


def _limits() -> tuple[int, int]:
    return (
        getattr(settings, "STOCK_ALERTS_PER_ADDRESS_HOUR", 10),
        getattr(settings, "STOCK_ALERTS_PER_EMAIL_HOUR", 3),
    )


def _over(key: str, limit: int) -> bool:
    """Count one request under ``key``; True when it is beyond ``limit`` in the window."""
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        return cache.incr(key) > limit
    except Exception:  # a cache outage: degrade, do not refuse
        logger.warning("stock alert throttle: cache unavailable", exc_info=True)
        return False


def alert_request_allowed(request) -> bool:
    per_address, per_email = _limits()
    address = get_client_ip_address(request) or "unknown"
    if _over(f"stock-alert:ip:{address}", per_address):
        return False
    email = (
        (request.user.email if request.user.is_authenticated else request.POST.get("email", ""))
        .strip()
        .lower()
    )
    return not (email and _over(f"stock-alert:email:{email}", per_email))


class ThrottledProductAlertCreateView(ProductAlertCreateView):
    def dispatch(self, request, *args, **kwargs):
        # Oscar looks the product up unfiltered and renders its whole page with the form's
        # errors (or redirects to its address): a draft's page would be shown to anyone.
        if public_product_or_none(kwargs.get("pk")) is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not alert_request_allowed(request):
            return render(request, "alerts/throttled.html", status=429)
        return super().post(request, *args, **kwargs)
