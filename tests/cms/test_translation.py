"""Issue 15, both languages: a page made in Vietnamese in the CMS has an English address at
once (an alias, ``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE``) that says it is not translated yet
and links the Vietnamese page; the header's language switch stays on the same page, even when
the translation has its own slug; search engines are sent to the source of an untranslated
copy (cms/translation.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def admin_client(client, site_tree):
    user = User.objects.create_superuser("bien-tap", "bt@example.com", "x")
    client.force_login(user)
    return client


def create_in_admin(client, parent, **fields):
    """The editor's way: the page is added (and published) in Wagtail's admin."""
    url = reverse("wagtailadmin_pages:add", args=("cms", "standardpage", parent.pk))
    data = {"slug": "", "intro": "", "body-count": "0", "action-publish": "action-publish"}
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return StandardPage.objects.get(locale__language_code="vi", slug=data["slug"])


def language_link(html, code):
    found = re.search(rf'<a href="([^"]+)" lang="{code}" hreflang="{code}"', html)
    return found.group(1) if found else None


def test_a_page_made_in_vietnamese_has_an_english_copy_that_says_it_is_not_translated(
    admin_client, client
):
    home = HomePage.objects.get(locale__language_code="vi")
    page = create_in_admin(
        admin_client,
        home,
        title="Hướng dẫn bán hàng trên sàn",
        slug="huong-dan-ban-hang",
        intro="Các bước để hợp tác xã đưa sản phẩm OCOP lên sàn thương mại điện tử.",
    )
    english = StandardPage.objects.get(
        locale__language_code="en", translation_key=page.translation_key
    )
    assert english.alias_of_id == page.pk and english.live

    client.logout()
    html = client.get("/en/huong-dan-ban-hang/").content.decode()
    assert 'data-testid="untranslated-notice"' in html
    assert "has not been translated into English yet" in html
    assert 'href="/huong-dan-ban-hang/"' in html  # "Read it on the Vietnamese site"
    assert '<main class="container page" id="main" tabindex="-1" lang="vi">' in html
    assert "Các bước để hợp tác xã" in html
    # search engines: the Vietnamese page is the canonical one, the copy no alternate
    assert re.search(r'<link rel="canonical" href="[^"]*/huong-dan-ban-hang/"', html)
    assert 'hreflang="en" href="http' not in html

    vietnamese = client.get("/huong-dan-ban-hang/").content.decode()
    assert 'data-testid="untranslated-notice"' not in vietnamese
    assert language_link(vietnamese, "en") == "/en/huong-dan-ban-hang/"
    assert re.search(r'<link rel="alternate" hreflang="vi"', vietnamese)
    assert not re.search(r'<link rel="alternate" hreflang="en"', vietnamese)


def test_a_translated_page_links_its_translation_even_with_another_slug(admin_client, client):
    home = HomePage.objects.get(locale__language_code="vi")
    page = create_in_admin(admin_client, home, title="Giới thiệu", slug="gioi-thieu")
    english = StandardPage.objects.get(
        locale__language_code="en", translation_key=page.translation_key
    )
    # the editor turns the copy into a page of its own and translates it
    convert = reverse("wagtailadmin_pages:convert_alias", args=[english.pk])
    assert admin_client.post(convert).status_code == 302
    english.refresh_from_db()
    assert english.alias_of_id is None
    english.title, english.slug, english.intro = "About us", "about-us", "Who we are."
    english.save_revision().publish()

    client.logout()
    vietnamese = client.get("/gioi-thieu/").content.decode()
    assert language_link(vietnamese, "en") == "/en/about-us/"
    assert re.search(r'<link rel="alternate" hreflang="en" href="[^"]*/en/about-us/"', vietnamese)
    html = client.get("/en/about-us/").content.decode()
    assert "Who we are." in html and 'data-testid="untranslated-notice"' not in html
    assert language_link(html, "vi") == "/gioi-thieu/"
    assert 'lang="vi">' not in html.split('id="main"')[1][:40]


def test_a_page_only_in_english_says_so_in_vietnamese(admin_client, client):
    english_home = HomePage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=("cms", "standardpage", english_home.pk))
    data = {
        "title": "Partners",
        "slug": "partners",
        "intro": "Our partners abroad.",
        "body-count": "0",
        "action-publish": "action-publish",
    }
    assert admin_client.post(url, data).status_code == 302
    client.logout()
    html = client.get("/partners/").content.decode()
    assert "chưa được dịch sang tiếng Việt" in html
    assert 'href="/en/partners/"' in html and "Our partners abroad." in html
    assert 'id="main" tabindex="-1" lang="en"' in html


def test_an_unpublished_translation_falls_back_to_the_prefixed_address(site_tree, client):
    """A page created in code (no alias made) still gets a link: its address in the other
    language's prefix."""
    home = HomePage.objects.get(locale__language_code="vi")
    page = StandardPage(title="Liên hệ", slug="lien-he")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/lien-he/").content.decode()
    assert language_link(html, "en") == "/en/lien-he/"
    assert Locale.objects.filter(language_code="en").exists()


def test_editors_may_translate_pages(site_tree):
    from cms import publishing
    from startups.models import UnionUnit
    from startups.services.union import union_units_load

    union_units_load()
    unit = UnionUnit.objects.get(level="province", province__code="66")
    publishing.editors_setup([unit])
    editor = User.objects.create_user("bt-dl", "btdl@example.com", "x")
    editor.groups.add(publishing.editor_group_of(unit))
    assert editor.has_perm("simple_translation.submit_translation")
