"""The SEO helpers on their own (core/seo.py, cms/seo.py): safe JSON in a script, times with
their offset, canonical query strings, breadcrumbs, the news article's JSON-LD."""

import datetime
import json
from types import SimpleNamespace

from django.utils import timezone

from cms import seo as cms_seo
from core import seo


def test_jsonld_script_cannot_be_closed_by_the_text_it_holds():
    html = seo.jsonld_script({"name": "</script><script>alert(1)</script> & <!--"})
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body) == {"name": "</script><script>alert(1)</script> & <!--"}
    assert seo.jsonld_script({}) == ""


def test_times_are_written_in_viet_nam_time_with_the_offset():
    moment = datetime.datetime(2026, 5, 2, 2, 0, 30, 123, tzinfo=datetime.UTC)
    assert seo.iso_datetime(moment) == "2026-05-02T09:00:30+07:00"
    assert seo.iso_datetime(None) == ""


def test_canonical_keeps_only_the_page_number():
    assert seo.clean_url("/shop/?page=2&sort=price&src=qr") == "/shop/?page=2"
    assert seo.clean_url("/shop/?page=1") == "/shop/"
    assert seo.clean_url("/en/khoi-nghiep/?q=ca+phe") == "/en/khoi-nghiep/"


def test_breadcrumbs_skip_crumbs_the_page_does_not_show(settings):
    data = seo.breadcrumb_list([("Trang chủ", "/"), ("", "/x/"), ("Cà phê", "/ca-phe/")])
    assert [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]] == [
        (1, "Trang chủ", "http://testserver/"),
        (2, "Cà phê", "http://testserver/ca-phe/"),
    ]
    assert seo.breadcrumb_list([]) == {}


def test_absolute_keeps_media_on_another_host():
    assert seo.absolute("https://media.example.vn/a.jpg") == "https://media.example.vn/a.jpg"
    assert seo.absolute("//cdn.example.vn/a.jpg") == "http://cdn.example.vn/a.jpg"
    assert seo.absolute("/media/a.jpg") == "http://testserver/media/a.jpg"


def test_news_article_has_headline_image_dates_author_and_publisher():
    published = timezone.make_aware(datetime.datetime(2026, 3, 1, 8, 0))
    page = SimpleNamespace(
        title="Chuyển đổi số ở Đắk Lắk",
        seo_title="",
        search_description="",
        summary="Thanh niên đưa sản phẩm OCOP lên sàn",
        author="Ban Tuyên giáo",
        date=datetime.date(2026, 3, 1),
        first_published_at=published,
        last_published_at=published,
        locale_id=1,
        locale=SimpleNamespace(language_code="vi"),
        get_url=lambda: "/tin-tuc/chuyen-doi-so/",
    )
    data = cms_seo.news_article(page, image_url="/media/images/anh.jpg")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Chuyển đổi số ở Đắk Lắk"
    assert data["image"] == ["http://testserver/media/images/anh.jpg"]
    assert data["datePublished"] == "2026-03-01"
    assert data["dateModified"] == "2026-03-01T08:00:00+07:00"
    assert data["author"] == {"@type": "Person", "name": "Ban Tuyên giáo"}
    assert data["publisher"]["name"] == "Chợ OCOP Thanh niên"
    assert data["publisher"]["logo"] == "http://testserver/static/img/logo.png"
    assert data["url"] == "http://testserver/tin-tuc/chuyen-doi-so/"
