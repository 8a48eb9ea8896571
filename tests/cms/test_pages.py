"""The page types: where each may be created, what it shows, and the home page's migration."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.models import (
    CampaignPage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    ProvinceSectionPage,
    StandardPage,
)
from startups.models import UnionUnit
from startups.services.union import union_units_load

pytestmark = pytest.mark.django_db

ALL = [HomePage, StandardPage, CampaignPage, NewsIndexPage, NewsArticlePage, ProvinceSectionPage]
# parent type -> the page types that may be created under it
TREE = {
    HomePage: {StandardPage, CampaignPage, NewsIndexPage, ProvinceSectionPage},
    StandardPage: {StandardPage},
    CampaignPage: set(),
    NewsIndexPage: {NewsArticlePage},
    NewsArticlePage: set(),
    ProvinceSectionPage: {StandardPage, CampaignPage, NewsIndexPage},
}


def home():
    return HomePage.objects.get(locale__language_code="vi")


def province_unit(code="66"):
    if not UnionUnit.objects.filter(level="province").exists():
        union_units_load()
    return UnionUnit.objects.get(level="province", province__code=code)


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def article(index, title="Thanh niên Đắk Lắk chuyển đổi số", **fields):
    fields.setdefault("author", "Ban Tuyên giáo")
    fields.setdefault("summary", "Hợp tác xã lên sàn thương mại điện tử.")
    return add(index, NewsArticlePage(title=title, **fields))


def test_allowed_subpages_of_every_page_type(site_tree):
    for parent, children in TREE.items():
        assert set(parent.allowed_subpage_models()) == children, parent.__name__


def test_can_create_at_follows_the_tree(site_tree):
    root = home()
    index = add(root, NewsIndexPage(title="Tin tức"))
    section = add(root, ProvinceSectionPage(title="Đắk Lắk", unit=province_unit()))
    standard = add(root, StandardPage(title="Giới thiệu"))
    campaign = add(root, CampaignPage(title="Tuần lễ OCOP"))
    news = article(index)
    instances = {
        HomePage: root,
        StandardPage: standard,
        CampaignPage: campaign,
        NewsIndexPage: index,
        NewsArticlePage: news,
        ProvinceSectionPage: section,
    }
    for parent_type, parent in instances.items():
        for child in ALL:
            if child is NewsIndexPage and parent_type in (HomePage, ProvinceSectionPage):
                # at most one news index per parent: these parents already have theirs
                expected = parent_type is ProvinceSectionPage
            else:
                expected = child in TREE[parent_type]
            assert child.can_create_at(parent) is expected, (child.__name__, parent_type.__name__)
    # the home page only at the top of the tree, once
    assert HomePage.can_create_at(Page.get_first_root_node()) is False  # there is one already
    assert not any(model.can_create_at(Page.get_first_root_node()) for model in ALL[1:])


def test_home_keeps_its_address_and_gets_its_sections(site_tree):
    site = Site.objects.get(is_default_site=True)
    page = site.root_page.specific
    assert isinstance(page, HomePage) and page.slug == "trang-chu"
    kinds = [block.block_type for block in page.body]
    assert kinds == ["groups", "product_rule", "expos", "product_rule", "startup_rule", "news"]
    english = HomePage.objects.get(locale__language_code="en")
    assert english.translation_key == page.translation_key
    assert english.body[1].value["heading"] == "Certified OCOP products"
    assert page.body[1].value["heading"] == "Sản phẩm đạt chứng nhận OCOP"


def test_migration_turns_the_old_home_into_blocks(site_tree):
    """The data step of 0002 on a home page as 0001 left it: its own count of certified
    products and its rich text kept, in the page and in its revisions."""
    migration = importlib.import_module("cms.migrations.0002_page_types")
    stream = migration._sections("vi", 12, "<p>Chào mừng</p>")
    assert [row["type"] for row in stream] == [
        "groups",
        "product_rule",
        "expos",
        "product_rule",
        "startup_rule",
        "news",
        "text",
    ]
    assert stream[1]["value"]["count"] == 12 and stream[-1]["value"] == "<p>Chào mừng</p>"
    # what it writes is read back by the current blocks
    page = home()
    page.body = stream
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.body[1].value["count"] == 12
    assert "Chào mừng" in str(page.body[-1].value)
    assert migration._sections("en", None, "")[0]["value"]["heading"] == "OCOP product groups"
    assert django_apps.get_model("cms", "HomePage") is HomePage


def test_province_section_takes_a_province_unit_once_per_language(site_tree):
    unit = province_unit()
    add(home(), ProvinceSectionPage(title="Đắk Lắk", unit=unit))
    again = ProvinceSectionPage(title="Đắk Lắk 2", unit=unit, locale=home().locale)
    with pytest.raises(ValidationError) as error:
        again.clean()
    assert "unit" in error.value.message_dict
    central = UnionUnit.objects.filter(level="central").first()
    wrong = ProvinceSectionPage(title="Trung ương", unit=central, locale=home().locale)
    with pytest.raises(ValidationError) as error:
        wrong.clean()
    assert "unit" in error.value.message_dict


def test_news_article_needs_alt_text_for_its_picture(site_tree):
    from tests.cms.test_blocks import wagtail_image

    page = NewsArticlePage(
        title="Tin", author="A", summary="B", hero_image=wagtail_image(), locale=home().locale
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "hero_alt" in error.value.message_dict


def test_news_index_and_article_pages(client, site_tree):
    index = add(home(), NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    old = article(index, title="Tin cũ", date=datetime.date(2026, 1, 5))
    new = article(index, title="Tin mới", date=datetime.date(2026, 11, 5))
    new.tags.add("chuyển đổi số")
    new.save_revision().publish()
    draft = NewsArticlePage(title="Bản nháp", author="A", summary="B")
    index.add_child(instance=draft)
    draft.unpublish()
    html = client.get("/tin-tuc/").content.decode()
    assert html.index("Tin mới") < html.index("Tin cũ")
    assert "Bản nháp" not in html
    response = client.get(new.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ban Tuyên giáo" in body and "chuyển đổi số" in body
    assert client.get(old.url).status_code == 200


def test_home_shows_the_latest_news(client, site_tree):
    index = add(home(), NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    article(index, title="Đoàn viên bán hàng trực tuyến")
    html = client.get("/").content.decode()
    assert "Đoàn viên bán hàng trực tuyến" in html and "Tin tức" in html


def test_english_home_shows_english_news_only(client, site_tree):
    index = add(home(), NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    article(index, title="Chỉ có tiếng Việt")
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    assert "Chỉ có tiếng Việt" not in html
    english_index = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    english = NewsArticlePage(
        title="Youth go digital", author="Press office", summary="Cooperatives sell online."
    )
    english_index.add_child(instance=english)
    english.save_revision().publish()
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    assert "Youth go digital" in html


def test_view_restrictions_still_apply(client, site_tree):
    """Our one-query lookup of view restrictions keeps Wagtail's rule: a private section
    hides its pages."""
    root = home()
    section = add(root, StandardPage(title="Nội bộ", slug="noi-bo"))
    child = add(section, StandardPage(title="Tài liệu", slug="tai-lieu"))
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Cán bộ"))
    assert list(child.get_view_restrictions()) == [restriction]
    assert list(root.get_view_restrictions()) == []
    assert client.get("/noi-bo/tai-lieu/").status_code == 302  # to the login page


def test_a_renamed_page_keeps_its_old_address_as_a_redirect(
    client, site_tree, django_capture_on_commit_callbacks
):
    """An editor changes a published page's slug: Wagtail's redirects app keeps the old
    address (and its children's) pointing at the new one, permanently. (An English alias
    keeps its own slug, as Wagtail's aliases do: its address does not change.)"""
    root = home()
    page = add(root, StandardPage(title="Tuần lễ OCOP", slug="tuan-le-ocop"))
    add(page, StandardPage(title="Chương trình", slug="chuong-trinh"))
    assert client.get("/tuan-le-ocop/").status_code == 200

    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "tuan-le-ocop-2026"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes them on commit
        page.save_revision().publish()

    response = client.get("/tuan-le-ocop/")
    assert response.status_code == 301 and response["Location"].endswith("/tuan-le-ocop-2026/")
    child = client.get("/tuan-le-ocop/chuong-trinh/")
    assert child.status_code == 301
    assert child["Location"].endswith("/tuan-le-ocop-2026/chuong-trinh/")
    assert client.get("/tuan-le-ocop-2026/").status_code == 200
