"""The site settings edited in the CMS (contact, social networks, logo, menu, footer columns)
as the header and footer show them in Vietnamese and English; the defaults without them; the
admin form refusing bad links; cached pages following a save; and the redirect Wagtail makes
when a page's address changes."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Locale, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.models import MainMenuItem, NewsIndexPage, SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def home(language="vi"):
    return Site.objects.get(is_default_site=True).root_page.specific.get_translation(
        Locale.objects.get(language_code=language)
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, *, title, slug):
    """The English translation of ``page``, published."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = title, slug
    english.save_revision().publish()
    return english


def logo_image():
    from PIL import Image as PILImage

    data = io.BytesIO()
    PILImage.new("RGB", (300, 120), (200, 30, 40)).save(data, format="PNG")
    return get_image_model().objects.create(
        title="Huy hiệu Đoàn", file=ImageFile(io.BytesIO(data.getvalue()), name="logo.png")
    )


def column(heading, links, heading_en=""):
    return {
        "type": "column",
        "value": {
            "heading": heading,
            "heading_en": heading_en,
            "links": [{"type": "item", "value": link} for link in links],
        },
    }


def link(label, *, page=None, url="", label_en=""):
    return {"label": label, "label_en": label_en, "page": page.pk if page else None, "url": url}


def settings_save(**fields):
    menu = fields.pop("menu", [])
    row = SiteSettings(site=Site.objects.get(is_default_site=True), **fields)
    row.save()
    for position, item in enumerate(menu):
        MainMenuItem.objects.create(setting=row, sort_order=position, **item)
    return row


@pytest.fixture
def news(site_tree):
    vi = publish(home(), NewsIndexPage(title="Tin tức", slug="tin-tuc"))
    translate(vi, title="News", slug="news")
    return vi


@pytest.fixture
def full_settings(news):
    about = publish(home(), StandardPage(title="Giới thiệu", slug="gioi-thieu"))  # no English
    return settings_save(
        organisation_name="Trung ương Đoàn TNCS Hồ Chí Minh",
        organisation_name_en="Ho Chi Minh Communist Youth Union",
        address="62 Bà Triệu, phường Cửa Nam, Hà Nội",
        phone="024 3943 0000",
        email="lienhe@example.vn",
        facebook="https://www.facebook.com/choocopthanhnien",
        zalo="https://zalo.me/choocopthanhnien",
        youtube="https://www.youtube.com/@choocopthanhnien",
        tiktok="",
        logo=logo_image(),
        logo_alt="Huy hiệu Đoàn TNCS Hồ Chí Minh",
        logo_alt_en="Emblem of the Ho Chi Minh Communist Youth Union",
        footer_columns=[
            column(
                "Về chúng tôi",
                [
                    link("Giới thiệu", page=about, label_en="About us"),
                    link("Tin tức", page=news, label_en="News"),
                ],
                heading_en="About",
            ),
            column(
                "Hỗ trợ",
                [
                    link("Hỏi đáp", url="https://hotro.example.vn/hoi-dap"),
                    link("Đăng ký bán hàng", url="/sell/apply/", label_en="Sell with us"),
                ],
            ),
        ],
        menu=[
            {"label": "Tin tức", "label_en": "News", "link_page": news},
            {"label": "Giới thiệu", "link_page": about},
            {
                "label": "Cổng Đoàn",
                "label_en": "Union portal",
                "link_url": "https://doan.example.vn/",
            },
        ],
    )


def header_nav(html):
    return re.search(r'<ul class="site-nav__list">(.*?)</ul>', html, re.S).group(1)


def footer(html):
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def header(html):
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


# --- what visitors see ----------------------------------------------------------------------


def test_settings_show_in_the_header_and_footer_in_vietnamese(client, full_settings):
    html = client.get("/").content.decode()
    nav = header_nav(html)
    items = re.findall(r'<a href="([^"]*)"[^>]*data-testid="nav-item">([^<]*)</a>', nav)
    assert items == [
        ("/tin-tuc/", "Tin tức"),
        ("/gioi-thieu/", "Giới thiệu"),
        ("https://doan.example.vn/", "Cổng Đoàn"),
    ]
    assert nav.index('data-testid="nav-expos"') < nav.index('data-testid="nav-item"')  # after
    assert "Tất cả sản phẩm" in nav  # the marketplace's own items stay
    logo = full_settings.logo.get_rendition("max-240x96")
    assert f'<img class="site-brand__logo" src="{logo.url}"' in header(html)
    assert 'alt="Huy hiệu Đoàn TNCS Hồ Chí Minh"' in header(html)

    bottom = footer(html)
    assert f'src="{logo.url}"' in bottom and 'alt="Huy hiệu Đoàn TNCS Hồ Chí Minh"' in bottom
    assert "<strong>Trung ương Đoàn TNCS Hồ Chí Minh</strong>" in bottom
    assert "62 Bà Triệu, phường Cửa Nam, Hà Nội" in bottom
    assert '<a href="tel:02439430000">024 3943 0000</a>' in bottom
    assert '<a href="mailto:lienhe@example.vn">lienhe@example.vn</a>' in bottom
    social = re.search(r'<ul class="site-footer__social[^>]*>(.*?)</ul>', bottom, re.S)
    assert re.search(r'class="site-footer__social list-unstyled" aria-label="[^"]+"', bottom)
    assert re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', social.group(1)) == [
        ("https://www.facebook.com/choocopthanhnien", "Facebook"),
        ("https://zalo.me/choocopthanhnien", "Zalo"),
        ("https://www.youtube.com/@choocopthanhnien", "YouTube"),
    ]  # TikTok left empty: not shown
    assert "Về chúng tôi" in bottom and '<a href="/gioi-thieu/">Giới thiệu</a>' in bottom
    assert '<a href="https://hotro.example.vn/hoi-dap">Hỏi đáp</a>' in bottom
    assert '<a href="/sell/apply/">Đăng ký bán hàng</a>' in bottom
    assert "Thanh toán" in bottom and "Mua sắm" in bottom  # the built-in columns stay


def test_english_pages_show_english_labels_and_english_pages(client, full_settings):
    html = client.get("/en/").content.decode()
    nav = header_nav(html)
    assert '<a href="/en/news/" data-testid="nav-item">News</a>' in nav  # the translation
    # No English label, no English page: the Vietnamese ones, marked as Vietnamese.
    assert '<a href="/gioi-thieu/" lang="vi" data-testid="nav-item">Giới thiệu</a>' in nav
    assert '<a href="https://doan.example.vn/" data-testid="nav-item">Union portal</a>' in nav
    bottom = footer(html)
    assert "<strong>Ho Chi Minh Communist Youth Union</strong>" in bottom
    assert '<span lang="vi">62 Bà Triệu' in bottom
    assert 'aria-label="Our social networks"' in bottom
    assert '<p class="site-footer__heading">About</p>' in bottom
    assert '<a href="/en/news/">News</a>' in bottom
    assert '<a href="/gioi-thieu/">About us</a>' in bottom  # English label, Vietnamese page
    assert '<p class="site-footer__heading" lang="vi">Hỗ trợ</p>' in bottom
    assert '<a href="https://hotro.example.vn/hoi-dap" lang="vi">Hỏi đáp</a>' in bottom
    assert '<a href="/en/sell/apply/">Sell with us</a>' in bottom  # the view's English address
    assert 'alt="Emblem of the Ho Chi Minh Communist Youth Union">' in header(html)


def test_an_unpublished_page_leaves_the_menu(client, full_settings, news):
    news.get_translation(Locale.objects.get(language_code="en")).unpublish()
    assert '<a href="/en/news/"' not in client.get("/en/").content.decode()
    assert "/tin-tuc/" in header_nav(client.get("/en/").content.decode())  # the Vietnamese one
    news.unpublish()
    html = client.get("/").content.decode()
    assert "/tin-tuc/" not in header_nav(html) and "/tin-tuc/" not in footer(html)
    assert "Giới thiệu" in header_nav(html)


def test_without_settings_the_header_and_footer_are_as_before(client, site_tree):
    before = client.get("/").content.decode()
    assert 'data-testid="nav-item"' not in before
    assert '<span class="site-brand__mark" aria-hidden="true">★</span>' in header(before)
    bottom = footer(before)
    assert 'data-testid="footer-contact"' not in bottom and "site-footer__social" not in bottom
    assert '<div class="col-md-6">' in bottom and bottom.count('<div class="col-md-3">') == 2
    assert "Thanh toán khi nhận hàng trên toàn quốc." in bottom
    # An editor who opened the settings and saved them empty changes nothing either.
    settings_save()
    after = Client().get("/").content.decode()
    assert header(after) == header(before) and footer(after) == footer(before)
    assert SiteSettings.objects.count() == 1
    english = Client().get("/en/").content.decode()
    assert "Prices in Vietnamese đồng (VND), taxes included." in footer(english)


def test_reading_the_settings_never_creates_them(client, site_tree):
    client.get("/")
    client.get("/shop/basket/")
    assert not SiteSettings.objects.exists()


def test_a_site_without_settings_pays_no_query_for_them(client, news, no_page_cache):
    def settings_queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return [q for q in ctx.captured_queries if "cms_sitesettings" in q["sql"]]

    assert len(settings_queries("/")) == 1
    assert settings_queries("/") == [] and settings_queries("/shop/basket/") == []
    settings_save(menu=[{"label": "Tin tức", "link_page": news}])  # not yet committed
    assert len(settings_queries("/shop/basket/")) == 1
    assert 'href="/tin-tuc/" data-testid="nav-item"' in client.get("/").content.decode()


def test_header_and_footer_cost_the_same_for_one_menu_item_as_for_many(client, news, no_page_cache):
    row = settings_save(menu=[{"label": "Tin tức", "link_page": news}])

    def count():
        client.get("/")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    pages = [publish(home(), StandardPage(title=f"Trang {i}", slug=f"trang-{i}")) for i in range(5)]
    for position, page in enumerate(pages, start=1):
        MainMenuItem.objects.create(
            setting=row, sort_order=position, label=page.title, link_page=page
        )
        translate(page, title=f"Page {position}", slug=f"page-{position}")
    MainMenuItem.objects.create(setting=row, sort_order=9, label="Cổng", link_url="/shop/")
    row.footer_columns = [column("Trang", [link(p.title, page=p) for p in pages])]
    row.save()
    many = count()
    assert header_nav(client.get("/").content.decode()).count('data-testid="nav-item"') == 7
    assert many == few, (few, many)


# --- the editor's form ----------------------------------------------------------------------


def form_data(**changes):
    data = {
        "organisation_name": "Trung ương Đoàn",
        "organisation_name_en": "",
        "address": "",
        "phone": "",
        "email": "",
        "facebook": "",
        "zalo": "",
        "youtube": "",
        "tiktok": "",
        "logo": "",
        "logo_alt": "",
        "menu_items": inline_formset([]),
        "footer_columns": {"count": "0"},
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def editor(client, site_tree, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("quantri", "qt@example.vn", "x"))
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])


def errors_of(response) -> dict:
    """The form's errors by field (the menu's as "menu_items-<n>-<field>"), as shown."""
    form = response.context["form"]
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    for n, item in enumerate(form.formsets["menu_items"].forms):
        errors.update({f"menu_items-{n}-{k}": [str(m) for m in v] for k, v in item.errors.items()})
    return errors


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("facebook", "https://facebook.com.evil.vn/trang", "Địa chỉ này không thuộc Facebook"),
        ("zalo", "http://zalo.me/choocop", "https://"),
        ("youtube", "không phải địa chỉ", "URL hợp lệ"),
    ],
)
def test_a_bad_social_link_is_refused_and_nothing_saved(client, editor, field, value, message):
    response = client.post(editor, form_data(**{field: value}))
    assert response.status_code == 200  # the form again, not a 500 or a redirect
    assert message in " ".join(errors_of(response).get(field, [])), errors_of(response)
    assert not SiteSettings.objects.filter(organisation_name="Trung ương Đoàn").exists()


@pytest.mark.parametrize(
    "item",
    [
        {"label": "Mã độc", "link_url": "javascript:alert(1)"},
        {"label": "Ngoài", "link_url": "//evil.example/"},
        {"label": "Trống"},  # neither a page nor an address
    ],
)
def test_a_bad_menu_item_is_refused_and_nothing_saved(client, editor, item):
    response = client.post(editor, form_data(menu_items=inline_formset([item])))
    assert response.status_code == 200
    errors = errors_of(response)
    assert set(errors) & {"menu_items-0-link_url", "menu_items-0-link_page"}, errors
    assert not SiteSettings.objects.filter(organisation_name="Trung ương Đoàn").exists()
    assert not MainMenuItem.objects.exists()


def test_the_editor_saves_contact_links_and_menu(client, editor):
    response = client.post(
        editor,
        form_data(
            facebook="https://www.facebook.com/choocop",
            phone="024 3943 0000",
            menu_items=inline_formset([{"label": "Hỏi đáp", "link_url": "/hoi-dap/"}]),
        ),
    )
    assert response.status_code == 302, errors_of(response)
    row = SiteSettings.objects.get()
    assert row.facebook == "https://www.facebook.com/choocop"
    assert list(row.menu_items.values_list("label", "link_url")) == [("Hỏi đáp", "/hoi-dap/")]


def test_a_logo_needs_its_alternative_text(client, editor):
    response = client.post(editor, form_data(logo=str(logo_image().pk)))
    assert response.status_code == 200
    assert "logo_alt" in errors_of(response), errors_of(response)
    # (Wagtail's edit view makes an empty row for the site when it opens; nothing is written.)
    assert not SiteSettings.objects.exclude(logo=None).exists()
    assert not SiteSettings.objects.filter(organisation_name="Trung ương Đoàn").exists()


# --- the page cache -------------------------------------------------------------------------


def test_saving_the_settings_refreshes_cached_pages(
    settings, news, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    visitor = Client()
    assert visitor.get("/")["X-Page-Cache"] == "miss"
    assert visitor.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        row = settings_save(phone="024 3943 0000")
    html = visitor.get("/").content.decode()
    assert "024 3943 0000" in footer(html)
    with django_capture_on_commit_callbacks(execute=True):
        MainMenuItem.objects.create(setting=row, label="Tin tức", link_page=news)
    assert '<a href="/tin-tuc/" data-testid="nav-item">' in visitor.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        row.phone = "1900 0000"
        row.save()
    response = visitor.get("/")
    assert response["X-Page-Cache"] == "miss" and "1900 0000" in response.content.decode()


# --- redirects ------------------------------------------------------------------------------


def test_a_renamed_page_redirects_its_old_address_in_both_languages(
    client, site_tree, django_capture_on_commit_callbacks
):
    vi = publish(home(), StandardPage(title="Giới thiệu", slug="gioi-thieu"))
    en = translate(vi, title="About", slug="about")
    for page, slug in ((vi, "ve-chung-toi"), (en, "about-us")):
        with django_capture_on_commit_callbacks(execute=True):  # the redirect is made on commit
            page.slug = slug
            page.save_revision().publish()
    for old, new in (("/gioi-thieu/", "/ve-chung-toi/"), ("/en/about/", "/en/about-us/")):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200


def footer_form(url):
    column = {
        "type": "column",
        "deleted": "",
        "order": "0",
        "id": "",
        "value": {
            "heading": "Hỗ trợ",
            "heading_en": "",
            "links": {
                "count": "1",
                "0": {
                    "deleted": "",
                    "order": "0",
                    "id": "",
                    "value": {"label": "Hỏi đáp", "label_en": "", "page": "", "url": url},
                },
            },
        },
    }
    return {"count": "1", "0": column}


def test_a_footer_link_must_be_a_page_or_a_safe_address(client, editor):
    response = client.post(editor, form_data(footer_columns=footer_form("javascript:alert(1)")))
    assert response.status_code == 200 and "footer_columns" in errors_of(response)
    assert not SiteSettings.objects.exclude(footer_columns=[]).exists()
    response = client.post(editor, form_data(footer_columns=footer_form("/hoi-dap/")))
    assert response.status_code == 302, errors_of(response)
    html = Client().get("/").content.decode()
    assert '<a href="/hoi-dap/">Hỏi đáp</a>' in footer(html)
