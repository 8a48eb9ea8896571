"""Search results, the whole catalogue and category pages: one listing over ``search.api``,
three faces. Type-ahead suggestions for the header box are a small JSON view. The startup
directory (``/khoi-nghiep/``, ``/en/startups/``) is the same kind of listing over the
startups.

The index gives ids in order; the products themselves come from the catalogue's public
queryset in one go (``public_products`` + ``with_listing_data``), and the startups from the
public startups (``search.selectors.startups_in_order``; with the card cache on, only those
whose cards are not cached, ``listed_products`` / ``listed_startups``), so a page costs the
same number of queries for 12 or 48 of them, and one withdrawn or hidden a moment ago is never shown even
before its index update has run.
"""

import logging

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalog.selectors import listed_products, products_in_order
from core import pagecache
from search import api, listing_cache
from search.facets import Vocabulary, active_filters, clear_url, panels
from search.forms import ListingRequest, clean_text
from search.selectors import (
    database_results,
    database_startups,
    listed_startups,
    sellers_in_order,
)
from startups.selectors.expos import (
    booths_by_seller,
    booths_matching,
    booths_shown,
    expo_frame,
    expo_pk_of,
    expo_shown,
)

logger = logging.getLogger(__name__)
Category = get_model("catalogue", "Category")

SELLER_STRIP_SIZE = 4
SUGGEST_MIN_LENGTH = 2
SUGGEST_LIMIT = 8


class _ResultWindow:
    """What Django's Paginator needs from one page of search results: the total as its length
    and this page's objects for its slice."""

    def __init__(self, total: int, items: list):
        self.total, self.items = total, items

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.items


def page_number(value) -> int:
    """?page= as a number; anything else (letters, 0, beyond api.MAX_PAGE) is a 404."""
    value = (value or "1").strip()
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= api.MAX_PAGE:
        raise Http404(_("This page of results does not exist."))
    return int(value)


class ProductListView(pagecache.CachedPageMixin, TemplateView):
    """The whole catalogue: every public product, all facets. Visitors, signed in or not (but
    staff), get the page from the page cache while the index and the products on it are
    unchanged."""

    page_cache_signed_in = True

    template_name = "oscar/catalogue/browse.html"
    paginate_by = 24
    facets = api.PRODUCT_FACETS
    show_sellers = False

    def fixed_filters(self) -> dict[str, tuple[str, ...]]:
        """Filters the page itself sets (a category page: its group)."""
        return {}

    def get(self, request, *args, **kwargs):
        self.vocabulary = Vocabulary()
        self.listing = ListingRequest(request.GET, vocabulary=self.vocabulary, facets=self.facets)
        self.page = page = page_number(request.GET.get("page"))
        query = api.Query(
            text=self.listing.text,
            filters={**self.listing.filters, **self.fixed_filters()},
            sort=self.listing.sort,
            page=page,
            per_page=self.paginate_by,
            counted=tuple(self.facets),
        )
        pagecache.note(*listing_cache.query_keys(query))
        self.degraded = False
        try:
            self.results = api.search(query)
        except ValueError:  # a page the backend refuses to reach
            raise Http404(_("This page of results does not exist.")) from None
        except Exception:  # the search server is down: buyers still browse
            logger.exception("Search backend failed; listing from the database instead")
            self.degraded = True
            pagecache.do_not_store(request)
            self.results = self.database_results(page)
        if page > 1 and query.offset >= self.results.total:
            raise Http404(_("This page of results does not exist."))
        return self.render_to_response(self.get_context_data(**kwargs))

    def fallback_categories(self):
        return None

    def database_results(self, page: int) -> api.Results:
        """The simple database listing, used when the page's category is not indexed or the
        search server does not answer."""
        return database_results(
            text=self.listing.text,
            sort=self.listing.sort,
            categories=self.fallback_categories(),
            page=page,
            per_page=self.paginate_by,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        listing, results, params = self.listing, self.results, self.listing.params
        products = listed_products(results.ids)
        # Pages beyond api.MAX_PAGE are refused, so the pager stops there.
        reachable = min(results.total, api.MAX_PAGE * self.paginate_by)
        paginator = Paginator(_ResultWindow(reachable, products), self.paginate_by)
        page_obj = paginator.page(min(self.page, paginator.num_pages))
        ctx.update(
            products=products,
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=paginator.num_pages > 1,
            total=results.total,
            query=listing.text,
            corrected_text=results.corrected_text,
            listing_form=listing.form,
            sort_choices=[
                (value, label, value == listing.sort) for value, label in api.SORTS.items()
            ],
            hidden_fields=listing.hidden_fields(),
            page_query=params.urlencode(),
            facet_panels=panels(
                results,
                vocabulary=self.vocabulary,
                params=params,
                selected=listing.filters,
                shown=self.facets,
            ),
            active_filters=active_filters(
                vocabulary=self.vocabulary,
                params=params,
                selected=listing.filters,
                shown=self.facets,
            ),
            clear_filters_url=clear_url(params, self.facets) if listing.filters else "",
            ignored_params=listing.ignored,
            summary=_("All products"),
        )
        ctx["search_degraded"] = getattr(self, "degraded", False)
        if self.show_sellers and listing.text and not ctx["search_degraded"]:
            pagecache.note(pagecache.INDEX)
            sellers = api.search(
                api.Query(
                    text=listing.text, kind=api.SELLER, per_page=SELLER_STRIP_SIZE, facets=False
                )
            )
            ctx["sellers"] = sellers_in_order(sellers.ids)
            ctx["sellers_total"] = sellers.total
        return ctx


class CatalogueView(ProductListView):
    pass


class SearchView(ProductListView):
    template_name = "oscar/search/results.html"
    show_sellers = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = _("Search results")
        return ctx


class ProductCategoryView(ProductListView):
    """A category: its OCOP code (sub-groups included) is a fixed filter; the group facet
    gives way to the sub-group chips."""

    template_name = "oscar/catalogue/category.html"
    facets = api.GROUP_PAGE_FACETS

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        if not self.category.ocop_code:
            return self.get_without_code(request)
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {api.GROUP: (self.category.ocop_code,)}

    def fallback_categories(self):
        return self.category.get_descendants_and_self()

    def get_without_code(self, request):
        """A category made in the dashboard without an OCOP code is not in the index: list its
        products from the database, without facets."""
        self.vocabulary = Vocabulary()
        self.listing = ListingRequest(request.GET, vocabulary=self.vocabulary, facets=())
        self.page = page = page_number(request.GET.get("page"))
        pagecache.note(*pagecache.listing_keys())
        self.results = self.database_results(page)
        if page > 1 and (page - 1) * self.paginate_by >= self.results.total:
            raise Http404(_("This page of results does not exist."))
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.display_name
        ctx["subcategories"] = self.category.get_children().filter(is_public=True)
        return ctx


def _in_current_language(url: str) -> str:
    """The index stores addresses in the default language (no prefix); an English visitor
    gets the /en/ one."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not url:
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


class SuggestView(pagecache.CachedPageMixin, View):
    """GET ?q=… -> {"suggestions": [{"kind", "label", "url"}, …]} for the header box.

    Fewer than two letters gives an empty list; a failing backend gives an empty list too (and
    a log line): type-ahead is a help, never an error page. The answer is the same for every
    visitor, so it is a cached page (an early hit for most keystrokes) until the index
    changes; the empty answer of a failing backend is not kept."""

    page_cache_signed_in = True

    def page_cache_keys(self):
        return [pagecache.INDEX, *pagecache.listing_keys()]

    def get(self, request, *args, **kwargs):
        text = clean_text(request.GET.get("q", ""), limit=100)
        suggestions = []
        if len(text.replace(" ", "")) >= SUGGEST_MIN_LENGTH:
            try:
                suggestions = api.suggest(text, limit=SUGGEST_LIMIT)
            except Exception:  # a help, not a page: log and answer nothing
                logger.exception("Type-ahead failed for %r", text)
                pagecache.do_not_store(request)
        body = {
            "suggestions": [
                {"kind": s.kind, "label": s.label, "url": _in_current_language(s.url)}
                for s in suggestions
            ]
        }
        response = JsonResponse(body)
        response["Cache-Control"] = "public, max-age=60"
        return response


class StartupDirectoryView(pagecache.CachedPageMixin, TemplateView):
    """The startup directory: text (folded, typo-tolerant), facets with counts, a sort and
    pages, all in the query string. Anonymous visitors get the page from the page cache while
    the index and the startups on it are unchanged."""

    template_name = "search/startups/directory.html"
    paginate_by = 24
    facets = api.STARTUP_FACETS

    def page_cache_keys(self):
        return [pagecache.INDEX]

    def get(self, request, *args, **kwargs):
        self.vocabulary = Vocabulary()
        self.listing = ListingRequest(
            request.GET,
            vocabulary=self.vocabulary,
            facets=self.facets,
            sorts=api.STARTUP_SORTS,
        )
        self.page = page = page_number(request.GET.get("page"))
        query = api.Query(
            text=self.listing.text,
            kind=api.STARTUP,
            filters=self.listing.filters,
            sort=self.listing.sort,
            page=page,
            per_page=self.paginate_by,
        )
        self.degraded = False
        try:
            self.results = api.search(query)
        except ValueError:  # a page the backend refuses to reach
            raise Http404(_("This page of results does not exist.")) from None
        except Exception:  # the search server is down: the newest startups instead
            logger.exception("Search backend failed; listing startups from the database")
            self.degraded = True
            pagecache.do_not_store(request)
            self.results = database_startups(
                text=self.listing.text, page=page, per_page=self.paginate_by
            )
        if page > 1 and query.offset >= self.results.total:
            raise Http404(_("This page of results does not exist."))
        return self.render_to_response(self.get_context_data(**kwargs))

    def sort_choices(self) -> list[tuple[str, str, bool]]:
        """Relevance only for a text; without one the directory is newest first."""
        listing = self.listing
        current = listing.sort
        if not listing.text and current == api.RELEVANCE:
            current = api.NEWEST
        return [
            (value, label, value == current)
            for value, label in api.STARTUP_SORTS.items()
            if value != api.RELEVANCE or listing.text
        ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        listing, results, params = self.listing, self.results, self.listing.params
        startups = listed_startups(results.ids)
        reachable = min(results.total, api.MAX_PAGE * self.paginate_by)
        paginator = Paginator(_ResultWindow(reachable, startups), self.paginate_by)
        page_obj = paginator.page(min(self.page, paginator.num_pages))
        ctx.update(
            startups=startups,
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=paginator.num_pages > 1,
            total=results.total,
            query=listing.text,
            corrected_text=results.corrected_text,
            listing_form=listing.form,
            sort_choices=self.sort_choices(),
            hidden_fields=listing.hidden_fields(),
            text_hidden_fields=listing.hidden_fields(without=("q",)),
            page_query=params.urlencode(),
            facet_panels=[]
            if self.degraded
            else panels(
                results,
                vocabulary=self.vocabulary,
                params=params,
                selected=listing.filters,
                shown=self.facets,
            ),
            active_filters=active_filters(
                vocabulary=self.vocabulary,
                params=params,
                selected=listing.filters,
                shown=self.facets,
            ),
            clear_filters_url=clear_url(params, self.facets) if listing.filters else "",
            ignored_params=listing.ignored,
            search_degraded=self.degraded,
        )
        return ctx


class ExpoSearchView(pagecache.CachedPageMixin, TemplateView):
    """Search within an expo (``?q=``): the products of its approved booths' sellers through
    the search API (folding, typos, the ``SELLERS`` restriction), and the booths whose name
    or pitch holds the words, folded (``startups.selectors.expos.booths_matching``). Each
    result leads back into its booth. Nothing is shown before the expo opens (its booths are
    not public yet); a draft is 404 but to the officers previewing it."""

    template_name = "search/expos/expo_search.html"
    paginate_by = 24

    def page_cache_keys(self):
        return [pagecache.INDEX]

    def get(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if pagecache.is_cache_render(request):
            pk = expo_pk_of(slug)
            if pk is None:
                raise Http404
            pagecache.note(f"expo:{pk}")
        self.expo, self.preview = expo_shown(slug, request.user)
        if self.expo is None:
            raise Http404
        self.text = clean_text(request.GET.get("q", ""), limit=200)
        self.page = page_number(request.GET.get("page"))
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        expo, text = self.expo, self.text
        results, products, booths, degraded = None, [], [], False
        if text and booths_shown(expo, preview=self.preview):
            by_seller = booths_by_seller(expo)
            booths = booths_matching(expo, text)
            query = api.Query(
                text=text,
                filters={api.SELLERS: tuple(str(pk) for pk in by_seller)},
                page=self.page,
                per_page=self.paginate_by,
                facets=False,
            )
            pagecache.note(*listing_cache.query_keys(query))
            try:
                results = api.search(query)
            except ValueError:
                raise Http404(_("This page of results does not exist.")) from None
            except Exception:  # the search server is down: the booths still match
                logger.exception("Search backend failed in expo %s", expo.pk)
                degraded = True
                pagecache.do_not_store(self.request)
            if results is not None:
                if self.page > 1 and query.offset >= results.total:
                    raise Http404(_("This page of results does not exist."))
                for product in products_in_order(results.ids):
                    stockrecord = next(iter(product.stockrecords.all()), None)
                    booth = by_seller.get(stockrecord.partner_id) if stockrecord else None
                    if booth is not None:
                        products.append((product, booth))
        paginator = page_obj = None
        if results is not None and results.total > self.paginate_by:
            reachable = min(results.total, api.MAX_PAGE * self.paginate_by)
            paginator = Paginator(_ResultWindow(reachable, products), self.paginate_by)
            page_obj = paginator.page(min(self.page, paginator.num_pages))
        ctx.update(expo_frame(expo, preview=self.preview))
        ctx.update(
            booths_shown=booths_shown(expo, preview=self.preview),
            query=text,
            products=products,
            booths=booths,
            total=results.total if results is not None else 0,
            corrected_text=results.corrected_text if results is not None else None,
            paginator=paginator,
            page_obj=page_obj,
            is_paginated=paginator is not None and paginator.num_pages > 1,
            search_degraded=degraded,
        )
        return ctx


# Oscar's catalogue app asks for these names.
FacetedSearchView = SearchView
