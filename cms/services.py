"""Writes to the Wagtail site tree."""

import uuid

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage
from search import api

SITE_NAME = "Chợ OCOP Thanh niên"
HOME_TEXT = {
    "vi": {
        "title": "Chợ OCOP Thanh niên",
        "hero_heading": "Sản phẩm OCOP và khởi nghiệp thanh niên từ khắp mọi miền",
        "hero_text": "Mua trực tiếp từ hợp tác xã, hộ kinh doanh và các bạn trẻ khởi nghiệp ở 34 "
        "tỉnh, thành phố. Mỗi sản phẩm OCOP đều ghi rõ số sao, số giấy chứng nhận và "
        "nơi sản xuất.",
        "groups": "Nhóm sản phẩm OCOP",
        "featured": "Sản phẩm đạt chứng nhận OCOP",
        "expos": "Triển lãm trực tuyến",
        "newest": "Mới lên chợ",
        "all_products": "Xem tất cả sản phẩm",
        "startups": "Khởi nghiệp tiêu biểu",
        "news": "Tin tức",
    },
    "en": {
        "title": "Youth OCOP Market",
        "hero_heading": "OCOP and youth-startup products from every corner of Viet Nam",
        "hero_text": "Buy straight from cooperatives, household businesses and young founders in "
        "all 34 provinces and cities. Every OCOP product shows its stars, certificate "
        "number and where it is made.",
        "groups": "OCOP product groups",
        "featured": "Certified OCOP products",
        "expos": "Online expos",
        "newest": "New in the market",
        "all_products": "See all products",
        "startups": "Startup spotlight",
        "news": "News",
    },
}
PAGE_FIELDS = ("title", "hero_heading", "hero_text")
FEATURED_COUNT = NEWEST_COUNT = 8


def home_sections(language: str) -> list[dict]:
    """The home page's default blocks (raw StreamField data) in ``language``: the OCOP
    groups, certified products, live and upcoming expos, the newest products, verified
    startups and the latest news. Editors change them in the CMS."""
    text = HOME_TEXT["en" if language.startswith("en") else "vi"]
    rows = [
        ("groups", {"heading": text["groups"]}),
        (
            "product_rule",
            {
                "heading": text["featured"],
                "min_stars": "3",
                "sort": api.STARS_DESC,
                "count": FEATURED_COUNT,
            },
        ),
        ("expos", {"heading": text["expos"], "count": 3}),
        (
            "product_rule",
            {
                "heading": text["newest"],
                "sort": api.NEWEST,
                "count": NEWEST_COUNT,
                "link_label": text["all_products"],
            },
        ),
        ("startup_rule", {"heading": text["startups"], "verified": True, "count": 4}),
        ("news", {"heading": text["news"], "count": 3}),
    ]
    return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in rows]


@transaction.atomic
def collection_root_ensure() -> Collection:
    """The root of the picture and document collections, which Wagtail's migration makes;
    made again where a database lost it (a flushed test database), since every image and
    document needs a collection."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def home_page_ensure() -> int:
    """Make the bilingual home page the root of the default site; returns pages created.

    Replaces Wagtail's "Welcome to your new Wagtail site!" page on a new installation and
    adds the English translation (served under /en/) when it is missing.
    """
    created = 0
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=vi)
    collection_root_ensure()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        home = HomePage(
            slug="trang-chu",
            locale=vi,
            body=home_sections("vi"),
            **{k: HOME_TEXT["vi"][k] for k in PAGE_FIELDS},
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created += 1
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page, site.site_name = home, SITE_NAME
        site.save()
        if old_root.depth == 2 and old_root.specific_class is Page:
            old_root.delete()  # Wagtail's welcome page, never edited
    if not HomePage.objects.filter(locale=en, translation_key=home.translation_key).exists():
        english = home.copy_for_translation(en)
        for name in PAGE_FIELDS:
            setattr(english, name, HOME_TEXT["en"][name])
        english.body = home_sections("en")
        english.save_revision().publish()
        created += 1
    return created
