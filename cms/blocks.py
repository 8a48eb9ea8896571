"""The StreamField blocks of every page, each with its own template in ``templates/cms/blocks/``.

Static blocks (heading, rich text, call to action, FAQ, video, gallery) show what the editor
wrote. Live blocks show what the site holds now: products (chosen, or by a rule read through
the search API), startups (chosen, or by a rule), expos (live and upcoming), the latest news.
They never show what a buyer may not see: products come back through
``catalog.selectors.products_in_order`` (public, approved, approved seller), startups through
``startups.selectors.public_startups``, expos through the published ones only, and a rule
asking for OCOP stars drops a product whose certificate lapsed since it was indexed.

A page reads its live blocks together before rendering (``prepare``): one search per product
rule, then every block's products in one go (three queries however many blocks and products),
every startup block's startups in one query, expos in one, news in one or two (the home
page's whole render: 11 queries, tests/cms/test_home.py). Each value gets what it shows as
``value.live``; a block rendered alone (a preview of one block) reads its own.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from catalog import selectors as catalog_selectors
from catalog.models import Province
from cms import choosers
from core import pagecache
from core.video import video_or_none, video_parse
from search import api, listing_cache
from startups.models import Expo
from startups.selectors import public_startups
from startups.selectors.expos import EXPO_LIST_KEY, next_boundary

logger = logging.getLogger(__name__)
Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")

# Rich text editors may use: no images, embeds or raw HTML (those have their own blocks).
SAFE_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
MAX_ITEMS = 24
EXPO_LIMIT = 6


def province_choices():
    return [("", _("Any province"))] + [
        (p.code, p.name) for p in Province.objects.order_by("name").only("code", "name")
    ]


def group_choices():
    return [("", _("Any group"))] + [
        (g.ocop_code, g.name) for g in catalog_selectors.product_groups()
    ]


class LiveValue(blocks.StructValue):
    """A live block's value; ``live`` is what it shows, set by ``prepare``."""

    live = None


class LiveBlock(blocks.StructBlock):
    """A block showing what the site holds now (``value.live``). Rendered outside a prepared
    page (a preview of one block), it reads its own."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.live is None:
            page = (parent_context or {}).get("page")
            stream = blocks.StreamValue(blocks.StreamBlock([("x", self)]), [("x", value)])
            prepare(stream, news=getattr(page, "latest_news", None))
        context["items"] = value.live or []
        return context


def _id_chooser(viewset_name: str):
    """A chooser block (the admin's chooser of ``cms.choosers``) whose value is the id: the
    page reads the chosen things itself, all blocks together, through the public querysets
    (a product withdrawn since it was chosen is not shown)."""
    base = getattr(choosers, viewset_name).get_block_class()

    class IdChooserBlock(base):
        def to_python(self, value):
            value = getattr(value, "pk", value)
            try:
                return int(value) if value not in (None, "") else None
            except (TypeError, ValueError):
                return None

        def bulk_to_python(self, values):
            return [self.to_python(v) for v in values]

        def get_prep_value(self, value):
            return self.to_python(value)

        def clean(self, value):
            return self.to_python(super().clean(value))

        def extract_references(self, value):
            pk = self.to_python(value)
            if pk is not None:
                yield self.model_class, str(pk), "", ""

    return IdChooserBlock


class ProductIdBlock(_id_chooser("product_chooser")):
    pass


class StartupIdBlock(_id_chooser("startup_chooser")):
    pass


# --- static blocks ---------------------------------------------------------------------


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=SAFE_FEATURES, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs.pop("features", None)
        return "cms.blocks.RichTextBlock", args, kwargs

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "cms/blocks/rich_text.html"


class LinkValue(blocks.StructValue):
    @property
    def href(self) -> str:
        page = self.get("page")
        if page is not None:
            return page.url or ""
        return self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    button = blocks.CharBlock(label=_("button label"), max_length=40)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                {"page": ValidationError(_("Choose a page or give an address."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"
        value_class = LinkValue


class MarketplaceCallToActionBlock(blocks.StructBlock):
    """Buy and sell: the catalogue and the seller application, in the site's own words."""

    heading = blocks.CharBlock(
        label=_("heading"), max_length=120, default=_("Shop the youth OCOP market")
    )
    text = blocks.TextBlock(label=_("text"), required=False, max_length=400)
    show_sell = blocks.BooleanBlock(label=_("invite sellers too"), required=False, default=True)

    class Meta:
        icon = "site"
        label = _("Marketplace call to action")
        template = "cms/blocks/marketplace_cta.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube, Facebook or TikTok video (the rules of pitches, ``core.video``): a still of
    our own and a play button; nothing is asked of the provider before the visitor presses
    play."""

    url = blocks.URLBlock(label=_("video link"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    def clean(self, value):
        value = super().clean(value)
        try:
            video_parse(value.get("url") or "")
        except ValidationError as error:
            raise blocks.StructBlockValidationError({"url": error}) from None
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["video"] = video_or_none(value.get("url") or "")
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("alternative text"),
        max_length=200,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)


class GalleryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=1, max_num=24)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "cms/blocks/gallery.html"


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = RichTextBlock(label=_("answer"))


class FAQValue(blocks.StructValue):
    def jsonld(self) -> str:
        """FAQPage structured data for search engines, in a script element (``<`` escaped so
        no text of an answer can end the element)."""
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": item["question"],
                    "acceptedAnswer": {
                        "@type": "Answer",
                        "text": " ".join(strip_tags(str(item["answer"])).split()),
                    },
                }
                for item in self.get("items") or []
            ],
        }
        text = json.dumps(data, ensure_ascii=False)
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return mark_safe(f'<script type="application/ld+json">{text}</script>')


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, default=_("Questions and answers")
    )
    items = blocks.ListBlock(FAQItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "cms/blocks/faq.html"
        value_class = FAQValue


# --- live blocks -----------------------------------------------------------------------


class ProductsBlock(LiveBlock):
    """Products an editor chose, in that order (those a buyer may see now)."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    products = blocks.ListBlock(ProductIdBlock(), label=_("products"), min_num=1, max_num=MAX_ITEMS)

    def product_ids(self, value) -> list[int]:
        return [pk for pk in value.get("products") or [] if pk]

    class Meta:
        icon = "list-ul"
        label = _("Chosen products")
        template = "cms/blocks/products.html"
        value_class = LiveValue


class ProductRuleBlock(LiveBlock):
    """Products by a rule ("5-star OCOP from Đắk Lắk", "newest from verified startups", "in
    stock, group 1"), found by the search API at every render: a product approved a minute
    ago joins, one withdrawn leaves."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    min_stars = blocks.ChoiceBlock(
        label=_("OCOP stars at least"),
        choices=[("", _("Any, certified or not")), ("3", "3"), ("4", "4"), ("5", "5")],
        required=False,
    )
    province = blocks.ChoiceBlock(label=_("province"), choices=province_choices, required=False)
    group = blocks.ChoiceBlock(label=_("OCOP group"), choices=group_choices, required=False)
    in_stock = blocks.BooleanBlock(label=_("in stock only"), required=False)
    verified_startups = blocks.BooleanBlock(label=_("from verified startups only"), required=False)
    sort = blocks.ChoiceBlock(
        label=_("order"),
        choices=[
            (api.STARS_DESC, _("Most stars first")),
            (api.NEWEST, _("Newest first")),
            (api.POPULAR, _("Most popular first")),
        ],
        default=api.STARS_DESC,
    )
    count = blocks.IntegerBlock(label=_("how many"), default=8, min_value=1, max_value=MAX_ITEMS)
    link_label = blocks.CharBlock(
        label=_("link to all of them"),
        required=False,
        max_length=60,
        help_text=_('E.g. "See all products"; leave empty for no link.'),
    )

    def filters(self, value, verified_sellers=None) -> dict:
        filters = {}
        if value.get("min_stars"):
            filters[api.STARS] = tuple(str(s) for s in range(int(value["min_stars"]), 6))
        if value.get("province"):
            filters[api.PROVINCE] = (value["province"],)
        if value.get("group"):
            filters[api.GROUP] = (value["group"],)
        if value.get("in_stock"):
            filters[api.IN_STOCK] = ("1",)
        if value.get("verified_startups"):
            filters[api.SELLERS] = tuple(str(pk) for pk in verified_sellers or ())
        return filters

    def search_ids(self, value, verified_sellers=None, request=None) -> list[int]:
        count = min(int(value.get("count") or 8), MAX_ITEMS)
        query = api.Query(
            filters=self.filters(value, verified_sellers),
            sort=value.get("sort") or api.STARS_DESC,
            per_page=count,
            facets=False,
            count=False,
        )
        pagecache.note(*listing_cache.query_keys(query))
        try:
            return api.search(query).ids
        except Exception:
            logger.exception("Search backend failed; a product rule read from the database")
            if request is not None:
                pagecache.do_not_store(request)  # not to outlive the search server's outage
            return self.database_ids(value, verified_sellers, count)

    def database_ids(self, value, verified_sellers, count) -> list[int]:
        """The same rule on the catalogue itself (slower; only while the index is down)."""
        sort = {api.NEWEST: "newest"}.get(value.get("sort"), "stars")
        qs = catalog_selectors.product_listing(sort_by=sort)
        if value.get("min_stars"):
            today = timezone.localdate()
            qs = qs.filter(
                ocop_stars__gte=int(value["min_stars"]),
                ocop_valid_from__lte=today,
                ocop_valid_until__gte=today,
            )
        if value.get("province"):
            qs = qs.filter(origin_province__code=value["province"])
        if value.get("group"):
            qs = qs.filter(categories__ocop_code__startswith=value["group"])
        if value.get("in_stock"):
            qs = qs.filter(stockrecords__num_in_stock__gt=0)
        if value.get("verified_startups"):
            qs = qs.filter(stockrecords__partner__in=list(verified_sellers or ()))
        return list(qs.values_list("pk", flat=True)[:count])

    def all_url(self, value) -> str:
        params = [
            (k, v) for k, values in self.filters(value).items() if k != api.SELLERS for v in values
        ]
        params.append(("sort", value.get("sort") or api.STARS_DESC))
        return reverse("search:search") + "?" + urlencode(params)

    @staticmethod
    def needs_certificate(value) -> bool:
        """A rule asking for stars keeps only products whose certificate is in force today:
        one the index still lists may have lapsed since it was indexed."""
        return bool(value.get("min_stars"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        if value.get("link_label"):
            context["all_url"] = self.all_url(value)
        return context

    class Meta:
        icon = "list-ol"
        label = _("Products by a rule")
        template = "cms/blocks/products.html"
        value_class = LiveValue


class StartupsBlock(LiveBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    startups = blocks.ListBlock(StartupIdBlock(), label=_("startups"), min_num=1, max_num=MAX_ITEMS)

    class Meta:
        icon = "group"
        label = _("Chosen startups")
        template = "cms/blocks/startups.html"
        value_class = LiveValue


class StartupRuleBlock(LiveBlock):
    """The newest public startups matching a rule (verified by a union unit, a province)."""

    heading = blocks.CharBlock(label=_("heading"), required=False, max_length=120)
    verified = blocks.BooleanBlock(label=_("verified only"), required=False, default=True)
    province = blocks.ChoiceBlock(label=_("province"), choices=province_choices, required=False)
    count = blocks.IntegerBlock(label=_("how many"), default=4, min_value=1, max_value=MAX_ITEMS)

    def queryset(self, value):
        qs = public_startups()
        if value.get("verified"):
            qs = qs.filter(verified_by__isnull=False)
        if value.get("province"):
            qs = qs.filter(province__code=value["province"])
        return qs.order_by("-created", "-pk")[: min(int(value.get("count") or 4), MAX_ITEMS)]

    @staticmethod
    def order_key(startup):
        """The rule's order (``queryset``'s, newest first) of startups read together."""
        return (startup.created, startup.pk)

    class Meta:
        icon = "group"
        label = _("Startups by a rule")
        template = "cms/blocks/startups.html"
        value_class = LiveValue


class ExpoCardsBlock(LiveBlock):
    """Live and upcoming expos (published ones; their pages are the expos' own)."""

    heading = blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, default=_("Expos")
    )
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=EXPO_LIMIT)

    class Meta:
        icon = "date"
        label = _("Expos (live and upcoming)")
        template = "cms/blocks/expos.html"
        value_class = LiveValue


class LatestNewsBlock(LiveBlock):
    heading = blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, default=_("News")
    )
    count = blocks.IntegerBlock(label=_("how many"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "cms/blocks/news.html"
        value_class = LiveValue


class ProductGroupsBlock(blocks.StructBlock):
    """The six OCOP product groups as tiles (the list the header's menu already read)."""

    heading = blocks.CharBlock(
        label=_("heading"), required=False, max_length=120, default=_("OCOP product groups")
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("OCOP product groups")
        template = "cms/blocks/product_groups.html"


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=600)
    image = ImageChooserBlock(label=_("image"), required=False)
    alt = blocks.CharBlock(label=_("alternative text"), required=False, max_length=200)
    search = blocks.BooleanBlock(label=_("with the search box"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("alt") or "").strip():
            raise blocks.StructBlockValidationError(
                {"alt": ValidationError(_("Describe the picture for people who cannot see it."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "cms/blocks/hero.html"


def body_blocks() -> list[tuple[str, blocks.Block]]:
    """The blocks of a page's body (every page type but the news article's related list)."""
    return [
        ("hero", HeroBlock()),
        ("heading", HeadingBlock()),
        ("text", RichTextBlock()),
        ("products", ProductsBlock()),
        ("product_rule", ProductRuleBlock()),
        ("startups", StartupsBlock()),
        ("startup_rule", StartupRuleBlock()),
        ("expos", ExpoCardsBlock()),
        ("news", LatestNewsBlock()),
        ("groups", ProductGroupsBlock()),
        ("marketplace_cta", MarketplaceCallToActionBlock()),
        ("call_to_action", CallToActionBlock()),
        ("video", VideoBlock()),
        ("gallery", GalleryBlock()),
        ("faq", FAQBlock()),
    ]


# --- reading the live blocks of a page together -----------------------------------------


def _live_children(stream):
    for child in stream or ():
        if isinstance(child.value, LiveValue):
            yield child


def prepare(stream, *, request=None, now: datetime.datetime | None = None, news=None) -> None:
    """Set ``value.live`` on every live block of ``stream``, read together (see the module's
    docstring). ``news`` gives the news articles for a number asked (the page knows where its
    news is)."""
    children = list(_live_children(stream))
    if not children:
        _prefetch_gallery(stream)
        return
    now = now or timezone.now()
    today = timezone.localdate(now)
    by_kind = defaultdict(list)
    for child in children:
        by_kind[type(child.block)].append(child)

    # products: one search per rule, then all of them at once
    verified = None
    if any(c.value.get("verified_startups") for c in by_kind[ProductRuleBlock]):
        verified = list(
            public_startups().filter(verified_by__isnull=False).values_list("partner_id", flat=True)
        )
    wanted = {}
    for child in by_kind[ProductRuleBlock]:
        wanted[id(child.value)] = child.block.search_ids(child.value, verified, request)
    for child in by_kind[ProductsBlock]:
        wanted[id(child.value)] = child.block.product_ids(child.value)
    if wanted:
        every = list(dict.fromkeys(pk for ids in wanted.values() for pk in ids))
        # With the card cache on, ids: only the products of the cards not cached are read.
        shown = catalog_selectors.listed_products(every)
        listed = isinstance(shown, catalog_selectors.ListedProducts)
        found = {pk: pk for pk in shown} if listed else {p.pk: p for p in shown}
        in_force = None
        for child in [*by_kind[ProductRuleBlock], *by_kind[ProductsBlock]]:
            products = [found[pk] for pk in wanted[id(child.value)] if pk in found]
            if isinstance(child.block, ProductRuleBlock) and child.block.needs_certificate(
                child.value
            ):
                if listed:
                    if in_force is None:
                        in_force = catalog_selectors.certified_ids(list(found), today)
                    products = [pk for pk in products if pk in in_force]
                else:
                    products = [p for p in products if p.ocop_is_valid(today)]
            child.value.live = catalog_selectors.ListedProducts(products) if listed else products

    # startups: the chosen ones and every rule's, in one query
    if by_kind[StartupsBlock] or by_kind[StartupRuleBlock]:
        _startups_read(by_kind[StartupsBlock], by_kind[StartupRuleBlock])

    if by_kind[ExpoCardsBlock]:
        pagecache.note(EXPO_LIST_KEY)  # before the rows: every expo change replaces it
        expos = current_expos(now)
        boundary = next_boundary(expos, now)  # one opens or closes: the list changes
        if (
            request is not None
            and boundary is not None
            and (boundary - now).total_seconds() < pagecache.page_seconds()
        ):
            pagecache.do_not_store(request)
        for child in by_kind[ExpoCardsBlock]:
            child.value.live = expos[: int(child.value.get("count") or 3)]

    if by_kind[LatestNewsBlock]:
        most = max(int(c.value.get("count") or 3) for c in by_kind[LatestNewsBlock])
        articles = news(most) if news is not None else []
        for child in by_kind[LatestNewsBlock]:
            child.value.live = articles[: int(child.value.get("count") or 3)]
    _prefetch_gallery(stream)


def _startups_read(chosen: list, rules: list) -> None:
    """Every startup block's startups in one query, however many blocks: the public startups
    chosen by any of ``chosen`` or among the first of any rule of ``rules``, each row marked
    with the rules it is in; then each block takes its own (the chosen in the editor's order,
    a rule's in its own), with what a card shows (province and the verifying unit). A page of
    one rule alone reads it plainly (half the work of compiling the query with its marks)."""
    cards = ("province", "verified_by")
    if len(rules) == 1 and not chosen:  # the usual page: one rule, its own plain query
        rules[0].value.live = list(rules[0].block.queryset(rules[0].value).select_related(*cards))
        return
    ids = {pk for c in chosen for pk in c.value.get("startups") or [] if pk}
    wanted = Q(pk__in=ids)
    marks = {}
    for n, child in enumerate(rules):
        in_rule = Q(pk__in=child.block.queryset(child.value).values("pk"))
        wanted |= in_rule
        marks[f"in_rule_{n}"] = ExpressionWrapper(in_rule, output_field=BooleanField())
    rows = list(public_startups().filter(wanted).annotate(**marks).select_related(*cards))
    found = {s.pk: s for s in rows}
    for child in chosen:
        child.value.live = [found[pk] for pk in child.value.get("startups") or [] if pk in found]
    for n, child in enumerate(rules):
        mine = [s for s in rows if getattr(s, f"in_rule_{n}")]
        child.value.live = sorted(mine, key=StartupRuleBlock.order_key, reverse=True)


def current_expos(now: datetime.datetime) -> list:
    """Published expos not yet closed: the live ones first (closing first), then the upcoming
    (opening first). One query: the rule of ``startups.selectors.expos.public_expos``'s live
    and upcoming sections, read together."""
    rows = list(
        Expo.objects.filter(published=True, closes_at__gt=now)
        .select_related("unit")
        .order_by("opens_at", "pk")[: EXPO_LIMIT * 2]
    )
    live = sorted((e for e in rows if e.opens_at <= now), key=lambda e: (e.closes_at, e.pk))
    return [*live, *(e for e in rows if e.opens_at > now)]


def _prefetch_gallery(stream) -> None:
    """The renditions of every picture of the page's heroes and galleries in one query (not
    one each)."""
    images = []
    for child in stream or ():
        if isinstance(child.block, GalleryBlock):
            images += [item["image"] for item in child.value.get("images") or []]
        elif isinstance(child.block, HeroBlock):
            images.append(child.value.get("image"))
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")
