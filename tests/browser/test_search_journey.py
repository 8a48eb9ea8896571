"""A buyer on a 360 px phone searches without accents: types "ca phe dak lak" in the header
box, sees type-ahead suggestions, submits, narrows with two facets and a sort (all kept in the
URL), and opens a product. A second journey picks a suggestion with the arrow keys."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.catalog.factories import SellerFactory, product_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coffee_shelf(site_tree, seller):
    startup = SellerFactory(
        name="Cà phê Buôn Ma Thuột Xanh", code="ca-phe-bmt-xanh", kind="startup"
    )
    made = {
        "rang_xay": product_create(
            seller=seller, title="Cà phê rang xay Đắk Lắk 500g", price=210000, stars=5
        ),
        "hat": product_create(
            seller=startup, title="Cà phê hạt Đắk Lắk nguyên chất 1kg", price=320000, stars=5
        ),
        "phin": product_create(
            seller=seller, title="Cà phê phin giấy Đắk Lắk hộp 10 gói", price=150000, stars=4
        ),
        "lon": product_create(
            seller=startup,
            title="Cà phê sữa Đắk Lắk lon 250ml",
            price=25000,
            stars=5,
            province="79",
        ),
        "honey": product_create(
            seller=startup,
            title="Mật ong hoa cà phê 500ml",
            price=95000,
            stars=3,
            group="1.4",
            province="14",
        ),
    }
    from search.services import index_rebuild

    index_rebuild()  # whatever the save signals already did, the index now holds everything
    return made


def open_filters(page):
    """On a phone the facets are folded under "Filters"."""
    facets = page.get_by_test_id("facets")
    if facets.get_attribute("open") is None:
        facets.locator("summary").click()
    return facets


def test_unaccented_search_with_type_ahead_facets_and_sort(phone_page, coffee_shelf):
    page = phone_page
    page.goto("/")
    box = page.locator(".site-search input[name=q]")
    expect(box).to_have_attribute("role", "combobox")
    box.click()
    box.press_sequentially("ca phe dak lak", delay=40)

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Cà phê")
    expect(listbox).to_contain_text("Cà phê rang xay Đắk Lắk 500g")
    expect(listbox.locator(".typeahead__kind--product").first).to_be_visible()
    # The list fits the phone.
    box_right = listbox.bounding_box()
    assert box_right["x"] >= 0 and box_right["x"] + box_right["width"] <= 360

    # Arrow keys move the highlight; Escape closes; Enter with nothing highlighted searches.
    box.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", first_id)
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")

    page.wait_for_url(re.compile(r"/shop/search/\?q=ca\+phe\+dak\+lak"))
    expect(page.locator("h1")).to_contain_text("ca phe dak lak")
    grid = page.get_by_test_id("product-grid")
    for title in (
        "Cà phê rang xay Đắk Lắk 500g",
        "Cà phê hạt Đắk Lắk nguyên chất 1kg",
        "Cà phê phin giấy Đắk Lắk hộp 10 gói",
        "Cà phê sữa Đắk Lắk lon 250ml",
    ):
        expect(grid).to_contain_text(title)
    expect(grid).not_to_contain_text("Mật ong")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # First facet: 5 stars.
    open_filters(page).locator('.facet[data-facet="stars"] a[data-value="5"]').click()
    expect(page.get_by_test_id("result-count")).to_have_attribute("data-total", "3")
    expect(grid).not_to_contain_text("Cà phê phin giấy")
    # Second facet: made in Đắk Lắk (not the can from Hồ Chí Minh).
    province = open_filters(page).locator('.facet[data-facet="province"] a[data-value="66"]')
    expect(province).to_contain_text("Đắk Lắk")
    province.click()
    expect(page.get_by_test_id("result-count")).to_have_attribute("data-total", "2")
    expect(page.get_by_test_id("active-filters").locator(".active-filter")).to_have_count(2)

    # Sort: dearest first.
    page.select_option("#id_sort_by", "price_desc")
    page.wait_for_url(re.compile(r"sort_by=price_desc"))
    titles = page.locator(".product-card__title a")
    expect(titles).to_have_text(
        ["Cà phê hạt Đắk Lắk nguyên chất 1kg", "Cà phê rang xay Đắk Lắk 500g"]
    )
    params = parse_qs(urlsplit(page.url).query)
    assert params == {
        "q": ["ca phe dak lak"],
        "stars": ["5"],
        "province": ["66"],
        "sort_by": ["price_desc"],
    }
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The URL is shareable: a fresh visit shows the same.
    shared = page.url
    page.goto("/")
    page.goto(shared)
    expect(titles).to_have_text(
        ["Cà phê hạt Đắk Lắk nguyên chất 1kg", "Cà phê rang xay Đắk Lắk 500g"]
    )

    titles.first.click()
    expect(page.locator("h1")).to_have_text("Cà phê hạt Đắk Lắk nguyên chất 1kg")
    expect(page.get_by_test_id("price")).to_have_text("320.000\u00a0₫")


def test_arrow_keys_and_enter_open_a_suggestion(phone_page, coffee_shelf):
    page = phone_page
    page.goto("/shop/catalogue/")
    box = page.locator(".site-search input[name=q]")
    box.click()
    box.press_sequentially("mat ong", delay=40)
    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name=re.compile("Mật ong hoa cà phê 500ml"))
    expect(option).to_be_visible()
    # Down until the honey is highlighted, then Enter opens it.
    for _ in range(listbox.get_by_role("option").count()):
        box.press("ArrowDown")
        if option.get_attribute("aria-selected") == "true":
            break
    expect(option).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page.locator("h1")).to_have_text("Mật ong hoa cà phê 500ml")
    assert urlsplit(page.url).path == coffee_shelf["honey"].get_absolute_url()
