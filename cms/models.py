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
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail import blocks as blocks_
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction

from cms import blocks
from startups.models import UnionUnit
from startups.services.profiles import LINK_CHECKS, website_check

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
        source's) in one query instead of two: the ancestors' paths are prefixes of the page's.
        None at all when the page was read knowing it has none (``cms.views``' home)."""
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()
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


# --- site settings: contact, social links, logo, main menu, footer ----------------------------
# Edited in the CMS under Settings → "Site settings"; read by ``cms.site_settings`` for the
# header and footer. Saving them invalidates every cached page (``cms.receivers``).

SITE_PATH = re.compile(r"/(?![/\\])[^\s\\]*")  # an address of this site: /tin-tuc/, not //evil.vn
PHONE = re.compile(r"\+?[0-9][0-9 .()-]{4,28}[0-9]")


def site_link_check(value: str) -> str:
    """A menu or footer link's address: a path of this site ("/tin-tuc/") or a public https
    address (``startups.services.profiles.website_check``: no IP, no local host, no
    ``javascript:``). Returns it normalised; raises ``ValidationError``."""
    value = (value or "").strip()
    if not value or SITE_PATH.fullmatch(value):
        return value
    if not value.lower().startswith("https://"):
        raise ValidationError(
            _("Give an address starting with https:// or a path of this site starting with /.")
        )
    return website_check(value)


class SiteLinkBlock(blocks_.StructBlock):
    """A link in a footer column: a page of the site (shown in the visitor's language when it
    is translated) or an address."""

    label = blocks_.CharBlock(label=_("label"), max_length=60)
    label_en = blocks_.CharBlock(
        label=_("label in English"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to show the Vietnamese label on English pages too."),
    )
    page = blocks_.PageChooserBlock(label=_("page"), required=False)
    url = blocks_.CharBlock(label=_("or address"), max_length=300, required=False)

    def clean(self, value):
        value = super().clean(value)
        page, url = value.get("page"), (value.get("url") or "").strip()
        if bool(page) == bool(url):
            raise blocks_.StructBlockValidationError(
                {"page": ValidationError(_("Choose either a page or an address."))}
            )
        if url:
            try:
                value["url"] = site_link_check(url)
            except ValidationError as error:
                raise blocks_.StructBlockValidationError({"url": error}) from None
        return value

    class Meta:
        icon = "link"
        label = _("Link")


class FooterColumnBlock(blocks_.StructBlock):
    heading = blocks_.CharBlock(label=_("heading"), max_length=60)
    heading_en = blocks_.CharBlock(
        label=_("heading in English"),
        max_length=60,
        required=False,
        help_text=_("Leave empty to show the Vietnamese heading on English pages too."),
    )
    links = blocks_.ListBlock(SiteLinkBlock(), label=_("links"), min_num=1, max_num=12)

    class Meta:
        icon = "list-ul"
        label = _("Footer column")


SOCIAL_NETWORKS = ("facebook", "zalo", "youtube", "tiktok")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """What the header and footer show besides the marketplace's own links: who runs the
    site and how to reach it, its social networks, the union's logo, the editors' menu items
    (after "All products", "Youth startups" and "Expos") and the footer's link columns (after
    "Buy" and "Payment"). Everything is optional: with nothing filled in the header and footer
    look as they do without settings. The footer's columns are a StreamField because each
    holds a list of links, and Wagtail's inline panels cannot nest."""

    organisation_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    organisation_name_en = models.CharField(
        _("organisation name in English"), max_length=200, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook = models.URLField("Facebook", max_length=300, blank=True)
    zalo = models.URLField("Zalo", max_length=300, blank=True)
    youtube = models.URLField("YouTube", max_length=300, blank=True)
    tiktok = models.URLField("TikTok", max_length=300, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt = models.CharField(
        _("alternative text of the logo"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    logo_alt_en = models.CharField(
        _("alternative text of the logo in English"), max_length=200, blank=True
    )
    footer_columns = StreamField(
        [("column", FooterColumnBlock())],
        blank=True,
        max_num=4,
        verbose_name=_("footer columns"),
    )

    select_related = ["logo"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("organisation_name"),
                            FieldPanel("organisation_name_en"),
                            FieldPanel("address"),
                            FieldPanel("phone"),
                            FieldPanel("email"),
                        ],
                        heading=_("Contact"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("logo"), FieldPanel("logo_alt"), FieldPanel("logo_alt_en")],
                        heading=_("Logo"),
                    ),
                ],
                heading=_("Contact and logo"),
            ),
            ObjectList(
                [FieldPanel(name) for name in SOCIAL_NETWORKS], heading=_("Social networks")
            ),
            ObjectList(
                [InlinePanel("menu_items", label=_("Menu item"), max_num=8)],
                heading=_("Main menu"),
            ),
            ObjectList([FieldPanel("footer_columns")], heading=_("Footer")),
        ]
    )

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def clean(self):
        super().clean()
        errors = {}
        for name in SOCIAL_NETWORKS:
            try:
                setattr(self, name, LINK_CHECKS[name](getattr(self, name)))
            except ValidationError as error:
                errors[name] = error
        self.phone = " ".join(self.phone.split())
        if self.phone and not PHONE.fullmatch(self.phone):
            errors["phone"] = ValidationError(
                _("Write the phone number with digits, spaces, dots or dashes.")
            )
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = ValidationError(
                _("Describe the logo for people who cannot see it.")
            )
        if errors:
            raise ValidationError(errors)


class MainMenuItem(Orderable):
    """An item of the header's menu: a page of the site (in the visitor's language when it
    is translated) or an address."""

    setting = ParentalKey(SiteSettings, related_name="menu_items", on_delete=models.CASCADE)
    label = models.CharField(_("label"), max_length=60)
    label_en = models.CharField(
        _("label in English"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty to show the Vietnamese label on English pages too."),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.CharField(_("or address"), max_length=300, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("label_en"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def clean(self):
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url.strip()):
            raise ValidationError({"link_page": _("Choose either a page or an address.")})
        try:
            self.link_url = site_link_check(self.link_url)
        except ValidationError as error:
            raise ValidationError({"link_url": error}) from None
