import pytest
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db


def test_sitemap_lists_only_what_buyers_may_see(client, site_tree, seller, product):
    draft = product_create(seller=seller, title="Bản nháp")
    Product.objects.filter(pk=draft.pk).update(moderation_status="submitted")
    suspended = SellerFactory(name="HTX tạm ngừng", code="htx-tam-ngung", status="suspended")
    hidden = product_create(seller=suspended, title="Hàng của người bán bị tạm ngừng")
    response = client.get("/sitemap-products.xml")
    xml = response.content.decode() + client.get("/sitemap-sellers.xml").content.decode()
    assert response.status_code == 200
    assert product.get_absolute_url() in xml
    assert f"/en{product.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml and hidden.get_absolute_url() not in xml
    assert seller.get_absolute_url() in xml and "htx-tam-ngung" not in xml


def test_unapproved_product_cannot_be_added_to_the_basket(client, site_tree, seller):
    from django.urls import reverse

    Line = get_model("basket", "Line")
    draft = product_create(seller=seller, title="Bản nháp")
    Product.objects.filter(pk=draft.pk).update(moderation_status="draft")
    client.post(reverse("basket:add", kwargs={"pk": draft.pk}), {"quantity": 1})
    assert Line.objects.count() == 0
    suspended = SellerFactory(status="suspended")
    other = product_create(seller=suspended, title="Hàng bị tạm ngừng")
    client.post(reverse("basket:add", kwargs={"pk": other.pk}), {"quantity": 1})
    assert Line.objects.count() == 0
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(suspended.get_absolute_url()).status_code == 404


# --- issue 15: the index, every section in both languages with lastmod ----------------------

from django.utils import timezone  # noqa: E402

SITE = "http://testserver"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def _urls(client, section) -> dict:
    """{address: (lastmod, {hreflang: address})} of one section of the sitemap."""
    import xml.etree.ElementTree as ET

    response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    found = {}
    for url in root.findall("sm:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
        lastmod = url.findtext("sm:lastmod", default="", namespaces=NS)
        found[url.findtext("sm:loc", namespaces=NS)] = (lastmod, alternates)
    return found


def _assert_bilingual(urls: dict, vi_path: str, en_path: str, lastmod) -> None:
    vi, en = SITE + vi_path, SITE + en_path
    assert vi in urls and en in urls, (vi, en, sorted(urls))
    for loc in (vi, en):
        modified, alternates = urls[loc]
        assert modified == timezone.localdate(lastmod).isoformat()
        assert alternates == {"vi": vi, "en": en, "x-default": vi}


def test_sitemap_index_names_every_section_with_its_lastmod(client, site_tree, product):
    import xml.etree.ElementTree as ET

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    sections = {
        s.findtext("sm:loc", namespaces=NS): s.findtext("sm:lastmod", namespaces=NS)
        for s in root.findall("sm:sitemap", NS)
    }
    for name in ("pages", "products", "categories", "sellers", "startups", "pitches", "expos"):
        assert f"{SITE}/sitemap-{name}.xml" in sections
    assert sections[f"{SITE}/sitemap-products.xml"]  # the newest product change


def test_sitemap_lists_products_in_both_languages_with_lastmod(client, site_tree, product):
    from django.utils import translation

    with translation.override("en"):
        en = product.get_absolute_url()
    product.refresh_from_db()
    _assert_bilingual(
        _urls(client, "products"), product.get_absolute_url(), en, product.date_updated
    )


def test_sitemap_lists_live_wagtail_pages_of_both_locales_not_drafts(client, site_tree):
    from wagtail.models import Page

    home_vi = Page.objects.get(depth=2, locale__language_code="vi")
    home_en = Page.objects.get(depth=2, locale__language_code="en")
    urls = _urls(client, "pages")
    assert urls[SITE + "/"][1] == {"vi": SITE + "/", "en": SITE + "/en/", "x-default": SITE + "/"}
    assert SITE + "/en/" in urls
    assert urls[SITE + "/"][0] == timezone.localdate(home_vi.last_published_at).isoformat()
    draft = home_vi.add_child(instance=Page(title="Bản nháp", slug="ban-nhap", live=False))
    assert draft.pk and home_en.pk
    assert not any("ban-nhap" in loc for loc in _urls_fresh(client, "pages"))


def _urls_fresh(client, section):
    from django.core.cache import cache

    cache.clear()  # the sitemap is cached for an hour
    return _urls(client, section)


def test_sitemap_lists_public_startups_pitches_and_announced_expos_only(client, site_tree):
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import translation

    from startups.models import Officer, UnionUnit
    from tests.startups.factories import expo_create, pitch_create, startup_create

    shown = startup_create(name="Cà phê Ea Tu")  # loads the union units
    unit = UnionUnit.objects.get(level="province", province__code="66")
    officer = Officer.objects.create(
        user=get_user_model().objects.create_user("cb-sitemap", "cb@example.com", "x"), unit=unit
    )
    hidden = startup_create(name="Chưa công bố", published=False)
    approved = pitch_create(startup=shown, approved_by=officer)
    waiting = pitch_create(startup=shown, title="Bản nháp gọi vốn", slug="ban-nhap-goi-von")
    hidden_pitch = pitch_create(startup=hidden, approved_by=officer, slug="cua-startup-an")
    expo = expo_create(phase="live")
    draft_expo = expo_create(phase="draft", slug="trien-lam-nhap")

    def both(name, **kwargs):
        with translation.override("en"):
            en = reverse(name, kwargs=kwargs)
        return reverse(name, kwargs=kwargs), en

    startups = _urls(client, "startups")
    shown.refresh_from_db()
    _assert_bilingual(startups, *both("startups:startup-detail", slug=shown.slug), shown.updated)
    assert not any(hidden.slug in loc for loc in startups)

    pitches = _urls(client, "pitches")
    _assert_bilingual(
        pitches,
        *both("startups:pitch-detail", slug=shown.slug, pitch_slug=approved.slug),
        approved.published_version.approved_at,
    )
    assert not any(waiting.slug in loc or hidden_pitch.slug in loc for loc in pitches)

    expos = _urls(client, "expos")
    expo.refresh_from_db()
    _assert_bilingual(expos, *both("startups:expo-lobby", slug=expo.slug), expo.updated)
    assert not any(draft_expo.slug in loc for loc in expos)


def test_pages_section_costs_the_same_queries_for_few_and_many_pages(client, site_tree):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    home = Page.objects.get(depth=2, locale__language_code="vi")

    def count():
        cache.clear()
        client.get("/sitemap-pages.xml")  # warm: site root paths
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/sitemap-pages.xml").status_code == 200
        return len(ctx.captured_queries)

    home.add_child(instance=Page(title="Giới thiệu", slug="gioi-thieu"))
    few = count()
    for i in range(5):
        home.add_child(instance=Page(title=f"Trang {i}", slug=f"trang-{i}"))
    assert count() == few
    assert "/trang-4/" in client.get("/sitemap-pages.xml").content.decode()
