"""One page system (issue 15): Wagtail. Django's flatpages and Oscar's page dashboard are not
installed, and an address no page answers gets the site's own 404 page, with its header and
search box, in Vietnamese and in English."""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_flatpages_and_the_page_dashboard_are_gone():
    assert not apps.is_installed("django.contrib.flatpages")
    assert not apps.is_installed("oscar.apps.dashboard.pages")
    assert not any("flatpages" in middleware for middleware in settings.MIDDLEWARE)
    with pytest.raises(NoReverseMatch):
        reverse("dashboard:page-list")
    menu = [
        child.get("url_name")
        for section in settings.OSCAR_DASHBOARD_NAVIGATION
        for child in section.get("children", [])
    ]
    assert "dashboard:page-list" not in menu
    assert "dashboard:comms-list" in menu  # the rest of Oscar's "Content" menu stays


def test_the_page_dashboard_address_is_not_found(admin_client, site_tree):
    response = admin_client.get("/shop/dashboard/pages/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path, heading, search_label",
    [
        ("/khong-co-trang-nay/", "Không tìm thấy trang", "Tìm kiếm"),
        ("/en/no-such-page/", "Page not found", "Search"),
    ],
)
def test_an_unknown_address_gets_the_sites_404_page(client, site_tree, path, heading, search_label):
    response = client.get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="not-found"' in page
    assert heading in page
    assert 'class="site-header"' in page  # the site's own header...
    assert 'role="search"' in page and 'name="q"' in page  # ...with its search box
    assert f'aria-label="{search_label}"' in page
    assert 'class="site-footer"' in page
    language = "en" if path.startswith("/en/") else "vi"
    assert f'<html lang="{language}"' in page


def test_a_missing_product_gets_the_404_page_in_english(client, site_tree):
    with translation.override("en"):
        url = reverse("catalogue:detail", kwargs={"product_slug": "khong-co", "pk": 999999})
    response = client.get(url)

    assert response.status_code == 404
    assert "Back to the home page" in response.content.decode()
