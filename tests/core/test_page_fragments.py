"""What a page that misses the cache still gets from it (``PAGE_CACHE_PAGES=False``: every
page rendered, the fragments cached, as for a page whose own content just changed): product
cards without reading their products, and the header's brand and navigation and the footer
rendered once per language until the site changes. Each stays true after a change."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from oscar.core.loading import get_model

from core import pagecache
from search.services import index_rebuild
from tests.catalog.factories import product_create

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def fragments_only(page_cache, settings):
    settings.PAGE_CACHE_PAGES = False


@pytest.fixture
def tea(coffee, seller, committed):
    with committed():
        product = product_create(
            seller=seller, title="Chè Shan tuyết Hà Giang 100g", group="1.2", price=90000
        )
        index_rebuild()
    return product


def food_url(language="vi"):
    with translation.override(language):
        return Category.objects.get(ocop_code="1").get_absolute_url()


def visit(url):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return response, response.content.decode(), [q["sql"] for q in queries]


def stock_reads(sql: list[str]) -> list[str]:
    """The statements that read products' stock records, as a card needs them."""
    return [s for s in sql if s.startswith('SELECT "partner_stockrecord"."id"')]


def reads_products(sql: list[str]) -> bool:
    return bool(stock_reads(sql))


def test_pages_are_rendered_every_time_while_the_fragments_are_kept(
    fragments_only, coffee, tea, card_renders
):
    first, html, sql = visit(food_url())
    assert card_renders(first) == 2 and reads_products(sql)
    again, html, sql = visit(food_url())
    assert "X-Page-Cache" not in again  # rendered, not served
    assert card_renders(again) == 0 and not reads_products(sql)
    assert "Cà phê Robusta" in html and f"90.000{NBSP}₫" in html


def test_a_changed_product_alone_is_read_and_drawn_again(
    fragments_only, coffee, tea, committed, card_renders
):
    card_renders(visit(food_url()))
    record = tea.stockrecords.get()
    with committed():
        record.price = 95000
        record.save()
    response, html, sql = visit(food_url())
    assert card_renders(response) == 1
    assert f"95.000{NBSP}₫" in html and f"185.000{NBSP}₫" in html
    reads = stock_reads(sql)
    assert len(reads) == 1 and f"IN ({tea.pk})" in reads[0]


def test_a_withdrawn_product_leaves_even_with_its_card_kept(fragments_only, coffee, tea):
    """Written around every invalidation (no token replaced, the index not updated), a
    product taken off sale is still not shown: the listing checks which ids are public."""
    visit(food_url())
    Product.objects.filter(pk=tea.pk).update(is_public=False)
    _, html, _ = visit(food_url())
    assert "Cà phê Robusta" in html and "Chè Shan tuyết" not in html


def test_the_product_and_seller_pages_draw_their_cards_from_the_cache(
    fragments_only, coffee, tea, seller, card_renders
):
    for url in (coffee.get_absolute_url(), seller.get_absolute_url()):
        card_renders(visit(url))
        again, html, sql = visit(url)
        assert card_renders(again) == 0, url
        assert "Chè Shan tuyết" in html, url  # a card of the seller's other product
        if url == seller.get_absolute_url():
            assert not reads_products(sql)


def test_the_navigation_is_rendered_once_and_shows_a_renamed_group_at_once(
    fragments_only, coffee, committed, monkeypatch
):
    from catalog import selectors

    reads = []
    real = selectors.product_groups
    monkeypatch.setattr(selectors, "product_groups", lambda: reads.append(1) or real())
    _, html, _ = visit(food_url())
    food = Category.objects.get(ocop_code="1")
    assert food.name in html and len(reads) == 1
    _, html, _ = visit("/shop/search/?q=ca+phe")
    assert food.name in html and len(reads) == 1  # the groups and the menu from the cache
    with committed():
        food.name = "Thực phẩm sạch"
        food.save()
    _, html, _ = visit("/shop/search/?q=ca+phe")
    assert "Thực phẩm sạch" in html and len(reads) == 2


def test_each_language_has_its_own_navigation_and_footer(fragments_only, coffee):
    food = Category.objects.get(ocop_code="1")
    assert food.name_en and food.name_en != food.name
    for _ in range(2):  # rendered, then from the cache
        _, vi, _ = visit(food_url())
        _, en, _ = visit(food_url("en"))
        assert f">{food.name}</a></li>" in vi and f">{food.name_en}</a></li>" not in vi
        assert f">{food.name_en}</a></li>" in en
        assert "Prices in Vietnamese đồng (VND), taxes included." in en
        assert "Prices in Vietnamese đồng (VND), taxes included." not in vi


def test_site_fragments_are_rendered_every_time_with_the_cache_off(settings, coffee):
    settings.PAGE_CACHE_SECONDS = 0
    made = []
    for _ in range(2):
        assert pagecache.site_cached("test", lambda: made.append(1) or "x") == "x"
    assert len(made) == 2


# --- startup cards of the directory -------------------------------------------------------


@pytest.fixture
def startup_card_renders(monkeypatch):
    """The startups whose directory cards were drawn since the last look."""
    from startups.templatetags import startup_cards

    drawn = []
    real = startup_cards.startup_card_html
    monkeypatch.setattr(
        startup_cards, "startup_card_html", lambda s: drawn.append(s.name) or real(s)
    )

    def look() -> list[str]:
        names = sorted(drawn)
        drawn.clear()
        return names

    return look


@pytest.fixture
def two_startups(site_tree, committed):
    from search.services import startups_reindex
    from tests.startups.factories import startup_create

    with committed():
        cafe = startup_create(name="Cà phê Ea Tu", follower_count=3)
        weave = startup_create(name="Thổ cẩm Mường", tagline="Dệt tay")
        startups_reindex([cafe.pk, weave.pk])
    return cafe, weave


def directory_url():
    from django.urls import reverse

    return reverse("startup-directory")


def card_of(html, name):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return next(
        (c for c in soup.select('[data-testid="startup-card"]') if name in c.get_text(" ")),
        None,
    )


def reads_startups(sql: list[str]) -> bool:
    """The founders and the sellers' certified products, which a card's badges need."""
    return any('"startups_teammember"' in s or "partner_stockrecord" in s for s in sql)


def test_directory_cards_are_kept_per_startup(fragments_only, two_startups, startup_card_renders):
    _, html, sql = visit(directory_url())
    assert startup_card_renders() == ["Cà phê Ea Tu", "Thổ cẩm Mường"] and reads_startups(sql)
    response, html, sql = visit(directory_url())
    assert "X-Page-Cache" not in response  # the page rendered, its cards from the cache
    assert startup_card_renders() == [] and not reads_startups(sql)
    assert card_of(html, "Cà phê Ea Tu") and card_of(html, "Thổ cẩm Mường")


def test_a_follow_redraws_that_startups_card_alone(
    fragments_only, two_startups, committed, startup_card_renders
):
    from django.contrib.auth import get_user_model

    from startups.services.profiles import startup_follow

    cafe, _ = two_startups
    visit(directory_url())
    startup_card_renders()
    user = get_user_model().objects.create_user("nguoi-theo-doi", "td@example.com", "x")
    with committed():
        startup_follow(user=user, startup=cafe)
    _, html, _ = visit(directory_url())
    assert startup_card_renders() == ["Cà phê Ea Tu"]
    assert "4 người theo dõi" in card_of(html, "Cà phê Ea Tu").get_text(" ")


def test_a_renewed_certificate_gives_its_sellers_startup_the_ocop_badge_at_once(
    fragments_only, two_startups, committed, startup_card_renders
):
    import datetime

    _, weave = two_startups
    lapsed = datetime.date.today() - datetime.timedelta(days=1)
    with committed():
        scarf = product_create(
            seller=weave.partner, title="Khăn thổ cẩm", group="3.1", valid_until=lapsed
        )
    _, html, _ = visit(directory_url())
    assert not card_of(html, "Thổ cẩm Mường").select('[data-badge="ocop"]')
    startup_card_renders()
    with committed():  # renewed: the product's index write replaces its seller's token
        scarf.ocop_valid_until = lapsed + datetime.timedelta(days=1000)
        scarf.save()
    _, html, _ = visit(directory_url())
    assert startup_card_renders() == ["Thổ cẩm Mường"]
    assert card_of(html, "Thổ cẩm Mường").select('[data-badge="ocop"]')


def test_a_hidden_startup_leaves_even_with_its_card_kept(fragments_only, two_startups):
    """Hidden around every invalidation (no token replaced, the index not told), a startup
    is still not shown: the directory checks which ids are public."""
    from startups.models import Startup

    cafe, weave = two_startups
    visit(directory_url())
    Startup.objects.filter(pk=weave.pk).update(published=False)
    type(cafe.partner).objects.filter(pk=cafe.partner_id).update(status="suspended")
    _, html, _ = visit(directory_url())
    assert card_of(html, "Thổ cẩm Mường") is None and card_of(html, "Cà phê Ea Tu") is None


def test_facet_labels_come_from_the_cache_and_a_renamed_province_shows_at_once(
    fragments_only, coffee, committed
):
    from bs4 import BeautifulSoup

    Province = get_model("catalogue", "Province")

    def province_label(html) -> str:
        panel = BeautifulSoup(html, "html.parser").select_one('.facet[data-facet="province"]')
        return panel.select_one('a[data-value="66"]').get_text(" ", strip=True)

    url = "/shop/search/?q=ca+phe"
    visit(url)
    _, html, sql = visit(url)
    assert "Đắk Lắk" in province_label(html)
    assert not [s for s in sql if 'FROM "catalogue_province"' in s]  # labels from the cache
    with committed():
        province = Province.objects.get(code="66")
        province.name = "Tỉnh Đắk Lắk mới"
        province.save()
    _, html, _ = visit(url)
    assert "Tỉnh Đắk Lắk mới" in province_label(html)
