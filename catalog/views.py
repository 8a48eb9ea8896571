"""Product page. Listing pages (catalogue, category, search) live in ``search.views``."""

from oscar.apps.catalogue import views as oscar_views

from catalog.selectors import product_detail_queryset, seller_other_products


class ProductDetailView(oscar_views.ProductDetailView):
    def get_queryset(self):
        return product_detail_queryset()

    def is_viewable(self, product, request):
        """Staff see everything; buyers only approved products of approved sellers."""
        if request.user.is_staff:
            return True
        if not super().is_viewable(product, request):
            return False
        canonical = product.parent if product.is_child else product
        sellers = [s.partner for s in canonical.stockrecords.all()]
        return canonical.moderation_status == "approved" and any(
            seller.status == "approved" for seller in sellers)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        stockrecord = next(iter(product.stockrecords.all()), None)
        seller = stockrecord.partner if stockrecord else None
        ctx["seller"] = seller
        ctx["ocop_group"] = product.ocop_group
        ctx["seller_products"] = (
            seller_other_products(seller=seller, exclude=product) if seller else []
        )
        return ctx
