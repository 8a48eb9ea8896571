"""The demo's pages and site settings (``cms/demo/data/site.json``, read by
``cms.demo.records.site_content``): a news index with its articles, a campaign landing page,
each in Vietnamese with an English version, and the site settings (contact, social networks,
logo, menu and footer links to those pages).

Idempotent: a page is looked up where it belongs (the news index under the Vietnamese home,
an article by its slug in the index, the campaign by its slug) and left alone when it exists;
an English version is made only where the page has none yet, so the aliases Wagtail makes
when editors create pages (``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE``) are kept. The settings
are written only while the site's are still empty (an editor's are never overwritten).
"""

from __future__ import annotations

import datetime
import io
import uuid

from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from cms.demo.images import logo_image_bytes, product_image_bytes
from cms.models import (
    SOCIAL_NETWORKS,
    CampaignPage,
    HomePage,
    MainMenuItem,
    NewsArticlePage,
    NewsIndexPage,
    SiteSettings,
)
from cms.services import SITE_NAME

StockRecord = get_model("partner", "StockRecord")


def demo_site_load(report, content: dict) -> None:
    """Write ``content`` (``records.site_content``); ``report.add`` counts what was made."""
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=vi)
    news = _news_index(report, home, content["news"], en)
    _articles(report, news, content["news"]["articles"], en)
    campaign = _campaign(report, home, content["campaign"], en)
    _settings(report, content["settings"], pages={"news": news, "campaign": campaign})


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _english(page, en, **fields) -> bool:
    """The page's English translation with ``fields``, published, unless it has one (an
    alias made by Wagtail counts)."""
    if page.has_translation(en):
        return False
    english = page.copy_for_translation(en)
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return True


def _news_index(report, home, row: dict, en) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home, NewsIndexPage(title=row["title"], slug=row["slug"], intro=row["intro"])
        )
        report.add("news indexes")
    if _english(index, en, title=row["title_en"], slug=row["slug_en"], intro=row["intro_en"]):
        report.add("English pages")
    return index


def _articles(report, index, rows: list[dict], en) -> None:
    existing = set(NewsArticlePage.objects.child_of(index).values_list("slug", flat=True))
    today = timezone.localdate()
    for row in rows:
        if row["slug"] in existing:
            continue
        product_ids = list(
            StockRecord.objects.filter(partner_sku__in=row["products"])
            .order_by("pk")
            .values_list("product_id", flat=True)
        )
        article = NewsArticlePage(
            title=row["title"],
            slug=row["slug"],
            author=row["author"],
            date=today - datetime.timedelta(days=row["days_ago"]),
            summary=row["summary"],
            hero_image=_picture(row),
            hero_alt=row["hero_alt"],
            body=[_block("text", paragraph) for paragraph in row["body"]],
            related=[_block("product", {"heading": "Sản phẩm trong bài", "products": product_ids})]
            if product_ids
            else [],
        )
        index.add_child(instance=article)
        article.tags.add(*row["tags"])
        article.save_revision().publish()
        report.add("news articles")
        # What Wagtail does for a page an editor creates: an English alias (the Vietnamese
        # text, marked so) until someone translates it.
        if not article.has_translation(en):
            article.copy_for_translation(en, alias=True)
            report.add("English pages")


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _picture(row: dict):
    data = product_image_bytes(title=row["title"], group=row["group"], province=row["province"])
    return _image(row["title"], data, f"tin-{row['slug'][:60]}.jpg")


def _image(title: str, data: bytes, name: str):
    return get_image_model().objects.create(
        title=title[:255], file=ImageFile(io.BytesIO(data), name=name)
    )


def _campaign(report, home, row: dict, en) -> CampaignPage:
    page = CampaignPage.objects.child_of(home).filter(slug=row["slug"]).first()
    if page is None:
        page = _publish(
            home,
            CampaignPage(
                title=row["title"],
                slug=row["slug"],
                search_description=row["search_description"],
                body=[_block(b["type"], b["value"]) for b in row["body"]],
            ),
        )
        report.add("campaign pages")
    made = _english(
        page,
        en,
        title=row["title_en"],
        slug=row["slug_en"],
        search_description=row["search_description_en"],
        body=[_block(b["type"], b["value"]) for b in row["body_en"]],
    )
    if made:
        report.add("English pages")
    return page


def _untouched(row: SiteSettings) -> bool:
    """Settings nobody filled in yet (Wagtail makes an empty row when the form is opened)."""
    texts = ("organisation_name", "address", "phone", "email", *SOCIAL_NETWORKS)
    return (
        not any(getattr(row, name) for name in texts)
        and row.logo_id is None
        and not row.footer_columns
        and not row.menu_items.exists()
    )


def _settings(report, row: dict, *, pages: dict) -> None:
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
    if settings.pk and not _untouched(settings):
        return
    for name in (
        "organisation_name",
        "organisation_name_en",
        "address",
        "phone",
        "email",
        *SOCIAL_NETWORKS,
        "logo_alt",
        "logo_alt_en",
    ):
        setattr(settings, name, row[name])
    settings.logo = _logo()
    settings.footer_columns = [
        _block(
            "column",
            {
                "heading": column["heading"],
                "heading_en": column["heading_en"],
                "links": [_link_value(link, pages) for link in column["links"]],
            },
        )
        for column in row["footer"]
    ]
    settings.full_clean()  # the demo's links pass the editors' checks
    settings.save()
    for position, link in enumerate(row["menu"]):
        value = _link_value(link, pages)
        item = MainMenuItem(
            setting=settings,
            sort_order=position,
            label=value["label"],
            label_en=value["label_en"],
            link_page_id=value["page"],
            link_url=value["url"],
        )
        item.full_clean(exclude=["setting"])
        item.save()
    report.add("site settings")


def _link_value(link: dict, pages: dict) -> dict:
    page = pages[link["page"]] if "page" in link else None
    if "route" in link:
        with translation.override("vi"):
            url = reverse(link["route"])
    else:
        url = ""
    return {
        "label": link["label"],
        "label_en": link.get("label_en", ""),
        "page": page.pk if page else None,
        "url": url,
    }


def _logo():
    return _image(f"Biểu trưng {SITE_NAME}", logo_image_bytes(name=SITE_NAME), "bieu-trung.png")
