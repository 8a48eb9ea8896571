"""Reports for whoever may read them (staff, union officers for their unit tree, sellers for themselves)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from catalog.selectors import click_counts
from core.text import vietnamese_sort_key
from startups.selectors import (
    partners_visible_to,
    products_of_partners,
)


class MarketplaceClicksView(LoginRequiredMixin, TemplateView):
    """Clicks on "Also on ..." per product and marketplace, for whoever may see them: staff
    see every seller, a union officer the sellers of their unit tree, a seller only itself."""

    template_name = "dashboard/marketplace_clicks.html"
    recent_days = 30

    def allowed_partners(self):
        return partners_visible_to(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not request.user.is_staff
            and not self.allowed_partners().exists()
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        allowed = self.allowed_partners().order_by("name")
        raw = self.request.GET.get("partner", "").strip()
        partner = None
        if raw:
            if raw.isascii() and raw.isdigit() and len(raw) <= 9:
                partner = allowed.filter(pk=int(raw)).first()
            if partner is None:
                messages.warning(self.request, _("Unknown seller: showing all sellers."))
        if partner is not None:
            rows = click_counts(partner=partner, recent_days=self.recent_days)
        elif self.request.user.is_staff:
            rows = click_counts(recent_days=self.recent_days)
        else:
            rows = click_counts(
                products=products_of_partners(allowed).values("pk"), recent_days=self.recent_days
            )
        partners = sorted(allowed, key=lambda p: vietnamese_sort_key(p.name))
        ctx.update(partner=partner, partners=partners, rows=rows, recent_days=self.recent_days)
        return ctx
