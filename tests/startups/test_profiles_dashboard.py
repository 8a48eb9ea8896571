"""The seller's startup page in the dashboard: a round trip of the whole profile, its team and
awards; bad input refused with a message and nothing written; only sellers, each its own."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override
from PIL import Image

from core.uploads import SERVER_NAME
from startups.models import Award, Officer, Startup, TeamMember, UnionUnit
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, product_create, seller_user_create
from tests.startups.factories import startup_create

pytestmark = pytest.mark.django_db

URL = "/shop/dashboard/startup/"
THIS_YEAR = datetime.date.today().year
SCRIPT = "<script>alert(1)</script>"


def picture(name="logo.png", size=(120, 120)):
    data = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(data, format="PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def html_file(name="logo.png"):
    return SimpleUploadedFile(
        name, b"<!doctype html><html><body><script>alert(1)</script></body></html>", "image/png"
    )


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def post_data(province, *, team=None, awards=None, **overrides):
    """The edit form as a browser sends it: the profile, then team and award rows."""
    team = team if team is not None else [{"name": "Y Khoa Niê", "role": "Sáng lập"}]
    awards = awards or []
    data = {
        "name": "Cà phê Ea Tu",
        "name_en": "",
        "tagline": "Cà phê sạch từ buôn làng",
        "tagline_en": "",
        "story": "Nhóm thanh niên rang cà phê mộc.",
        "story_en": "",
        "founded_year": "2021",
        "province": str(province.pk),
        "sector": "agriculture_food",
        "stage": "first_sales",
        "looking_for": ["mentoring"],
        "website": "https://caphe-eatu.vn/",
        "facebook": "https://www.facebook.com/caphe.eatu",
        "zalo": "",
        "tiktok": "",
        "youtube": "",
        "published": "on",
        **management("team", len(team), sum(1 for row in team if row.get("id"))),
        **management("awards", len(awards), sum(1 for row in awards if row.get("id"))),
    }
    for i, row in enumerate(team):
        member = {"birth_year": str(THIS_YEAR - 28), "is_founder": "on", "role_en": "", **row}
        if member.get("is_founder") is None:
            del member["is_founder"]
        data.update({f"team-{i}-{k}": v for k, v in member.items()})
    for i, row in enumerate(awards):
        data.update({f"awards-{i}-{k}": v for k, v in row.items()})
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def world(site_tree):
    union_units_load()
    seller = SellerFactory(kind="startup", name="Nhóm Ea Tu")
    user = seller_user_create(partner=seller, username="ea-tu")
    province = UnionUnit.objects.get(level="province", province__code="66").province
    return {"seller": seller, "user": user, "province": province}


@pytest.fixture
def seller_client(client, world):
    client.force_login(world["user"])
    return client


def test_round_trip_of_the_whole_profile(seller_client, world):
    assert seller_client.get(URL).status_code == 200
    data = post_data(
        world["province"],
        team=[
            {"name": "Y Khoa Niê", "role": "Sáng lập", "photo": picture("y.png")},
            {"name": "H'Hen", "role": "Kế toán", "is_founder": None},
        ],
        awards=[{"name": "Khởi nghiệp tỉnh Đắk Lắk", "year": "2024", "rank": "Giải nhất"}],
        logo=picture(),
        name_en="Ea Tu Coffee",
    )
    response = seller_client.post(URL, data)
    assert response.status_code == 302 and response["Location"].endswith(URL)
    startup = Startup.objects.get(partner=world["seller"])
    assert (startup.name, startup.name_en, startup.published) == (
        "Cà phê Ea Tu",
        "Ea Tu Coffee",
        True,
    )
    assert SERVER_NAME.match(startup.logo.name.rsplit("/", 1)[1])  # a name the server made
    assert startup.facebook == "https://www.facebook.com/caphe.eatu"
    assert startup.looking_for == ["mentoring"]
    founder, accountant = startup.team.all()
    assert founder.photo and founder.is_founder and not accountant.is_founder
    assert startup.awards.get().rank == "Giải nhất"

    page = seller_client.get(URL).content.decode()
    assert 'value="Ea Tu Coffee"' in page and "H&#x27;Hen" in page
    # Second save: change a role, delete the accountant, keep the logo and the photo.
    data = post_data(
        world["province"],
        team=[
            {"id": str(founder.pk), "name": "Y Khoa Niê", "role": "Giám đốc"},
            {"id": str(accountant.pk), "name": "H'Hen", "role": "Kế toán", "DELETE": "on"},
        ],
        awards=[{"id": str(startup.awards.get().pk), "name": "Khởi nghiệp", "year": "2024"}],
    )
    assert seller_client.post(URL, data).status_code == 302
    startup.refresh_from_db()
    assert [m.role for m in startup.team.all()] == ["Giám đốc"]
    assert startup.team.get().photo == founder.photo and startup.logo
    assert startup.awards.get().name == "Khởi nghiệp"


def test_the_page_lists_the_sellers_public_products_only(seller_client, world):
    product_create(seller=world["seller"], title="Cà phê rang mộc 500g")
    product_create(seller=world["seller"], title="Bản nháp bí mật", is_public=False)
    product_create(seller=SellerFactory(), title="Mật ong của người khác")
    page = seller_client.get(URL).content.decode()
    assert "Cà phê rang mộc 500g" in page
    assert "Bản nháp bí mật" not in page and "Mật ong của người khác" not in page


def test_a_seller_only_ever_sees_and_edits_its_own_startup(client, world):
    theirs = startup_create(name="Khởi nghiệp của người khác", tagline="Khẩu hiệu riêng")
    client.force_login(world["user"])
    page = client.get(URL).content.decode()
    assert "Khởi nghiệp của người khác" not in page and "Khẩu hiệu riêng" not in page
    member = theirs.team.get()
    data = post_data(
        world["province"], team=[{"id": str(member.pk), "name": "Kẻ gian", "role": "x"}]
    )
    data["team-INITIAL_FORMS"] = "1"
    assert client.post(URL, data).status_code == 302
    member.refresh_from_db()
    assert member.name != "Kẻ gian" and member.startup == theirs  # theirs is left alone
    mine = Startup.objects.get(partner=world["seller"]).team.get()
    assert mine.name == "Kẻ gian" and mine.pk != member.pk  # a new row of the seller's own


@pytest.mark.parametrize("role", ["anonymous", "buyer", "staff", "officer"])
def test_the_page_is_for_sellers_only(client, world, django_user_model, role):
    if role != "anonymous":
        user = django_user_model.objects.create_user(
            role, f"{role}@example.com", "mk-2026-x1", is_staff=role == "staff"
        )
        if role == "officer":
            Officer.objects.create(user=user, unit=UnionUnit.objects.get(code="trung-uong-doan"))
        client.force_login(user)
    response = client.get(URL)
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    else:
        assert response.status_code == 404


def test_a_household_seller_is_told_why_and_nothing_is_written(client, world):
    household = SellerFactory(kind="household")
    user = seller_user_create(partner=household, username="ho-kinh-doanh")
    client.force_login(user)
    with override("en"):
        page = client.get("/en" + URL).content.decode()
    assert 'data-testid="startup-refusal"' in page and "household business" in page
    assert 'data-testid="startup-form"' not in page
    client.post(URL, post_data(world["province"]))
    assert not Startup.objects.exists()


# --- bad input: a message in the user's language, nothing written --------------------------


def refused(client, world, data):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not Startup.objects.exists() and not TeamMember.objects.exists()
    assert not Award.objects.exists()
    return response.content.decode()


def test_a_logo_that_is_an_html_file(seller_client, world):
    page = refused(seller_client, world, post_data(world["province"], logo=html_file()))
    assert "error-block" in page


def test_a_team_photo_that_is_an_html_file(seller_client, world):
    data = post_data(world["province"], team=[{"name": "A", "role": "B", "photo": html_file()}])
    refused(seller_client, world, data)


def test_a_year_of_birth_in_the_future_or_before_1900(seller_client, world):
    for year in (THIS_YEAR + 1, 1899):
        data = post_data(world["province"], team=[{"name": "A", "role": "B", "birth_year": year}])
        refused(seller_client, world, data)


def test_a_year_of_an_award_or_founding_in_the_future(seller_client, world):
    future = str(THIS_YEAR + 1)
    refused(
        seller_client,
        world,
        post_data(world["province"], awards=[{"name": "Giải", "year": future}]),
    )
    refused(seller_client, world, post_data(world["province"], founded_year=future))


def test_a_team_without_a_founder(seller_client, world):
    data = post_data(world["province"], team=[{"name": "A", "role": "B", "is_founder": None}])
    with override("en"):
        page = refused(seller_client, world, data)
    assert 'data-testid="team-errors"' in page


@pytest.mark.parametrize(
    "field, url",
    [
        ("website", "http://caphe-eatu.vn/"),
        ("facebook", "http://www.facebook.com/caphe"),
        ("facebook", "https://www.facebook.com.evil.vn/caphe"),
        ("zalo", "https://www.facebook.com/caphe"),
        ("tiktok", "https://www.youtube.com/@caphe"),
        ("youtube", "https://evil.vn/watch?v=1"),
        ("website", "javascript:alert(1)"),
    ],
)
def test_bad_links(seller_client, world, field, url):
    with override("en"):
        response = seller_client.post("/en" + URL, post_data(world["province"], **{field: url}))
        assert response.status_code == 200
        assert not Startup.objects.exists()
        form = response.context["form"]
        assert field in form.errors, form.errors
        errors = " ".join(form.errors[field])  # messages are read in the active language
        assert any(word in errors for word in ("https://", "not on", "valid")), errors


def test_a_tagline_over_90_characters(seller_client, world):
    refused(seller_client, world, post_data(world["province"], tagline="x" * 91))


def test_script_in_every_text_field_is_kept_as_text_and_shown_escaped(seller_client, world):
    data = post_data(
        world["province"],
        team=[{"name": SCRIPT, "role": SCRIPT, "role_en": SCRIPT}],
        awards=[{"name": SCRIPT, "year": "2024", "rank": SCRIPT}],
        name=SCRIPT,
        name_en=SCRIPT,
        tagline=SCRIPT,
        tagline_en=SCRIPT,
        story=SCRIPT,
        story_en=SCRIPT,
    )
    assert seller_client.post(URL, data).status_code == 302
    startup = Startup.objects.get()
    assert startup.name == SCRIPT and re.fullmatch(r"[a-z0-9-]+", startup.slug)
    for url in (URL, reverse("startups:startup-detail", kwargs={"slug": startup.slug})):
        page = seller_client.get(url).content.decode()
        assert SCRIPT not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
