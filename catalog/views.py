"""The product page, and the outbound redirect behind "Also on Lazada" buttons. Listing pages
(catalogue, category, search) live in ``search.views``; the click report, scoped to staff,
officers and sellers, in ``startups``.

The redirect only ever sends the buyer to the address stored for the link (validated against
the marketplace's hosts when it was saved), never to anything taken from the request, so it
cannot be used as an open redirect.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import View
from oscar.apps.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalog import counters
from catalog.marketplaces import referer_path, validate_marketplace_url
from catalog.models import MarketplaceLink
from catalog.partner.selectors import shown_startup
from catalog.selectors import (
    product_detail_queryset,
    public_products,
    request_product_groups,
    seller_other_products,
)
from catalog.services.marketplaces import marketplace_click_record
from core import pagecache

Partner = get_model("partner", "Partner")


class ProductDetailView(pagecache.CachedPageMixin, oscar_views.ProductDetailView):
    """Visitors get the page from the page cache while the product (price, stock, pictures,
    certificate...) and the site are unchanged; signed-in visitors too (staff, who see drafts
    and an edit link, excepted), with their own basket and account links."""

    page_cache_signed_in = True

    def page_cache_keys(self):
        return [pagecache.product_key(self.kwargs["pk"])]

    def page_cache_on_hit(self):
        return [("product_viewed", (int(self.kwargs["pk"]),))]  # an early hit counts it too

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            counters.product_viewed(self.kwargs["pk"])  # cached or not
        return response

    def send_signal(self, request, response, product):
        """Oscar's ``product_viewed`` signal writes a view counter row on every view and sets
        a history cookie (which the site does not show): views are counted in memory instead
        (``catalog.counters``) and the page stays cacheable."""

    def get_queryset(self):
        return product_detail_queryset()

    def get_object(self, queryset=None):
        """A product the visitor may not see is a 404 before anything else: Oscar redirects
        a wrong slug to the right one first, which would tell the title of a draft."""
        product = super().get_object(queryset)
        if not self.is_viewable(product, self.request):
            raise Http404
        return product

    def is_viewable(self, product, request):
        """Staff see everything; buyers only approved products of approved sellers."""
        if request.user.is_staff:
            return True
        if not super().is_viewable(product, request):
            return False
        canonical = product.parent if product.is_child else product
        sellers = [s.partner for s in canonical.stockrecords.all()]
        return canonical.moderation_status == canonical.Moderation.APPROVED and any(
            seller.status == Partner.Status.APPROVED for seller in sellers
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        stockrecord = next(iter(product.stockrecords.all()), None)
        seller = stockrecord.partner if stockrecord else None
        ctx["seller"] = seller
        ctx["startup"] = shown_startup(seller)
        ctx["ocop_group"] = product.ocop_group_among(request_product_groups(self.request))
        # Their cards are on this page (noted); a seller's new product shows here within
        # PAGE_CACHE_SECONDS (the index token is not a key of product pages).
        ctx["seller_products"] = (
            seller_other_products(seller=seller, exclude=product) if seller else []
        )
        if product.parent_id:
            pagecache.note(pagecache.product_key(product.parent_id))
        return ctx


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
