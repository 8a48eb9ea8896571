"""Search results, the whole catalogue and category pages: one listing view, three faces."""

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from catalog.selectors import product_listing
from search.forms import SearchForm

Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = 24
    template_name = "oscar/catalogue/browse.html"

    def get_form(self):
        form = SearchForm(self.request.GET or None)
        form.is_valid()
        return form

    def get_listing_kwargs(self):
        data = getattr(self.form, "cleaned_data", {}) or {}
        return {"query": data.get("q", ""), "sort_by": data.get("sort_by", "")}

    def get(self, request, *args, **kwargs):
        self.form = self.get_form()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return product_listing(**self.get_listing_kwargs())

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except (InvalidPage, Http404):
            raise Http404(_("This page of results does not exist.")) from None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["listing_form"] = self.form
        ctx["query"] = (getattr(self.form, "cleaned_data", {}) or {}).get("q", "")
        ctx["summary"] = _("All products")
        return ctx


class CatalogueView(ProductListView):
    pass


class SearchView(ProductListView):
    template_name = "oscar/search/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("Search results")
        return ctx


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_listing_kwargs(self):
        kwargs = super().get_listing_kwargs()
        kwargs["categories"] = self.category.get_descendants_and_self()
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.display_name
        ctx["subcategories"] = self.category.get_children().filter(is_public=True)
        return ctx


# Oscar's catalogue app asks for these names.
FacetedSearchView = SearchView
