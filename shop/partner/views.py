from django.views.generic import ListView

from catalog.selectors import product_listing, public_products, seller_marketplaces
from shop.partner.selectors import seller_get


class SellerDetailView(ListView):
    """A seller's page: who they are, where they are, and their products."""

    template_name = "oscar/partner/seller_detail.html"
    context_object_name = "products"
    paginate_by = 24

    def get(self, request, *args, **kwargs):
        self.seller = seller_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return product_listing().filter(
            pk__in=public_products().filter(stockrecords__partner=self.seller).values("pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["seller"] = self.seller
        ctx["marketplaces"] = seller_marketplaces(seller=self.seller)
        return ctx
