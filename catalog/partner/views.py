from django.views.generic import ListView

from catalog.partner.selectors import seller_get, shown_startup
from catalog.selectors import listed, seller_marketplaces, seller_products
from core import pagecache


class SellerDetailView(pagecache.CachedPageMixin, ListView):
    """A seller's page: who they are, where they are, and their products. Visitors (signed in
    or not, but staff) get it from the page cache while the seller's product list
    (``seller-products:<id>``, replaced when its products are written to the index) and the
    products shown are unchanged."""

    page_cache_signed_in = True
    template_name = "partner/seller_detail.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        self.seller = seller_get(slug=kwargs["slug"])
        pagecache.note(pagecache.LISTS, pagecache.seller_products_key(self.seller.pk))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return seller_products(seller=self.seller)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The page's products, read in full only for the cards not cached.
        ctx["products"] = ctx["object_list"] = listed(ctx["page_obj"].object_list)
        ctx["seller"] = self.seller
        ctx["startup"] = shown_startup(self.seller)
        ctx["marketplaces"] = seller_marketplaces(seller=self.seller)
        return ctx
