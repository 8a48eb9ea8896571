"""The outbound redirect behind "Also on Lazada" buttons. (The click report, scoped to staff,
officers and sellers, lives in ``startups.views``.)

The redirect only ever sends the buyer to the address stored for the link (validated against
the marketplace's hosts when it was saved), never to anything taken from the request, so it
cannot be used as an open redirect.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import View

from catalog.marketplaces import (
    marketplace_click_record,
    referer_path,
    validate_marketplace_url,
)
from catalog.models import MarketplaceLink
from catalog.selectors import public_products


class MarketplaceRedirectView(View):
    http_method_names = ["get"]

    def get(self, request, link_id: int):
        link = get_object_or_404(
            MarketplaceLink, pk=link_id, product__in=public_products().values("pk")
        )
        try:  # checked again: a row written around the service, or a host list that changed
            url = validate_marketplace_url(link.marketplace, link.url)
        except ValidationError as exc:
            raise Http404 from exc
        marketplace_click_record(
            link=link,
            from_path=referer_path(
                referer=request.META.get("HTTP_REFERER"), host=request.get_host()
            ),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex"
        return response
