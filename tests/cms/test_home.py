"""The Wagtail home page at / in Vietnamese and /en/ in English, with the shared chrome."""

import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import PageViewRestriction

from cms.models import HomePage, NewsArticlePage, NewsIndexPage
from cms.services import home_sections
from search.services import index_rebuild
from startups.models import Officer, UnionUnit
from startups.services.expos import expo_publish
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create
from tests.startups.factories import expo_create, startup_create

Category = get_model("catalogue", "Category")
pytestmark = pytest.mark.django_db


def featured_block(response):
    """The home page's block of certified products (its first product rule), as rendered."""
    return next(b for b in response.context["page"].body if b.block_type == "product_rule")


def test_home_is_a_wagtail_page_in_vietnamese(client, site_tree, product):
    index_rebuild()  # the home page's listings come from the search index
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].specific_class.__name__ == "HomePage"
    assert '<html lang="vi"' in html
    assert "Sản phẩm OCOP và khởi nghiệp thanh niên" in html
    assert "Nhóm sản phẩm OCOP" in html
    for group in Category.get_root_nodes():
        assert group.name in html
    assert product.title in html
    # the shared header: search box, basket, language switch
    assert 'action="/shop/search/"' in html and "Giỏ hàng" in html
    assert 'href="/en/"' in html


def test_home_in_english(client, site_tree, product):
    index_rebuild()
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "OCOP and youth-startup products" in html
    assert "OCOP product groups" in html and "Food" in html
    assert "₫185,000" in html
    assert 'href="/"' in html  # back to Vietnamese


def test_language_switch_keeps_the_page(client, site_tree, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="/en{product.get_absolute_url()}"' in html


def test_featured_products_leave_out_lapsed_and_uncertified(client, site_tree, seller):
    today = datetime.date.today()
    product_create(
        seller=seller,
        title="Mật ong đã hết hạn chứng nhận",
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    product_create(seller=seller, title="Chè búp chưa chứng nhận", stars=None)
    product_create(seller=seller, title="Sâm Ngọc Linh 5 sao", stars=5)
    index_rebuild()
    response = client.get("/")
    featured = featured_block(response)
    assert featured.value["heading"] == "Sản phẩm đạt chứng nhận OCOP"
    assert [p.title for p in featured.value.live] == ["Sâm Ngọc Linh 5 sao"]


def test_unknown_language_prefix_is_404_not_500(client, site_tree):
    for url in ("/fr/", "/vi-x/", "/zz/shop/basket/", "/EN/"):
        assert client.get(url).status_code == 404


def test_set_language_with_unknown_code_changes_nothing(client, site_tree):
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert response.status_code in (302, 204)
    assert client.get("/").content.decode().count('<html lang="vi"') == 1


# --- what a render of the home page costs, and what it keeps right -----------------------

CAPTURED = []
HOME_BUDGET = 10  # queries of an uncached render, whatever the number of things shown


def home_queries(client, url="/") -> tuple[int, str]:
    client.get(url)  # warm (reference data, thumbnails)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    CAPTURED[:] = ctx.captured_queries
    return len(ctx.captured_queries), response.content.decode()


def home_body_set(*extra):
    """The home page's default blocks and ``extra`` (type, value) rows, published."""
    home = HomePage.objects.get(locale__language_code="vi")
    home.body = home_sections("vi") + [
        {"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in extra
    ]
    home.save_revision().publish()


def news_add(index, n):
    for _ in range(n):
        article = NewsArticlePage(
            title=f"Thanh niên khởi nghiệp số {index.numchild + 1}",
            author="Ban Tuyên giáo",
            summary="Hợp tác xã lên sàn thương mại điện tử.",
        )
        index.add_child(instance=article)
        article.save_revision().publish()
        index.refresh_from_db()


def verified_unit():
    if not UnionUnit.objects.filter(level="province").exists():
        union_units_load()
    return UnionUnit.objects.get(level="province", province__code="66")


def test_home_costs_the_same_for_few_and_many_things_shown(client, site_tree, seller):
    products = [product_create(seller=seller, title="Sâm Ngọc Linh 0", stars=5)]
    startups = [startup_create(verified_by=verified_unit())]
    expo_create(phase="live")
    home = HomePage.objects.get(locale__language_code="vi")
    index = NewsIndexPage(title="Tin tức")
    home.add_child(instance=index)
    index.save_revision().publish()
    news_add(index, 1)
    index_rebuild()
    home_body_set(
        ("products", {"heading": "Chọn", "products": [p.pk for p in products]}),
        ("startups", {"heading": "Chọn", "startups": [s.pk for s in startups]}),
    )
    few, _ = home_queries(client)

    products += [
        product_create(seller=SellerFactory(), title=f"Sâm Ngọc Linh {i}", stars=4)
        for i in range(1, 16)
    ]
    startups += [startup_create(verified_by=verified_unit()) for _ in range(5)]
    for phase in ("live", "scheduled", "scheduled"):
        expo_create(phase=phase)
    news_add(index, 3)
    index_rebuild()
    home_body_set(  # more blocks of chosen things: read with the others
        ("products", {"heading": "Chọn", "products": [p.pk for p in products[:8]]}),
        ("products", {"heading": "Chọn thêm", "products": [p.pk for p in products[8:]]}),
        ("startups", {"heading": "Chọn", "startups": [s.pk for s in startups]}),
    )
    many, html = home_queries(client)

    assert all(p.title in html for p in products)
    assert all(s.name in html for s in startups)
    assert html.count('data-testid="expo-card"') == 3  # the block shows three
    assert html.count('data-testid="news-item"') == 3
    assert many == few, (few, many)
    assert many <= HOME_BUDGET, "\n".join(q["sql"][:120] for q in CAPTURED)


def test_english_home_costs_the_same_as_the_vietnamese_one(client, site_tree, product):
    index_rebuild()
    vietnamese, _ = home_queries(client, "/")
    english, html = home_queries(client, "/en/")
    assert '<html lang="en"' in html and "OCOP and youth-startup products" in html
    assert english == vietnamese


def test_home_behind_a_login_asks_visitors_to_log_in(client, site_tree):
    home = HomePage.objects.get(locale__language_code="vi")
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get("/en/").status_code == 200  # the English home has no restriction


def test_unpublished_english_home_shows_the_vietnamese_one_as_wagtail_does(client, site_tree):
    HomePage.objects.get(locale__language_code="en").unpublish()
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Sản phẩm OCOP và khởi nghiệp thanh niên" in response.content.decode()


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_an_announced_expo_shows_on_the_cached_home_at_once(
    client, site_tree, page_cache, django_capture_on_commit_callbacks
):
    expo = expo_create(phase="draft", title="Triển lãm nông sản Đắk Lắk")
    user = get_user_model().objects.create_user("canbo-daklak", "canbo@example.com", "x")
    officer = Officer.objects.create(user=user, unit=expo.unit)
    assert Client().get("/")["X-Page-Cache"] == "miss"
    assert Client().get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        expo_publish(officer=officer, expo=expo)
    response = Client().get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Triển lãm nông sản Đắk Lắk" in response.content.decode()


def test_home_is_not_kept_past_an_expo_opening(client, site_tree, page_cache):
    soon = timezone.now() + datetime.timedelta(minutes=5)
    expo_create(
        phase="scheduled",
        applications_close_at=soon - datetime.timedelta(days=1),
        opens_at=soon,
        closes_at=soon + datetime.timedelta(days=2),
    )
    Client().get("/")
    again = Client().get("/")
    assert again.get("X-Page-Cache") != "hit"  # rendered again: it opens meanwhile


def test_chosen_startups_keep_their_order_beside_the_rule(client, site_tree):
    unit = verified_unit()
    first = startup_create(name="Cà phê Ea Tu", verified_by=unit)
    unverified = startup_create(name="Trà Shan tuyết")
    newest = startup_create(name="Mật ong bạc hà", verified_by=unit)
    home_body_set(("startups", {"heading": "Chọn", "startups": [unverified.pk, first.pk]}))
    response = client.get("/")
    body = response.context["page"].body
    blocks_ = {b.block_type: b.value.live for b in body if b.block_type.startswith("startup")}
    assert blocks_["startups"] == [unverified, first]  # the editor's order, verified or not
    assert blocks_["startup_rule"] == [newest, first]  # verified only, newest first


def test_the_site_is_found_without_a_query_until_a_site_changes(client, site_tree):
    """The home asks the cache for the request's site (``cms.sites``); a site saved (here:
    its root moved to another page) is read again at once."""
    from wagtail.models import Site

    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/").status_code == 200
    assert not [q for q in ctx.captured_queries if '"wagtailcore_site"' in q["sql"]]

    home = HomePage.objects.get(locale__language_code="vi")
    other = HomePage(title="Trang chủ chiến dịch", slug="chien-dich")
    home.get_parent().add_child(instance=other)
    other.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    response = client.get("/")
    assert response.status_code == 200 and response.context["page"].pk == other.pk
