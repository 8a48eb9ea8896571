"""The dashboard's front page. Staff get Oscar's. A seller gets the seller centre, which
the startups app hands in when Django starts (``seller_home_set``, from
``StartupsConfig.ready``): it reads the startup's followers, pitches and booths, and the shop
never imports that app. Without it, a seller gets the counters below: only the seller's own
products and order lines, not those of its cancelled parts (Oscar's version sums whole
orders, other sellers' lines included)."""

from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Sum
from oscar.apps.dashboard import views as oscar_views
from oscar.core.loading import get_model

Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")
Product = get_model("catalogue", "Product")


_seller_home: Callable | None = None


def seller_home_set(view: Callable) -> None:
    """Make ``view`` (a plain view function) the dashboard's home for signed-in sellers."""
    global _seller_home
    _seller_home = view


class IndexView(oscar_views.IndexView):
    def dispatch(self, request, *args, **kwargs):
        # the access table (shop.dashboard.access) has let only staff and sellers in
        if _seller_home is not None and not request.user.is_staff:
            return _seller_home(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return ["dashboard/index_seller.html"]

    def get_stats(self):
        if self.request.user.is_staff:
            return super().get_stats()
        return seller_stats(self.request.user)


def seller_stats(user) -> dict:
    partners = list(user.partners.all())
    # Revenue is the seller's own lines, less the parts cancelled.
    cancelled = OrderPart.objects.filter(
        order=OuterRef("order"), partner=OuterRef("partner"), status=OrderPart.Status.CANCELLED
    )
    lines = Line.objects.filter(partner__in=partners).exclude(Exists(cancelled))
    products = Product.objects.filter(stockrecords__partner__in=partners, parent=None).distinct()
    by_status = dict(
        products.order_by().values_list("moderation_status").annotate(n=Count("id", distinct=True))
    )
    totals = lines.aggregate(
        revenue=Sum("line_price_incl_tax"),
        items=Sum("quantity"),
        orders=Count("order", distinct=True),
    )
    return {
        "partners": partners,
        "products_by_status": by_status,
        "total_products": sum(by_status.values()),
        "seller_orders": totals["orders"] or 0,
        "seller_items": totals["items"] or 0,
        "seller_revenue": totals["revenue"] or Decimal(0),
    }
