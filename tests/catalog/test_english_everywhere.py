"""English texts beyond the page's body: what search engines and link previews read (the
<title>, meta description, Open Graph, JSON-LD and its breadcrumbs), the pictures' alt texts,
the seller's and category pages' heads; and the seller's own page in the dashboard, where it
writes its shop's English name and story."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.seo.pages import assert_breadcrumbs, one, picture_add, read

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
pytestmark = pytest.mark.django_db

SITE = "http://testserver"
VI_TITLE = "Mật ong rừng U Minh 500ml"
EN_TITLE = "U Minh wild honey 500ml"
VI_STORY = "Tổ hợp tác nuôi ong của thanh niên U Minh."
EN_STORY = "Young beekeepers of the U Minh forest."


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def english(url_of):
    with translation.override("en"):
        return url_of()


def vietnamese(url_of):
    """A Vietnamese address even after an English request (which leaves English active)."""
    with translation.override("vi"):
        return url_of()


@pytest.fixture
def bees(reference_data):
    return SellerFactory(
        name="THT Ong mật U Minh",
        name_en="U Minh Beekeepers",
        code="tht-ong-mat-u-minh",
        description=VI_STORY,
        description_en=EN_STORY,
    )


@pytest.fixture
def honey(bees):
    product = product_create(
        seller=bees, title=VI_TITLE, group="1.4", description="Mật ong hoa tràm, lấy từ rừng."
    )
    product.title_en = EN_TITLE
    product.description_en = "Melaleuca honey, gathered in the forest."
    product.save()
    return product


@pytest.fixture
def plain(bees):
    return product_create(
        seller=bees, title="Trà shan tuyết cổ thụ", group="1.8", description="Trà búp rừng."
    )


# --- the product page's head ----------------------------------------------------------------


def test_english_product_page_head_and_jsonld_are_english(client, site_tree, honey):
    url = english(honey.get_absolute_url)
    head = read(client.get(url))
    page = soup(client.get(url))
    assert page.title.get_text().startswith(f"{EN_TITLE} | ")
    assert head.meta["description"] == "Melaleuca honey, gathered in the forest."
    assert head.meta["og:title"] == head.meta["twitter:title"] == EN_TITLE
    assert head.meta["og:description"] == head.meta["twitter:description"]
    assert head.meta["og:description"] == "Melaleuca honey, gathered in the forest."

    data = one(head, "Product")
    assert data["name"] == EN_TITLE
    assert data["description"] == "Melaleuca honey, gathered in the forest."
    assert data["category"] == "Food"
    assert data["offers"]["seller"]["name"] == "U Minh Beekeepers"
    food = Category.objects.get(ocop_code="1")
    assert_breadcrumbs(
        one(head, "BreadcrumbList"),
        [
            ("Home", SITE + "/en/"),
            ("Food", SITE + english(food.get_absolute_url)),
            (EN_TITLE, SITE + url),
        ],
    )
    assert "Mật ong" not in str(head.jsonld)


def test_vietnamese_product_page_head_stays_vietnamese(client, site_tree, honey):
    head = read(client.get(vietnamese(honey.get_absolute_url)))
    assert head.meta["og:title"] == VI_TITLE
    assert head.meta["description"] == "Mật ong hoa tràm, lấy từ rừng."
    data = one(head, "Product")
    assert (data["name"], data["category"]) == (VI_TITLE, "Thực phẩm")
    assert data["offers"]["seller"]["name"] == "THT Ong mật U Minh"
    names = [item["name"] for item in one(head, "BreadcrumbList")["itemListElement"]]
    assert names == ["Trang chủ", "Thực phẩm", VI_TITLE]
    assert "honey" not in str(head.jsonld).lower()


def test_english_page_of_a_product_without_english_falls_back_to_the_seo_fields(
    client, site_tree, plain
):
    """No English name: the Vietnamese one (or the seller's meta title) in the head; an
    English meta title would be the English name, so a Vietnamese meta title stays."""
    plain.meta_title = "Trà shan tuyết cổ thụ Hà Giang"
    plain.save()
    head = read(client.get(english(plain.get_absolute_url)))
    assert head.meta["og:title"] == "Trà shan tuyết cổ thụ Hà Giang"
    assert one(head, "Product")["name"] == "Trà shan tuyết cổ thụ"
    assert head.meta["description"] == "Trà búp rừng."
    # The vietnamese page too keeps the meta title the seller wrote.
    assert read(client.get(vietnamese(plain.get_absolute_url))).meta["og:title"] == (
        "Trà shan tuyết cổ thụ Hà Giang"
    )


def test_english_name_wins_over_a_vietnamese_meta_title_on_english_pages(client, site_tree, honey):
    honey.meta_title = "Mật ong rừng U Minh nguyên chất"
    honey.save()
    assert read(client.get(english(honey.get_absolute_url))).meta["og:title"] == EN_TITLE
    assert read(client.get(vietnamese(honey.get_absolute_url))).meta["og:title"] == (
        "Mật ong rừng U Minh nguyên chất"
    )


# --- pictures' alt texts ----------------------------------------------------------------------


def test_gallery_alt_text_is_the_shown_name(client, site_tree, honey, plain):
    picture_add(honey)
    picture_add(plain)
    (img,) = soup(client.get(english(honey.get_absolute_url))).select(".product-page__gallery img")
    assert img["alt"] == EN_TITLE and not img.has_attr("lang")
    (img,) = soup(client.get(vietnamese(honey.get_absolute_url))).select(
        ".product-page__gallery img"
    )
    assert img["alt"] == VI_TITLE and not img.has_attr("lang")
    (img,) = soup(client.get(english(plain.get_absolute_url))).select(".product-page__gallery img")
    assert (img["alt"], img["lang"]) == ("Trà shan tuyết cổ thụ", "vi")


def test_card_alt_texts_are_the_shown_names_in_each_language(client, site_tree, bees, honey, plain):
    from search.services import index_rebuild

    picture_add(honey)
    picture_add(plain)
    index_rebuild()

    def alts(url):
        page = soup(client.get(url))
        return {img["alt"]: img.get("lang") for img in page.select(".product-card__image img")}

    assert alts(english(bees.get_absolute_url)) == {EN_TITLE: None, "Trà shan tuyết cổ thụ": "vi"}
    assert alts(vietnamese(bees.get_absolute_url)) == {
        VI_TITLE: None,
        "Trà shan tuyết cổ thụ": None,
    }


# --- seller and category pages -----------------------------------------------------------------


def test_english_seller_page_head_and_organization(client, site_tree, bees):
    url = english(bees.get_absolute_url)
    head = read(client.get(url))
    assert head.meta["og:title"] == "U Minh Beekeepers"
    assert head.meta["description"] == EN_STORY
    org = one(head, "Organization")
    assert org["name"] == "U Minh Beekeepers" and org["description"] == EN_STORY
    assert org["url"] == SITE + url
    assert org["address"] == {
        "@type": "PostalAddress",
        "addressRegion": bees.province.name,
        "addressCountry": "VN",
    }
    assert_breadcrumbs(
        one(head, "BreadcrumbList"), [("Home", SITE + "/en/"), ("U Minh Beekeepers", SITE + url)]
    )


def test_seller_page_head_in_vietnamese_and_without_english(client, site_tree, bees):
    head = read(client.get(vietnamese(bees.get_absolute_url)))
    org = one(head, "Organization")
    assert (org["name"], org["description"]) == ("THT Ong mật U Minh", VI_STORY)
    assert head.meta["og:title"] == "THT Ong mật U Minh"

    bees.name_en = bees.description_en = ""
    bees.save()
    head = read(client.get(english(bees.get_absolute_url)))
    assert one(head, "Organization")["name"] == "THT Ong mật U Minh"
    assert head.meta["description"] == VI_STORY


def test_english_category_page_title_and_description(client, site_tree, honey):
    group = Category.objects.get(ocop_code="1.4")
    group.description = "Mật ong và sản phẩm từ ong."
    group.description_en = "Honey and bee products."
    group.save()
    head = read(client.get(english(group.get_absolute_url)))
    assert head.meta["og:title"] == "Honey"
    assert head.meta["description"] == "Honey and bee products."
    head = read(client.get(vietnamese(group.get_absolute_url)))
    assert head.meta["og:title"] == "Mật ong"
    assert head.meta["description"] == "Mật ong và sản phẩm từ ong."


# --- the seller's own shop page in the dashboard -----------------------------------------------

PAGE = "dashboard:seller-page"


@pytest.fixture
def shop_owner(bees):
    return seller_user_create(partner=bees, username="nguoi-nuoi-ong")


def test_seller_writes_its_english_name_and_story(client, site_tree, bees, shop_owner):
    bees.name_en = bees.description_en = ""
    bees.save()
    client.force_login(shop_owner)
    page = soup(client.get(reverse(PAGE)))
    group = page.select_one('[data-testid="english-fields"]')
    assert group.select_one('input[name="name_en"]') and group.select_one(
        'textarea[name="description_en"]'
    )
    assert "THT Ong mật U Minh" in page.select_one('[data-testid="seller-vietnamese"]').get_text()

    response = client.post(
        reverse(PAGE),
        {"name_en": "  U Minh   Beekeepers ", "description_en": "  Young beekeepers.\n\nHoney. "},
    )
    assert response.status_code == 302
    bees.refresh_from_db()
    assert (bees.name_en, bees.description_en) == (
        "U Minh Beekeepers",
        "Young beekeepers.\n\nHoney.",
    )
    assert bees.name == "THT Ong mật U Minh"  # the Vietnamese name is not this page's
    # The English seller page shows them at once (the page cache follows the save).
    shown = soup(client.get(english(bees.get_absolute_url)))
    assert shown.select_one("h1").get_text().strip() == "U Minh Beekeepers"
    assert "Young beekeepers." in shown.select_one('[data-testid="seller-story"]').get_text()


def test_seller_clears_its_english_texts(client, site_tree, bees, shop_owner):
    client.force_login(shop_owner)
    page = soup(client.get(reverse(PAGE)))
    assert page.select_one('input[name="name_en"]')["value"] == "U Minh Beekeepers"
    assert client.post(reverse(PAGE), {"name_en": "", "description_en": ""}).status_code == 302
    bees.refresh_from_db()
    assert (bees.name_en, bees.description_en) == ("", "")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name_en": "x" * 129}, "name_en", "at most 128 characters"),
        ({"description_en": "x" * 5001}, "description_en", "at most 5000 characters"),
        ({"name_en": "U Minh\x00Bees"}, "name_en", "Null characters are not allowed"),
        ({"name_en": "U Minh\u202eBees"}, "name_en", "Remove the control characters"),
        ({"description_en": "Bees\x07"}, "description_en", "Remove the control characters"),
    ],
)
def test_hostile_english_texts_are_refused_and_nothing_is_saved(
    client, site_tree, bees, shop_owner, data, field, message
):
    client.force_login(shop_owner)
    with translation.override("en"):
        url = reverse(PAGE)
    response = client.post(url, {"name_en": "", "description_en": "", **data})
    assert response.status_code == 200
    errors = soup(response).select_one(f'[name="{field}"]').find_parent(class_="form-group")
    assert message in errors.get_text()
    bees.refresh_from_db()
    assert (bees.name_en, bees.description_en) == ("U Minh Beekeepers", EN_STORY)


def test_another_sellers_shop_cannot_be_edited(client, site_tree, bees, shop_owner):
    other = SellerFactory(name="HTX Chè Tân Cương", code="htx-che-tan-cuong", name_en="Tea Co-op")
    client.force_login(shop_owner)
    response = client.post(
        reverse(PAGE) + f"?partner={other.pk}",
        {"name_en": "Taken over", "description_en": "", "partner": other.pk, "code": other.code},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.name_en, other.description_en) == ("Tea Co-op", "")
    bees.refresh_from_db()
    assert bees.name_en == "Taken over"  # the POST changed the seller's own shop only


def test_only_a_user_who_runs_one_seller_opens_the_page(
    client, site_tree, bees, shop_owner, django_user_model, admin_user
):
    url = reverse(PAGE)
    response = client.get(url)
    assert response.status_code == 302 and reverse("dashboard:login") in response["Location"]

    buyer = django_user_model.objects.create_user("khach", "khach@example.com", "x")
    client.force_login(buyer)
    assert client.get(url).status_code == 404

    other = SellerFactory(name="HTX Chè Tân Cương", code="htx-che-tan-cuong")
    other.users.add(shop_owner)  # runs two sellers: the page does not guess which
    client.force_login(shop_owner)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name_en": "Guess"}).status_code == 404
    assert not Partner.objects.filter(name_en="Guess").exists()

    client.force_login(admin_user)  # staff edit sellers in the sellers' dashboard
    assert client.get(url).status_code == 404
