"""The head of every public page (templates/oscar/base.html, cms/templatetags/seo_tags.py):
title and description, the canonical address, hreflang alternates in both languages, Open
Graph and Twitter card with a share image; private pages say noindex."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from tests.seo.pages import canonical, hreflang, picture_add, read
from tests.startups.factories import expo_create, startup_create

pytestmark = pytest.mark.django_db
SITE = "http://testserver"
DEFAULT_IMAGE = SITE + "/static/img/share-default.png"


def _both(name, **kwargs):
    paths = {}
    for language in ("vi", "en"):
        with translation.override(language):
            paths[language] = reverse(name, kwargs=kwargs)
    return paths


def _assert_alternates(head, paths: dict, language: str) -> None:
    assert canonical(head) == SITE + paths[language]
    assert hreflang(head) == {
        "vi": SITE + paths["vi"],
        "en": SITE + paths["en"],
        "x-default": SITE + paths["vi"],
    }
    assert head.meta["og:url"] == canonical(head)


def test_product_page_canonical_and_hreflang_in_both_languages(client, site_tree, product):
    with translation.override("en"):
        en = product.get_absolute_url()
    paths = {"vi": product.get_absolute_url(), "en": en}
    for language in ("vi", "en"):
        head = read(client.get(paths[language]))
        _assert_alternates(head, paths, language)
        assert head.meta["og:locale"] == {"vi": "vi_VN", "en": "en_US"}[language]
    # Tracking and other query strings do not make another page.
    head = read(client.get(paths["vi"] + "?src=qr&utm_source=zalo"))
    assert canonical(head) == SITE + paths["vi"]
    assert hreflang(head)["en"] == SITE + paths["en"]


def test_startup_and_expo_pages_canonical_and_hreflang_in_both_languages(client, site_tree):
    startup = startup_create(name="Cà phê Ea Tu")
    expo = expo_create(phase="live")
    for paths in (
        _both("startups:startup-detail", slug=startup.slug),
        _both("startups:expo-lobby", slug=expo.slug),
        _both("startup-directory"),
    ):
        assert paths["vi"] != paths["en"]
        for language in ("vi", "en"):
            _assert_alternates(read(client.get(paths[language])), paths, language)


def test_home_page_canonical_hreflang_and_wagtail_promote_fields(client, site_tree):
    home = Page.objects.get(depth=2, locale__language_code="vi").specific
    home.search_description = "Chợ của thanh niên khởi nghiệp & OCOP"
    home.save_revision().publish()
    paths = {"vi": "/", "en": "/en/"}
    head = read(client.get("/"))
    _assert_alternates(head, paths, "vi")
    assert head.meta["description"] == "Chợ của thanh niên khởi nghiệp & OCOP"
    assert head.meta["og:description"] == "Chợ của thanh niên khởi nghiệp & OCOP"
    assert head.meta["og:image"] == DEFAULT_IMAGE
    assert head.meta["twitter:card"] == "summary_large_image"
    _assert_alternates(read(client.get("/en/")), paths, "en")


def test_open_graph_repeats_the_title_and_description_with_the_share_image(
    client, site_tree, seller, product
):
    head = read(client.get(product.get_absolute_url()))
    assert head.meta["og:title"] == "Cà phê Robusta rang mộc Ea Tu 500g"
    assert head.meta["og:site_name"] == "Chợ OCOP Thanh niên"
    assert head.meta["og:image"] == DEFAULT_IMAGE  # no picture yet
    assert head.meta["description"] == head.meta["og:description"] != ""
    picture = picture_add(product)
    head = read(client.get(product.get_absolute_url()))
    assert head.meta["og:image"] == head.meta["twitter:image"] == SITE + picture.original.url


def test_private_pages_say_noindex_and_have_no_alternates(client, site_tree, admin_user):
    client.force_login(admin_user)
    head = read(client.get(reverse("dashboard:index")))
    assert head.meta["robots"] == "noindex, nofollow"
    assert hreflang(head) == {}
    assert not [link for link in head.links if link.get("rel") == "canonical"]
    head = read(client.get(reverse("basket:summary")))
    assert head.meta["robots"] == "noindex, nofollow"
