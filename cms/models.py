"""Wagtail page types. The home page is the root of the site tree; Oscar lives beside it
under /shop/.

The tree can only be built one way (``parent_page_types``/``subpage_types``)::

    home ─┬─ standard page ── standard page ...
          ├─ campaign page (landing page)
          ├─ news index ── news article
          └─ province section (one youth-union unit of a province) ─┬─ standard page
                                                                    ├─ campaign page
                                                                    └─ news index ── article

Expos are not pages (docs/architecture.md, "Expos are not Wagtail pages"): the expo block
links them. Every page's ``body`` is a StreamField of ``cms.blocks``; its live blocks are
read together before the page renders (``cms.blocks.prepare``).
"""

import logging

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction

from cms import blocks
from startups.models import UnionUnit

logger = logging.getLogger(__name__)

NEWS_SHOWN = 12  # articles per page of a news index


class BasePage(Page):
    """What our page types share: a body of blocks, read together, and the view
    restrictions found in one query."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        body = getattr(self, "body", None)
        if body is not None:
            blocks.prepare(body, request=request, news=self.latest_news)
        return ctx

    def latest_news(self, count: int) -> list:
        """The newest live articles in the page's language (of its section when it is in one)."""
        return news_articles(self.locale_id, under=self.news_root(), limit=count)

    def news_root(self):
        return None

    def get_view_restrictions(self):
        """Wagtail's rule (the restrictions of the page and its ancestors, an alias reading its
        source's) in one query instead of two: the ancestors' paths are prefixes of the page's."""
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        in_tree = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=in_tree.filter(alias_of__isnull=True))
            | Q(page__in=in_tree.filter(alias_of__isnull=False).values("alias_of"))
        )


def not_private():
    """Pages under no view restriction, in the query itself (Wagtail's ``public()`` reads
    every restriction first): no restricted page's path begins the page's path."""
    return ~Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen)
        )
    )


def news_articles(locale_id, *, under=None, limit: int = NEWS_SHOWN) -> list:
    """Live public news articles, newest first, with their hero picture's renditions (one
    query, and one more for the renditions when an article has a picture)."""
    qs = NewsArticlePage.objects.live().filter(not_private(), locale_id=locale_id)
    if under is not None:
        qs = qs.descendant_of(under)
    return list(
        qs.select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-date", "-pk")[:limit]
    )


def _body(**kwargs):
    return StreamField(blocks.body_blocks(), blank=True, verbose_name=_("body"), **kwargs)


class HomePage(BasePage):
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = _body()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.CampaignPage",
        "cms.NewsIndexPage",
        "cms.ProvinceSectionPage",
    ]
    max_count_per_parent = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = _body()

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage", "cms.ProvinceSectionPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class CampaignPage(BasePage):
    """A landing page (OCOP week, a province's products, a contest): blocks only, a hero
    first as a rule."""

    body = _body()

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.ProvinceSectionPage"]
    subpage_types = []
    template = "cms/campaign_page.html"

    class Meta:
        verbose_name = _("campaign page")


class ProvinceSectionPage(BasePage):
    """The part of the site a province's youth union edits: linked to its union unit (of the
    province level), which carries the catalogue's province and the officers."""

    unit = models.ForeignKey(
        UnionUnit,
        verbose_name=_("youth union unit"),
        on_delete=models.PROTECT,
        related_name="cms_sections",
        limit_choices_to={"level": UnionUnit.Level.PROVINCE},
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = _body()

    content_panels = Page.content_panels + [
        FieldPanel("unit"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "cms.CampaignPage", "cms.NewsIndexPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("province section")

    def clean(self):
        """One section per unit in each language (translations share the unit; the locale is
        the parent model's column, so no database constraint can say it)."""
        super().clean()
        if self.unit_id and self.unit.level != UnionUnit.Level.PROVINCE:
            raise ValidationError({"unit": _("Choose the youth union of a province or city.")})
        if (
            self.unit_id
            and ProvinceSectionPage.objects.filter(unit_id=self.unit_id, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"unit": _("This unit already has its section.")})

    def news_root(self):
        return self


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.ProvinceSectionPage"]
    subpage_types = ["cms.NewsArticlePage"]
    max_count_per_parent = 1
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["articles"] = news_articles(self.locale_id, under=self)
        return ctx


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsArticlePage(BasePage):
    author = models.CharField(_("author"), max_length=120)
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("alternative text"),
        max_length=200,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))
    body = _body()
    related = StreamField(
        [("product", blocks.ProductsBlock()), ("startup", blocks.StartupsBlock())],
        blank=True,
        verbose_name=_("related products and startups"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("author"),
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Picture")),
        FieldPanel("tags"),
        FieldPanel("body"),
        FieldPanel("related"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []
    template = "cms/news_article_page.html"

    class Meta:
        verbose_name = _("news article")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError(
                {"hero_alt": _("Describe the picture for people who cannot see it.")}
            )

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        blocks.prepare(self.related, request=request)
        return ctx
