"""Order views of the dashboard, closed to other sellers' data.

Oscar lets a seller open any order that has one of its lines and then shows every line and
the whole order's totals and payments (django-oscar issues 2240, 2324). A seller here sees
and acts on its own lines only, with its own subtotal, and no order-level actions.
"""

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.core.loading import get_model

from shop.dashboard.orders.parts import CARRIERS

Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")


def _own_lines(user, order):
    lines = order.lines.select_related("partner", "product", "stockrecord")
    if user.is_staff:
        return lines.all()
    return lines.filter(partner__users=user)


class OrderListView(oscar_views.OrderListView):
    seller_template_name = "dashboard/orders/seller_order_list.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            # No bulk status changes or CSV exports of whole orders for sellers: the CSV
            # holds whole-order totals, item counts and statuses, and asking for
            # it by URL answers 404 rather than falling back to them.
            self.actions = ()
            if request.GET.get("response_format") == "csv":
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if not user.is_staff:
            # Oscar's filters by product, UPC or SKU match any line of an order: filtering by
            # another seller's SKU told which of this seller's orders hold it. A seller's
            # filters match its own lines only.
            data = self.form.cleaned_data if self.form.is_valid() else {}
            own_line = {"lines__partner__users": user}
            if data.get("product_title"):
                own_line["lines__title__istartswith"] = data["product_title"]
            if data.get("upc"):
                own_line["lines__upc"] = data["upc"]
            if data.get("partner_sku"):
                own_line["lines__partner_sku"] = data["partner_sku"]
            if len(own_line) > 1:
                queryset = queryset.filter(
                    pk__in=Line.objects.filter(
                        **{k.removeprefix("lines__"): v for k, v in own_line.items()}
                    ).values("order_id")
                )
            own = Q(lines__partner__users=user)
            queryset = queryset.annotate(
                seller_total=Sum("lines__line_price_incl_tax", filter=own),
                seller_items=Sum("lines__quantity", filter=own),
                seller_lines=Count("lines", filter=own),
                part_status=Subquery(
                    OrderPart.objects.filter(order=OuterRef("pk"), partner__users=user).values(
                        "status"
                    )[:1]
                ),
            )
        return queryset

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if not self.request.user.is_staff:
            labels = dict(OrderPart.Status.choices)
            for order in ctx["orders"]:
                order.part_status_label = labels.get(getattr(order, "part_status", None), "-")
        return ctx

    def get_template_names(self):
        if self.request.user.is_staff:
            return super().get_template_names()
        return [self.seller_template_name]


class OrderDetailView(oscar_views.OrderDetailView):
    seller_template_name = "dashboard/orders/seller_order_detail.html"
    seller_order_actions = ()
    # A seller acts on its whole part (confirm, ship, deliver, cancel) through
    # shop.dashboard.orders.parts; Oscar's per-line statuses would be a second, clashing story.
    seller_line_actions = ()
    staff_template_name = "dashboard/orders/staff_order_detail.html"

    def get_order_lines(self):
        return _own_lines(self.request.user, self.object)

    def get_template_names(self):
        if self.request.user.is_staff:
            return [self.staff_template_name]
        return [self.seller_template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        parts = self.object.parts.select_related("partner")
        if self.request.user.is_staff:
            ctx["parts"] = list(parts)
        else:
            lines = ctx["lines"]
            ctx["seller_subtotal"] = sum((line.line_price_incl_tax for line in lines), Decimal(0))
            ctx["part"] = parts.filter(partner__users=self.request.user).first()
        ctx["carriers"] = CARRIERS
        return ctx

    def handle_order_action(self, request, order, action):
        if not request.user.is_staff and action not in self.seller_order_actions:
            return self.reload_page(error=_("Invalid action"))
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        if not request.user.is_staff and action not in self.seller_line_actions:
            return self.reload_page(error=_("Invalid action"))
        return super().handle_line_action(request, order, action)


class LineDetailView(oscar_views.LineDetailView):
    def get_object(self, queryset=None):
        order = oscar_views.get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        line = _own_lines(self.request.user, order).filter(pk=self.kwargs["line_id"]).first()
        if line is None:
            raise Http404
        return line
