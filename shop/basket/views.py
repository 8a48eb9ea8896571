"""Add to basket with the product read once, with what the form and pricing need."""

from django.shortcuts import get_object_or_404
from django.views.generic import FormView
from oscar.apps.basket import views as oscar_views

from shop.basket.selectors import products_to_add


class BasketAddView(oscar_views.BasketAddView):
    def post(self, request, *args, **kwargs):
        # Oscar's post reads the bare product; its class, options flag and stock records then
        # cost a query each, some of them twice (form validation, then add_product).
        self.product = get_object_or_404(products_to_add(), pk=kwargs["pk"])
        return FormView.post(self, request, *args, **kwargs)
