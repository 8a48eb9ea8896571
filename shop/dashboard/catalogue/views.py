"""Product editing in the dashboard, for staff and for sellers.

Sellers (partner users) reach only their own products; a child product can be added only
under one of their own parents (django-oscar issue 4580 looked the parent up unfiltered).
Products a seller creates start as drafts; edits to trusted fields of an approved product wait
for review (``catalog.moderation``).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.core.loading import get_model

from catalog.moderation import hold_new_images, hold_trusted_changes, product_submit
from shop.dashboard.catalogue.forms import MarketplaceLinkFormSet

Product = get_model("catalogue", "Product")


class ProductListView(oscar_views.ProductListView):
    def get_queryset(self):
        # The list shows no product options: Oscar's option prefetches cost two queries a page
        # for nothing (issue 6, tests/test_query_budget.py).
        return (super().get_queryset().prefetch_related(None)
                .prefetch_related("children", "stockrecords", "images"))


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    marketplace_formset = MarketplaceLinkFormSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formsets["marketplace_formset"] = self.marketplace_formset

    def get_object(self, queryset=None):
        parent_pk = self.kwargs.get("parent_pk")
        if parent_pk is not None and not self.request.user.is_staff:
            # The parent must be one of the seller's own products.
            get_object_or_404(self.filter_queryset(Product.objects.all()), pk=parent_pk)
        return super().get_object(queryset)

    def forms_valid(self, form, formsets):
        user = self.request.user
        held = []
        if not user.is_staff and not self.creating:
            original = Product.objects.get(pk=form.instance.pk)
            held = hold_trusted_changes(product=form.instance, original=original)
        response = super().forms_valid(form, formsets)
        if not user.is_staff:
            images = formsets["image_formset"]
            changed = [obj for obj, _fields in images.changed_objects if "original" in _fields]
            if hold_new_images(product=self.object, images=list(images.new_objects) + changed):
                held = held or ["images"]
        if not user.is_staff and self.creating:
            Product.objects.filter(pk=self.object.pk).update(
                moderation_status=Product.Moderation.DRAFT)
            messages.info(self.request, _("Saved as a draft. Submit it for review when it is "
                                          "ready; it becomes public once approved."))
        if held:
            messages.info(self.request, _("Your changes to what buyers trust wait for review; "
                                          "the approved version stays public meanwhile."))
        return response


class ProductSubmitView(oscar_views.PartnerProductFilterMixin, View):
    """POST: a seller sends a draft (or rejected) product for review."""

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.has_perm("partner.dashboard_access"))):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        products = self.filter_queryset(Product.objects.all())
        product = products.filter(pk=pk).first()
        if product is None:
            raise Http404
        product_submit(product_id=product.pk)
        messages.success(request, _("Sent for review."))
        return redirect("dashboard:catalogue-product", pk=product.pk)
