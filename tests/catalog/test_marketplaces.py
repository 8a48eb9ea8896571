""" "Also on Lazada" links: address rules, the redirect that counts clicks, the product page
buttons and the staff click report."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from catalog.marketplaces import marketplace_hosts, validate_marketplace_url
from catalog.models import Marketplace, MarketplaceClick, MarketplaceLink
from catalog.selectors import click_counts
from catalog.services.marketplaces import (
    marketplace_click_record,
    marketplace_link_delete,
    marketplace_link_set,
)
from tests.catalog.factories import SellerFactory, product_create

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
LAZADA = "https://www.lazada.vn/products/ca-phe-robusta-i123-s456.html"


def go_url(link):
    return reverse("marketplace-go", kwargs={"link_id": link.pk})


# --- Address rules ----------------------------------------------------------------------------


def test_every_marketplace_has_hosts():
    assert set(marketplace_hosts()) == set(Marketplace.values)
    assert all(marketplace_hosts().values())


@pytest.mark.parametrize(
    ("marketplace", "url"),
    [
        ("shopee", "https://shopee.vn/ca-phe-robusta-i.123456.789012"),
        ("shopee", "https://s.shopee.vn/AbCdEf"),
        ("shopee", "https://vn.shp.ee/xYz12"),
        ("lazada", LAZADA),
        ("lazada", "https://lazada.vn/products/x-i1-s2.html"),
        ("lazada", "https://s.lazada.vn/s.AbCd"),
        ("tiki", "https://tiki.vn/ca-phe-robusta-p123456.html?spid=789"),
        ("tiki", "https://ti.ki/AbC"),
        ("postmart", "https://postmart.vn/p/ca-phe-robusta-123.html"),
        ("postmart", "https://www.postmart.vn/p/ca-phe-robusta-123.html"),
        ("sendo", "https://www.sendo.vn/ca-phe-robusta-123.html"),
        ("tiktok", "https://shop.tiktok.com/view/product/1729384756"),
        ("tiktok", "https://www.tiktok.com/view/product/1729384756"),
        ("tiktok", "https://vt.tiktok.com/ZSabc123/"),
        ("voso", "https://voso.vn/san-pham/ca-phe-robusta-123"),
    ],
)
def test_marketplace_addresses_are_accepted(marketplace, url):
    assert validate_marketplace_url(marketplace, url) == url


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        (
            "HTTPS://WWW.Lazada.VN:443/products/x.html?a=1#top",
            "https://www.lazada.vn/products/x.html?a=1#top",
        ),
        ("https://lazada.vn", "https://lazada.vn/"),
        ("https://www.lazada.vn/cà-phê", "https://www.lazada.vn/c%C3%A0-ph%C3%AA"),
    ],
)
def test_addresses_are_normalised(url, normalised):
    assert validate_marketplace_url("lazada", url) == normalised


@pytest.mark.parametrize(
    ("marketplace", "url", "code"),
    [
        ("lazada", "http://www.lazada.vn/products/x.html", "scheme"),
        ("lazada", "ftp://lazada.vn/x", "scheme"),
        ("lazada", "javascript:alert(1)", "scheme"),
        ("lazada", "javascript://www.lazada.vn/%0Aalert(1)", "scheme"),
        ("lazada", "//www.lazada.vn/products/x.html", "scheme"),
        ("lazada", "https://lazada.vn.evil.com/x", "host"),
        ("lazada", "https://evil-lazada.vn/x", "host"),
        ("lazada", "https://www.lazada.vn.com/x", "host"),
        ("lazada", "https://shopee.vn/x-i.1.2", "host"),
        ("shopee", LAZADA, "host"),
        ("tiktok", "https://tiktok.com.evil.com/view/product/1", "host"),
        ("tiktok", "https://nottiktok.com/view/product/1", "host"),
        ("lazada", "https://www.lazada.vn@evil.com/x", "userinfo"),
        ("lazada", "https://user:pass@www.lazada.vn/x", "userinfo"),
        ("lazada", "https://www.lazada.vn\\@evil.com/x", "invalid"),
        ("lazada", "https://evil.com\\.lazada.vn/x", "invalid"),
        ("lazada", "https://evil.com%2f.lazada.vn/x", "invalid"),
        ("lazada", "https://www.lazada.vn./x", "invalid"),
        ("lazada", "https:///www.lazada.vn/x", "invalid"),
        ("lazada", "https://www.lazada.vn:abc/x", "invalid"),
        ("lazada", "https://203.0.113.7/x", "ip"),
        ("lazada", "https://[2001:db8::1]/x", "ip"),
        ("lazada", "https://www.lazada.vn:8443/x", "port"),
        ("lazada", "https://www.lazada.vn/" + "a" * 480, "max_length"),
        ("lazada", "https://www.lazada.vn/a b", "whitespace"),
        ("lazada", " https://www.lazada.vn/x", "whitespace"),
        ("lazada", "https://www.lazada.vn/x\n", "whitespace"),
        ("lazada", "https://www.lazada.vn/\x00x", "whitespace"),
        ("lazada", "https://www.lazada.vn/\u202ex", "whitespace"),
        ("lazada", "", "required"),
        ("amazon", "https://www.amazon.com/x", "marketplace"),
    ],
)
def test_other_addresses_are_refused(marketplace, url, code):
    with pytest.raises(ValidationError) as caught:
        validate_marketplace_url(marketplace, url)
    assert caught.value.code == code


def test_refusal_is_explained_in_the_buyers_language():
    with pytest.raises(ValidationError) as caught:
        validate_marketplace_url("lazada", "http://www.lazada.vn/x")
    assert caught.value.messages == ["Địa chỉ phải bắt đầu bằng https://."]
    with translation.override("en"):
        assert caught.value.messages == ["The address must start with https://."]
    with pytest.raises(ValidationError) as caught:
        validate_marketplace_url("lazada", "https://lazada.vn.evil.com/x")
    assert caught.value.messages == [
        "Địa chỉ này không thuộc Lazada (chỉ chấp nhận: lazada.vn, www.lazada.vn, s.lazada.vn)."
    ]


# --- Storage ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_database_refuses_plain_http(product):
    with pytest.raises(IntegrityError), transaction.atomic():
        MarketplaceLink.objects.create(
            product=product, marketplace="lazada", url="http://www.lazada.vn/x"
        )


@pytest.mark.django_db
def test_link_set_creates_then_updates_and_delete_removes(product):
    link = marketplace_link_set(product=product, marketplace="lazada", url="HTTPS://Lazada.vn/a")
    assert link.url == "https://lazada.vn/a"
    again = marketplace_link_set(product=product, marketplace="lazada", url=LAZADA)
    assert again.pk == link.pk and MarketplaceLink.objects.get().url == LAZADA
    with pytest.raises(ValidationError):
        marketplace_link_set(product=product, marketplace="tiki", url="https://tiki.vn.evil.com/")
    assert MarketplaceLink.objects.count() == 1
    assert marketplace_link_delete(product=product, marketplace="lazada") is True
    assert marketplace_link_delete(product=product, marketplace="lazada") is False
    assert not MarketplaceLink.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_path", "stored"),
    [
        ("/shop/catalogue/ca-phe_1/", "/shop/catalogue/ca-phe_1/"),
        ("/shop/catalogue/?q=cà phê&page=2", "/shop/catalogue/"),
        ("https://evil.com/x", ""),
        ("//evil.com/x", ""),
        ("/" + "a" * 400, "/" + "a" * 299),
    ],
)
def test_click_keeps_only_a_path_of_our_own_site(product, from_path, stored):
    link = marketplace_link_set(product=product, marketplace="lazada", url=LAZADA)
    click = marketplace_click_record(link=link, from_path=from_path, user_agent=BROWSER)
    assert click.from_path == stored


# --- The redirect -----------------------------------------------------------------------------


@pytest.fixture
def link(product):
    return marketplace_link_set(product=product, marketplace="lazada", url=LAZADA)


@pytest.mark.django_db
def test_redirect_counts_one_click_and_goes_to_the_stored_address(client, link, product):
    referer = f"http://testserver{product.get_absolute_url()}?utm_source=zalo"
    response = client.get(go_url(link), HTTP_REFERER=referer, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    assert response["Location"] == LAZADA
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    click = MarketplaceClick.objects.get()
    assert click.link == link and click.from_path == product.get_absolute_url()


@pytest.mark.django_db
def test_redirect_from_another_site_keeps_no_path(client, link):
    client.get(go_url(link), HTTP_REFERER="https://evil.com/shop/x/", HTTP_USER_AGENT=BROWSER)
    client.get(go_url(link), HTTP_REFERER="http://testserver.evil.com/a/", HTTP_USER_AGENT=BROWSER)
    client.get(go_url(link), HTTP_USER_AGENT=BROWSER)
    assert list(MarketplaceClick.objects.values_list("from_path", flat=True)) == ["", "", ""]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0 Safari/537.36",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "Wget/1.21",
        "Mozilla/5.0 (compatible; Yahoo! Slurp)",
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "Mozilla/5.0 AhrefsBot crawler",
    ],
)
def test_bots_are_redirected_but_not_counted(client, link, user_agent):
    response = client.get(go_url(link), HTTP_USER_AGENT=user_agent)
    assert response.status_code == 302 and response["Location"] == LAZADA
    assert not MarketplaceClick.objects.exists()


@pytest.mark.django_db
def test_unknown_link_is_404(client, link):
    response = client.get(
        reverse("marketplace-go", kwargs={"link_id": link.pk + 1000}), HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_link_of_a_hidden_product_is_404(client, seller):
    hidden = product_create(seller=seller, title="Sản phẩm nháp", is_public=False)
    link = marketplace_link_set(product=hidden, marketplace="tiki", url="https://tiki.vn/x-p1.html")
    assert client.get(go_url(link), HTTP_USER_AGENT=BROWSER).status_code == 404
    assert not MarketplaceClick.objects.exists()


@pytest.mark.django_db
def test_a_stored_address_off_the_marketplace_is_never_followed(client, product):
    """A row written around the service (shell, raw SQL) is checked again before redirecting."""
    link = MarketplaceLink.objects.create(
        product=product, marketplace="lazada", url="https://evil.com/lazada.vn"
    )
    assert client.get(go_url(link), HTTP_USER_AGENT=BROWSER).status_code == 404
    assert not MarketplaceClick.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_redirect_answers_get_only(client, link, method):
    assert getattr(client, method)(go_url(link), HTTP_USER_AGENT=BROWSER).status_code == 405
    assert not MarketplaceClick.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["next=https://evil.com", "url=https://evil.com", "to=//evil.com", "u=javascript:x"]
)
def test_redirect_never_goes_where_the_query_says(client, link, query):
    response = client.get(f"{go_url(link)}?{query}", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302 and response["Location"] == LAZADA


@pytest.mark.django_db
def test_redirect_works_in_english_too(client, link):
    response = client.get("/en" + go_url(link), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302 and response["Location"] == LAZADA


# --- The product page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_product_page_shows_also_on_buttons(client, site_tree, link, product):
    go = f"/shop/go/{link.pk}/"
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Có bán trên Lazada" in html
    assert f'href="{go}" rel="nofollow sponsored noopener" target="_blank"' in html
    assert LAZADA not in html  # buyers go through the counting redirect
    english = client.get("/en" + product.get_absolute_url()).content.decode()
    assert "Also on Lazada" in english and f'href="/en{go}"' in english


@pytest.mark.django_db
def test_product_page_without_links_shows_no_buttons(client, site_tree, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'data-testid="marketplace-links"' not in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_product_page_queries_do_not_grow_with_links(client, site_tree, link, product):
    url = product.get_absolute_url()
    client.get(url)  # warm caches
    one = _count_queries(client, url)
    for marketplace in ["shopee", "tiki", "postmart", "sendo", "tiktok", "voso"]:
        host = marketplace_hosts()[marketplace][0]
        marketplace_link_set(product=product, marketplace=marketplace, url=f"https://{host}/p/1")
    html = client.get(url).content.decode()
    assert html.count('rel="nofollow sponsored noopener"') == 7
    assert _count_queries(client, url) == one


# --- The click report -------------------------------------------------------------------------


def _clicks(link, *, recent, old):
    now = timezone.now()
    for _ in range(recent):
        MarketplaceClick.objects.create(link=link, clicked_at=now - datetime.timedelta(days=2))
    for _ in range(old):
        MarketplaceClick.objects.create(link=link, clicked_at=now - datetime.timedelta(days=60))


@pytest.mark.django_db
def test_click_counts_per_product_and_marketplace_in_one_query(
    django_assert_num_queries, link, product, seller
):
    _clicks(link, recent=3, old=2)
    other = product_create(seller=SellerFactory(name="HTX Ong mật"), title="Mật ong 500ml")
    other_link = marketplace_link_set(
        product=other, marketplace="shopee", url="https://shopee.vn/mat-ong-i.1.2"
    )
    _clicks(other_link, recent=1, old=0)
    with django_assert_num_queries(1):
        rows = click_counts()
    assert [(r["product_id"], r["marketplace"], r["recent"], r["total"]) for r in rows] == [
        (product.pk, "lazada", 3, 5),
        (other.pk, "shopee", 1, 1),
    ]
    assert rows[0]["marketplace_name"] == "Lazada" and rows[0]["product_title"] == product.title
    only_seller = click_counts(partner=seller)
    assert [r["product_id"] for r in only_seller] == [product.pk]
    assert [r["product_id"] for r in click_counts(products=[other])] == [other.pk]


@pytest.mark.django_db
def test_click_report_shows_counts_to_staff(admin_client, link, product, seller):
    _clicks(link, recent=3, old=2)
    other = product_create(seller=SellerFactory(name="HTX Ong mật"), title="Mật ong 500ml")
    marketplace_link_set(product=other, marketplace="tiki", url="https://tiki.vn/mat-ong-p9.html")
    response = admin_client.get(reverse("dashboard:marketplace-clicks"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lượt bấm sang sàn" in html
    assert product.title in html and other.title in html
    assert 'data-testid="clicks-recent">3<' in html and 'data-testid="clicks-total">5<' in html
    filtered = admin_client.get(reverse("dashboard:marketplace-clicks"), {"partner": seller.pk})
    assert product.title in filtered.content.decode()
    assert other.title not in filtered.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1.5", "99999999999999999999"])
def test_click_report_ignores_a_bad_seller_filter(admin_client, link, product, value):
    response = admin_client.get(reverse("dashboard:marketplace-clicks"), {"partner": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Không tìm thấy người bán này" in html
    assert product.title in html


@pytest.mark.django_db
def test_click_report_is_for_staff_only(client, django_user_model):
    url = reverse("dashboard:marketplace-clicks")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    buyer = django_user_model.objects.create_user(
        username="buyer", email="b@example.vn", password="x"
    )
    client.force_login(buyer)
    assert client.get(url).status_code == 404  # a dashboard refusal (shop.dashboard.access)


# --- Django admin -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_form_applies_the_marketplace_rules(admin_client, product):
    add = reverse("admin:catalogue_marketplacelink_add")
    response = admin_client.post(
        add, {"product": product.pk, "marketplace": "lazada", "url": "https://lazada.vn.evil.com/x"}
    )
    assert response.status_code == 200
    assert "Địa chỉ này không thuộc Lazada" in response.content.decode()
    assert not MarketplaceLink.objects.exists()
    response = admin_client.post(
        add,
        {
            "product": product.pk,
            "marketplace": "lazada",
            "url": "HTTPS://WWW.LAZADA.VN/products/x.html",
        },
    )
    assert response.status_code == 302
    assert MarketplaceLink.objects.get().url == "https://www.lazada.vn/products/x.html"


@pytest.mark.django_db
def test_admin_lists_clicks_read_only(admin_client, link):
    _clicks(link, recent=1, old=0)
    assert (
        admin_client.get(reverse("admin:catalogue_marketplaceclick_changelist")).status_code == 200
    )
    assert admin_client.get(reverse("admin:catalogue_marketplaceclick_add")).status_code == 403


def test_seller_sees_only_own_clicks_and_officer_those_of_the_unit_tree(
    client, site_tree, django_user_model
):
    """The click report, scoped: a seller sees its own products only."""
    from catalog.services.marketplaces import marketplace_link_set
    from tests.catalog.factories import SellerFactory, seller_user_create

    a, b = SellerFactory(name="HTX A"), SellerFactory(name="HTX B")
    user_a = seller_user_create(partner=a, username="ban-a")
    pa = product_create(seller=a, title="Cà phê của A")
    pb = product_create(seller=b, title="Mật ong của B")
    marketplace_link_set(
        product=pa, marketplace="lazada", url="https://www.lazada.vn/products/a-i1-s2.html"
    )
    marketplace_link_set(product=pb, marketplace="shopee", url="https://shopee.vn/mat-ong-i.1.2")
    client.force_login(user_a)
    html = client.get(reverse("dashboard:marketplace-clicks")).content.decode()
    assert "Cà phê của A" in html and "Mật ong của B" not in html
    html = client.get(reverse("dashboard:marketplace-clicks"), {"partner": b.pk}).content.decode()
    assert "Mật ong của B" not in html


def test_marketplace_link_formset_checks_hosts(site_tree, product):
    from shop.dashboard.catalogue.forms import MarketplaceLinkFormSet

    data = {
        "marketplace_links-TOTAL_FORMS": "1",
        "marketplace_links-INITIAL_FORMS": "0",
        "marketplace_links-MIN_NUM_FORMS": "0",
        "marketplace_links-MAX_NUM_FORMS": "7",
        "marketplace_links-0-marketplace": "lazada",
        "marketplace_links-0-url": "https://shopee.vn/ca-phe-i.1.2",
    }
    formset = MarketplaceLinkFormSet(product.product_class, None, data, instance=product)
    assert not formset.is_valid()
    data["marketplace_links-0-url"] = "https://www.lazada.vn/products/ca-phe-i123-s456.html"
    formset = MarketplaceLinkFormSet(product.product_class, None, data, instance=product)
    assert formset.is_valid(), formset.errors
    formset.save()
    assert product.marketplace_links.get().marketplace == "lazada"


def test_seller_page_says_where_else_it_sells(client, site_tree, seller, product):
    from catalog.services.marketplaces import marketplace_link_set

    marketplace_link_set(
        product=product, marketplace="postmart", url="https://postmart.vn/p/ca-phe-ea-tu-123.html"
    )
    html = client.get(seller.get_absolute_url()).content.decode()
    assert "Cũng bán trên" in html and "Postmart" in html
