"""The admin's choosers for the blocks that show chosen products and startups: only what a
buyer may see now is offered, found by a word of its name. Choosers only: products and
startups are edited in their own dashboards, never in the CMS."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from catalog.selectors import public_products
from startups.models import Startup
from startups.selectors import public_startups

Product = get_model("catalogue", "Product")


class NameFilterForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    field = "title"

    def filter(self, objects):
        text = (self.cleaned_data.get("q") or "").strip()
        if text:
            self.is_searching, self.search_query = True, text
            objects = objects.filter(**{f"{self.field}__icontains": text})
        return objects


class StartupFilterForm(NameFilterForm):
    field = "name"


class _PublicProducts:
    filter_form_class = NameFilterForm
    ordering = ("title", "pk")

    def get_object_list(self):
        return public_products()


class _PublicStartups:
    filter_form_class = StartupFilterForm
    ordering = ("name", "pk")

    def get_object_list(self):
        return public_startups()


class ProductChooserViewSet(ChooserViewSet):
    model = Product
    icon = "list-ul"
    choose_one_text = _("Choose a product")
    choose_another_text = _("Choose another product")
    register_widget = False
    choose_view_class = type("ChooseProductView", (_PublicProducts, ChooseView), {})
    choose_results_view_class = type(
        "ChooseProductResultsView", (_PublicProducts, ChooseResultsView), {}
    )


class StartupChooserViewSet(ChooserViewSet):
    model = Startup
    icon = "group"
    choose_one_text = _("Choose a startup")
    choose_another_text = _("Choose another startup")
    register_widget = False
    choose_view_class = type("ChooseStartupView", (_PublicStartups, ChooseView), {})
    choose_results_view_class = type(
        "ChooseStartupResultsView", (_PublicStartups, ChooseResultsView), {}
    )


product_chooser = ProductChooserViewSet("product_chooser", url_prefix="cms-product-chooser")
startup_chooser = StartupChooserViewSet("startup_chooser", url_prefix="cms-startup-chooser")
