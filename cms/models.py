"""Wagtail page types. The home page is the root of the site tree; Oscar lives beside it
under /shop/."""

import logging

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalog import selectors as catalog_selectors
from core import pagecache
from search import api

logger = logging.getLogger(__name__)


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = RichTextField(
        _("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    featured_count = models.PositiveSmallIntegerField(
        _("number of featured products"),
        default=8,
        help_text=_("How many certified OCOP products the home page shows."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
        FieldPanel("featured_count"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["featured_products"], ctx["newest_products"] = home_listings(
            self.featured_count, request
        )
        ctx["product_groups"] = catalog_selectors.product_groups()
        return ctx


NEWEST_COUNT = 8


def home_listings(featured_count: int, request=None) -> tuple[list, list]:
    """Certified products (certificate in force, most stars, then most popular) and the
    newest, found in the search index (its sort columns are indexed; ordering the catalogue
    itself by them means sorting every public product) and loaded in one go. If the index
    does not answer, the catalogue is asked directly (slower, same products)."""
    try:
        featured = api.search(
            api.Query(
                filters={api.STARS: ("3", "4", "5")},
                sort=api.STARS_DESC,
                per_page=featured_count,
                facets=False,
                count=False,
            )
        )
        newest = api.search(
            api.Query(sort=api.NEWEST, per_page=NEWEST_COUNT, facets=False, count=False)
        )
    except Exception:
        logger.exception("Search backend failed; home page listings from the database")
        if request is not None:
            pagecache.do_not_store(request)  # not to outlive the search server's outage
        return catalog_selectors.listings_together(
            catalog_selectors.featured_products(limit=featured_count),
            catalog_selectors.product_listing(sort_by="newest")[:NEWEST_COUNT],
        )
    products = catalog_selectors.products_in_order([*featured.ids, *newest.ids])
    by_id = {p.pk: p for p in products}
    return (
        [by_id[pk] for pk in featured.ids if pk in by_id],
        [by_id[pk] for pk in newest.ids if pk in by_id],
    )
