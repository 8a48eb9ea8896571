"""JSON-LD of the public pages (cms/seo.py, cms/templatetags/seo_tags.py), checked against
the properties each schema.org type requires or search engines recommend."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from oscar.core.loading import get_model

from startups.models import ExpoSession, Officer, UnionUnit
from tests.catalog.factories import product_create
from tests.seo.pages import assert_breadcrumbs, of_type, one, picture_add, png_file, read
from tests.startups.factories import expo_create, pitch_create, startup_create

pytestmark = pytest.mark.django_db
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")
SITE = "http://testserver"


def test_product_has_an_offer_in_vnd_from_its_seller(client, site_tree, seller, product):
    picture = picture_add(product)
    head = read(client.get(product.get_absolute_url()))
    data = one(head, "Product")
    assert data["name"] == "Cà phê Robusta rang mộc Ea Tu 500g"
    assert data["image"] == [SITE + picture.original.url]
    offer = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["price"] == 185000 and isinstance(offer["price"], int)
    assert offer["priceCurrency"] == "VND"
    assert offer["availability"] == "https://schema.org/InStock"
    assert offer["seller"] == {
        "@type": "Organization",
        "name": "HTX Cà phê Ea Tu",
        "url": SITE + seller.get_absolute_url(),
    }
    assert "aggregateRating" not in data  # no reviews
    # The product's picture is also the picture of a shared link.
    assert head.meta["og:image"] == SITE + picture.original.url
    assert head.meta["og:type"] == "product"
    group = product.ocop_group
    assert_breadcrumbs(
        one(head, "BreadcrumbList"),
        [
            ("Trang chủ", SITE + "/"),
            (group.display_name, SITE + group.get_absolute_url()),
            (product.get_title(), SITE + product.get_absolute_url()),
        ],
    )


def test_sold_out_product_is_out_of_stock_and_english_page_links_english_pages(
    client, site_tree, seller
):
    product = product_create(seller=seller, title="Mật ong hoa cà phê", stock=0, price=120000)
    with translation.override("en"):
        url = product.get_absolute_url()
    assert url.startswith("/en/")
    data = one(read(client.get(url)), "Product")
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"
    assert data["offers"]["price"] == 120000
    assert data["url"] == SITE + url


def test_rating_is_given_only_where_approved_reviews_exist(
    client, site_tree, product, django_user_model
):
    user = django_user_model.objects.create_user("khach", "khach@example.com", "x")
    review = ProductReview.objects.create(
        product=product, user=user, score=4, title="Ngon", body="Cà phê thơm", status=0
    )
    product.refresh_from_db()
    assert "aggregateRating" not in one(read(client.get(product.get_absolute_url())), "Product")
    review.status = ProductReview.APPROVED
    review.save()
    data = one(read(client.get(product.get_absolute_url())), "Product")
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.0,
        "reviewCount": 1,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_text_of_a_seller_cannot_close_the_script(client, site_tree, seller):
    product = product_create(
        seller=seller, title="Trà </script><script>alert(1)</script>", description="A & B <b>"
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    data = one(read(client.get(product.get_absolute_url())), "Product")
    assert data["name"] == "Trà </script><script>alert(1)</script>"
    assert data["description"] == "A & B"


def test_home_page_names_the_site_as_organization(client, site_tree):
    for url in ("/", "/en/"):
        data = one(read(client.get(url)), "Organization")
        assert data["name"] == "Chợ OCOP Thanh niên"
        assert data["url"] == SITE + "/"
        assert data["logo"] == SITE + "/static/img/logo.png"


def test_other_pages_do_not_repeat_the_site_organization(client, site_tree, product):
    assert of_type(read(client.get(product.get_absolute_url())), "Organization") == []


def test_startup_page_is_an_organization_with_logo(client, site_tree):
    startup = startup_create(name="Cà phê Ea Tu", name_en="Ea Tu Coffee", website="https://eatu.vn")
    startup.logo.save("logo.png", png_file(), save=True)
    url = reverse("startups:startup-detail", kwargs={"slug": startup.slug})
    head = read(client.get(url))
    data = one(head, "Organization")
    assert data["name"] == "Cà phê Ea Tu"
    assert data["url"] == SITE + url
    assert data["logo"] == SITE + startup.logo.url
    assert data["sameAs"] == ["https://eatu.vn"]
    assert head.meta["og:image"] == SITE + startup.logo.url
    assert_breadcrumbs(
        one(head, "BreadcrumbList"),
        [
            ("Trang chủ", SITE + "/"),
            ("Khởi nghiệp", SITE + reverse("startup-directory")),
            ("Cà phê Ea Tu", SITE + url),
        ],
    )
    with translation.override("en"):
        en_url = reverse("startups:startup-detail", kwargs={"slug": startup.slug})
        directory = reverse("startup-directory")
    head = read(client.get(en_url))
    assert one(head, "Organization")["name"] == "Ea Tu Coffee"
    crumbs = one(head, "BreadcrumbList")["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs][:2] == [
        ("Home", SITE + "/en/"),
        ("Startups", SITE + directory),
    ]


def test_a_hidden_startup_previewed_by_its_seller_says_noindex_and_has_no_jsonld(
    client, site_tree, django_user_model
):
    startup = startup_create(published=False)
    user = django_user_model.objects.create_user("chu", "chu@example.com", "x")
    startup.partner.users.add(user)
    client.force_login(user)
    head = read(client.get(reverse("startups:startup-detail", kwargs={"slug": startup.slug})))
    assert head.meta["robots"] == "noindex, nofollow"
    assert head.jsonld == []


def test_pitch_is_a_creative_work_of_its_startup(client, site_tree):
    startup = startup_create(name="Cà phê Ea Tu")  # loads the union units
    union_unit = UnionUnit.objects.get(level="province", province__code="66")
    officer = Officer.objects.create(
        user=get_model("auth", "User").objects.create_user("can-bo", "cb@example.com", "x"),
        unit=union_unit,
    )
    pitch = pitch_create(startup=startup, approved_by=officer)
    url = reverse("startups:pitch-detail", kwargs={"slug": startup.slug, "pitch_slug": pitch.slug})
    data = one(read(client.get(url)), "CreativeWork")
    assert data["headline"] == data["name"] == "Mở rộng xưởng rang cà phê Ea Tu"
    assert data["url"] == SITE + url
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Cà phê Ea Tu"
    assert data["datePublished"].endswith("+07:00")
    assert data["description"].startswith("Nông dân bán cà phê nhân")


def _event_checks(data: dict, url: str) -> None:
    assert data["@type"] == "Event"
    assert data["name"]
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": url}
    for key in ("startDate", "endDate"):
        moment = datetime.datetime.fromisoformat(data[key])
        assert data[key].endswith("+07:00") and moment.utcoffset() == datetime.timedelta(hours=7)


def test_expo_lobby_is_an_online_event_with_its_sessions(client, site_tree):
    expo = expo_create(phase="live", title="Triển lãm khởi nghiệp Đắk Lắk", title_en="Dak Lak Expo")
    session = ExpoSession.objects.create(
        expo=expo,
        kind="talk",
        title="Khởi nghiệp từ nông sản",
        title_en="Startups from farm produce",
        starts_at=expo.opens_at + datetime.timedelta(hours=2),
        ends_at=expo.opens_at + datetime.timedelta(hours=3),
    )
    url = reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
    head = read(client.get(url))
    data = one(head, "Event")
    _event_checks(data, SITE + url)
    assert data["name"] == "Triển lãm khởi nghiệp Đắk Lắk"
    opens = datetime.datetime.fromisoformat(data["startDate"])
    assert opens == expo.opens_at.replace(microsecond=0)
    assert data["organizer"] == {
        "@type": "Organization",
        "name": expo.unit.name,
        "url": SITE + "/",
    }
    assert data["image"] == [SITE + "/static/img/share-default.png"]
    (sub,) = data["subEvent"]
    session_url = reverse(
        "startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk}
    )
    _event_checks(sub, SITE + session_url)
    assert sub["name"] == "Khởi nghiệp từ nông sản"
    assert_breadcrumbs(
        one(head, "BreadcrumbList"),
        [
            ("Triển lãm", SITE + reverse("startups:expo-list")),
            ("Triển lãm khởi nghiệp Đắk Lắk", SITE + url),
        ],
    )
    with translation.override("en"):
        en_url = reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
    data = one(read(client.get(en_url)), "Event")
    assert data["name"] == "Dak Lak Expo"
    assert data["subEvent"][0]["name"] == "Startups from farm produce"
    _event_checks(data, SITE + en_url)


def test_expo_session_page_is_an_event_of_the_expo(client, site_tree):
    expo = expo_create(phase="scheduled")
    session = ExpoSession.objects.create(
        expo=expo,
        kind="pitching",
        title="Gọi vốn",
        description="Năm nhóm khởi nghiệp gọi vốn",
        starts_at=expo.opens_at,
        ends_at=expo.opens_at + datetime.timedelta(hours=1),
    )
    url = reverse("startups:expo-session", kwargs={"slug": expo.slug, "session_pk": session.pk})
    head = read(client.get(url))
    data = one(head, "Event")
    _event_checks(data, SITE + url)
    assert data["superEvent"]["url"] == SITE + reverse(
        "startups:expo-lobby", kwargs={"slug": expo.slug}
    )
    assert data["description"] == "Năm nhóm khởi nghiệp gọi vốn"
    assert [c["name"] for c in one(head, "BreadcrumbList")["itemListElement"]] == [
        "Triển lãm",
        expo.title,
        "Gọi vốn",
    ]


def test_a_draft_expo_previewed_by_its_organisers_has_no_event(client, site_tree):
    expo = expo_create(phase="draft")
    user = get_model("auth", "User").objects.create_user("to-chuc", "tc@example.com", "x")
    Officer.objects.create(user=user, unit=expo.unit)
    client.force_login(user)
    head = read(client.get(reverse("startups:expo-lobby", kwargs={"slug": expo.slug})))
    assert head.meta["robots"] == "noindex, nofollow"
    assert of_type(head, "Event") == []
    assert timezone.now() < expo.opens_at
