"""Wagtail page types. The home page is the root of the site tree; Oscar lives beside it
under /shop/."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalog import selectors as catalog_selectors


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = RichTextField(_("body"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    featured_count = models.PositiveSmallIntegerField(
        _("number of featured products"), default=8,
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
        ctx["featured_products"], ctx["newest_products"] = catalog_selectors.listings_together(
            catalog_selectors.featured_products(limit=self.featured_count),
            catalog_selectors.product_listing(sort_by="newest")[:8],
        )
        ctx["product_groups"] = catalog_selectors.product_groups()
        return ctx
