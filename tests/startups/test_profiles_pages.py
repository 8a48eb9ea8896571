"""The startup's public page (both languages, badges, products, follow button, cache, query
budget), the product and seller pages' links to it, and the officers' verification list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from startups.models import Follow, Officer, Startup, UnionUnit
from startups.services import profiles
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import pitch_create, startup_create

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year
NOTICE = "Shown in Vietnamese: the startup has not written this in English."


def page_url(startup, language="vi"):
    with override(language):
        return reverse("startups:startup-detail", kwargs={"slug": startup.slug})


@pytest.fixture
def units(site_tree):
    union_units_load()
    return {
        "daklak": UnionUnit.objects.get(level="province", province__code="66"),
        "hanoi": UnionUnit.objects.get(level="province", province__code="01"),
    }


@pytest.fixture
def startup(units):
    seller = SellerFactory(kind="startup", name="Nhóm Ea Tu")
    return startup_create(
        seller=seller,
        unit=units["daklak"],
        name="Cà phê Ea Tu",
        tagline="Cà phê sạch từ buôn làng",
        story="Nhóm thanh niên rang cà phê mộc.",
        facebook="https://www.facebook.com/caphe.eatu",
        website="http://cu.example.vn/",  # written around the checks: never shown
        team=[
            {"name": "Y Khoa Niê", "role": "Sáng lập", "birth_year": THIS_YEAR - 30},
            {"name": "H'Hen", "role": "Kế toán", "birth_year": THIS_YEAR - 50, "is_founder": False},
        ],
        awards=[{"name": "Khởi nghiệp tỉnh Đắk Lắk", "year": 2024, "rank": "Giải nhất"}],
    )


def officer_create(django_user_model, unit, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "mk-2026-x1")
    return Officer.objects.create(user=user, unit=unit)


# --- the public page ----------------------------------------------------------------------


def test_the_vietnamese_page_shows_the_profile(client, startup):
    response = client.get(page_url(startup))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Cà phê Ea Tu",
        "Cà phê sạch từ buôn làng",
        "Y Khoa Niê",
        "Khởi nghiệp tỉnh Đắk Lắk",
    ):
        assert text in html
    assert 'href="https://www.facebook.com/caphe.eatu" rel="nofollow noopener"' in html
    assert "http://cu.example.vn/" not in html
    assert 'data-testid="badge-youth"' in html  # the founder is 30; the accountant is no founder
    assert 'data-testid="badge-verified"' not in html
    assert 'lang="vi"' not in html.split('data-testid="startup-page"', 1)[1]


def test_the_english_page_falls_back_to_vietnamese_and_says_so(client, startup):
    with override("en"):
        html = client.get(page_url(startup, "en")).content.decode()
    assert NOTICE in html
    assert '<p class="startup-page__tagline lead" data-testid="startup-tagline" lang="vi">' in html
    assert 'data-testid="startup-story" lang="vi">Nhóm thanh niên' in html


def test_the_english_page_shows_the_english_texts_when_given(client, startup):
    Startup.objects.filter(pk=startup.pk).update(
        name_en="Ea Tu Coffee", tagline_en="Clean coffee from the village", story_en="We roast."
    )
    startup.team.filter(name="Y Khoa Niê").update(role_en="Founder and roaster")
    with override("en"):
        html = client.get(page_url(startup, "en")).content.decode()
    assert "Ea Tu Coffee" in html and "Clean coffee from the village" in html
    assert "Founder and roaster" in html and NOTICE not in html
    assert "Cà phê sạch từ buôn làng" not in html


def test_script_in_the_texts_is_shown_as_text(client, startup):
    script = "<script>alert(1)</script>"
    Startup.objects.filter(pk=startup.pk).update(name=script, tagline=script, story=script)
    startup.team.update(name=script, role=script)
    startup.awards.update(name=script, rank=script)
    for language in ("vi", "en"):
        with override(language):
            html = client.get(page_url(startup, language)).content.decode()
        assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_badges_verified_by_the_unit_and_ocop_stars(client, startup, units, django_user_model):
    officer = officer_create(django_user_model, units["daklak"], "cb-dl")
    profiles.startup_verify(officer=officer, startup=startup)
    product_create(seller=startup.partner, title="Cà phê hạt 1kg", stars=4)
    lapsed = product_create(
        seller=startup.partner,
        title="Cà phê cũ",
        stars=5,
        valid_from=datetime.date(2020, 1, 1),
        valid_until=datetime.date(2021, 1, 1),
    )
    with override("en"):
        html = client.get(page_url(startup, "en")).content.decode()
    assert f'Verified by <span lang="vi">{units["daklak"].name}</span>' in html
    badges = html.split('data-testid="startup-badges"', 1)[1].split("</ul>", 1)[0]
    assert "ocop-badge--4" in badges and "ocop-badge--5" not in badges
    assert lapsed.title in html  # still sold, only its lapsed stars are not a badge


def test_an_older_founder_means_no_youth_badge(client, startup):
    startup.team.filter(name="Y Khoa Niê").update(birth_year=THIS_YEAR - 36)
    html = client.get(page_url(startup)).content.decode()
    assert 'data-testid="badge-youth"' not in html


def test_only_public_products_show(client, startup):
    product_create(seller=startup.partner, title="Cà phê rang mộc 500g")
    product_create(seller=startup.partner, title="Bản nháp bí mật", is_public=False)
    html = client.get(page_url(startup)).content.decode()
    assert "Cà phê rang mộc 500g" in html and "Bản nháp bí mật" not in html


def test_published_pitches_are_listed_and_drafts_are_not(client, startup, units, django_user_model):
    officer = officer_create(django_user_model, units["daklak"], "cb-goi-von")
    public = pitch_create(startup=startup, title="Mở rộng xưởng rang", approved_by=officer)
    pitch_create(startup=startup, title="Bản nháp gọi vốn", slug="ban-nhap")
    html = client.get(page_url(startup)).content.decode()
    pitches = html.split('data-testid="startup-pitches"', 1)[1].split("</section>", 1)[0]
    target = reverse(
        "startups:pitch-detail", kwargs={"slug": startup.slug, "pitch_slug": public.slug}
    )
    assert f'href="{target}"' in pitches and "Mở rộng xưởng rang" in pitches
    assert "Bản nháp gọi vốn" not in html


def test_hidden_startups_and_suspended_sellers_are_404_but_the_owner_previews(client, startup):
    Startup.objects.filter(pk=startup.pk).update(published=False)
    assert client.get(page_url(startup)).status_code == 404
    other = seller_user_create(partner=SellerFactory(), username="nguoi-khac")
    client.force_login(other)
    assert client.get(page_url(startup)).status_code == 404
    owner = seller_user_create(partner=startup.partner, username="chu")
    client.force_login(owner)
    response = client.get(page_url(startup))
    assert (
        response.status_code == 200 and 'data-testid="startup-preview"' in response.content.decode()
    )
    client.logout()
    Startup.objects.filter(pk=startup.pk).update(published=True)
    startup.partner.status = "suspended"
    startup.partner.save()
    assert client.get(page_url(startup)).status_code == 404
    assert client.get("/khoi-nghiep/khong-co/").status_code == 404


def test_follow_asks_to_sign_in_then_counts_once(client, startup, django_user_model):
    follow = reverse("startups:follow", kwargs={"slug": startup.slug})
    response = client.post(follow, {"action": "follow"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert f"next={page_url(startup)}" in response["Location"]
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    client.force_login(buyer)
    client.post(follow, {"action": "follow"})
    client.post(follow, {"action": "follow"})  # a double click
    html = client.get(page_url(startup)).content.decode()
    assert 'data-testid="unfollow"' in html
    startup.refresh_from_db()
    assert startup.follower_count == 1 and Follow.objects.count() == 1
    with override("en"):
        html = client.get(page_url(startup, "en")).content.decode()
    assert "1 follower" in html
    client.post(follow, {"action": "unfollow"})
    startup.refresh_from_db()
    assert startup.follower_count == 0
    assert 'data-testid="follow"' in client.get(page_url(startup)).content.decode()
    Startup.objects.filter(pk=startup.pk).update(published=False)
    assert client.post(follow, {"action": "follow"}).status_code == 404


def test_the_page_is_cached_for_anonymous_visitors_until_the_startup_changes(
    client, startup, settings, django_user_model, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    url = page_url(startup)
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    with django_capture_on_commit_callbacks(execute=True):
        profiles.startup_follow(user=buyer, startup=startup)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    with override("en"):
        assert "1 follower" in client.get(page_url(startup, "en")).content.decode()


def grow(startup, n):
    for i in range(n):
        startup.team.create(name=f"Thành viên {i}", role="Kỹ sư", birth_year=THIS_YEAR - 25)
        startup.awards.create(name=f"Giải {i}", year=2020 + i % 5)
        product_create(seller=startup.partner, title=f"Cà phê số {i}")


def test_the_page_costs_a_fixed_number_of_queries(client, startup, django_user_model):
    url = page_url(startup)
    grow(startup, 1)  # with the fixture's two: 2 members, 2 awards... and 1 product
    product_create(seller=startup.partner, title="Cà phê thêm")
    counts = []
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    for signed_in in (False, True):
        if signed_in:
            client.force_login(buyer)
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        counts.append(len(few))
    client.logout()
    grow(startup, 18)
    for signed_in in (False, True):
        if signed_in:
            client.force_login(buyer)
        client.get(url)
        with CaptureQueriesContext(connection) as many:
            assert client.get(url).status_code == 200
        counts.append(len(many))
    print(
        f"\nQUERIES startup page: anonymous {counts[0]}/{counts[2]}, signed in {counts[1]}/{counts[3]}"
    )
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
    # The budget is the anonymous page's (what the cache serves and the benchmark measures);
    # a signed-in visitor adds the site's own header queries (basket, notifications...) and
    # one for the follow button.
    assert counts[0] <= 15, counts


# --- the product and seller pages ---------------------------------------------------------


def test_the_product_page_says_made_by_the_startup(client, startup):
    product = product_create(seller=startup.partner, title="Cà phê rang mộc 500g")
    html = client.get(product.get_absolute_url()).content.decode()
    link = html.split('data-testid="startup-link"', 1)[1].split("</p>", 1)[0]
    assert f'href="{page_url(startup)}"' in link and "Cà phê sạch từ buôn làng" in link
    Startup.objects.filter(pk=startup.pk).update(published=False)
    assert (
        'data-testid="startup-link"' not in client.get(product.get_absolute_url()).content.decode()
    )


def test_the_product_page_of_a_seller_without_startup_has_no_link(client, units, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'data-testid="startup-link"' not in html


def test_the_seller_page_links_the_startup_in_english_too(client, startup):
    Startup.objects.filter(pk=startup.pk).update(name_en="Ea Tu Coffee")
    with override("en"):
        html = client.get(startup.partner.get_absolute_url()).content.decode()
        target = page_url(startup, "en")
    link = html.split('data-testid="startup-link"', 1)[1].split("</p>", 1)[0]
    assert f'href="{target}"' in link and "Ea Tu Coffee" in link
    assert 'lang="vi">Cà phê sạch từ buôn làng' in link


def test_a_cached_product_page_follows_the_startup(
    client, startup, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    product = product_create(seller=startup.partner, title="Cà phê rang mộc 500g")
    owner = seller_user_create(partner=startup.partner, username="chu-shop")
    url = product.get_absolute_url()
    assert "Cà phê sạch từ buôn làng" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        profiles.startup_save(
            partner=startup.partner,
            user=owner,
            data={"tagline": "Khẩu hiệu mới của nhóm", "website": ""},
            team=[{"id": m.pk} for m in startup.team.all()],
        )
    assert "Khẩu hiệu mới của nhóm" in client.get(url).content.decode()


def test_the_product_page_budget_is_the_same_with_a_startup(client, seller, startup):
    plain = product_create(seller=seller, title="Cà phê của HTX")
    made = product_create(seller=startup.partner, title="Cà phê của nhóm")
    counts = []
    for product in (plain, made):
        client.get(product.get_absolute_url())
        with CaptureQueriesContext(connection) as ctx:
            client.get(product.get_absolute_url())
        counts.append(len(ctx))
    assert counts[0] == counts[1], counts


# --- the officers' list -------------------------------------------------------------------


def test_officers_see_and_verify_the_startups_of_their_tree(
    client, startup, units, django_user_model
):
    hanoi_startup = startup_create(unit=units["hanoi"], name="Trà Hà Nội")
    officer = officer_create(django_user_model, units["daklak"], "cb-dl")
    client.force_login(officer.user)
    html = client.get(reverse("startups:startup-queue")).content.decode()
    assert "Cà phê Ea Tu" in html and "Trà Hà Nội" not in html
    verify = reverse("startups:startup-verify", kwargs={"pk": startup.pk})
    assert client.post(verify, {"action": "verify"}).status_code == 302
    startup.refresh_from_db()
    assert startup.verified_by == units["daklak"]
    html = client.get(reverse("startups:startup-queue") + "?verified=no").content.decode()
    assert "Cà phê Ea Tu" not in html.split('data-testid="startup-queue"', 1)[1]
    client.post(verify, {"action": "unverify"})
    startup.refresh_from_db()
    assert startup.verified_by is None
    other = reverse("startups:startup-verify", kwargs={"pk": hanoi_startup.pk})
    assert client.post(other, {"action": "verify"}).status_code == 404
    hanoi_startup.refresh_from_db()
    assert hanoi_startup.verified_by is None


def test_an_officer_who_runs_the_shop_is_refused_with_a_message(
    client, startup, units, django_user_model
):
    officer = officer_create(django_user_model, units["daklak"], "cb-chu")
    startup.partner.users.add(officer.user)
    client.force_login(officer.user)
    verify = reverse("startups:startup-verify", kwargs={"pk": startup.pk})
    response = client.post(verify, {"action": "verify"}, follow=True)
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    startup.refresh_from_db()
    assert startup.verified_by is None


def test_the_officer_list_is_for_officers(client, startup, django_user_model):
    assert client.get(reverse("startups:startup-queue")).status_code == 302
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    client.force_login(buyer)
    assert client.get(reverse("startups:startup-queue")).status_code == 403
    verify = reverse("startups:startup-verify", kwargs={"pk": startup.pk})
    assert client.post(verify, {"action": "verify"}).status_code == 403
