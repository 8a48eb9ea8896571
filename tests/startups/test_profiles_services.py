"""Startup profile services: who may have a startup, one per seller, its address, its unit,
verification by the unit tree, the youth-team rule, follows, and the link checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from startups import access
from startups.models import Follow, Officer, Startup, TeamMember, UnionUnit
from startups.services import profiles
from startups.services.union import union_units_load
from tests.catalog.factories import SellerFactory, seller_user_create
from tests.startups.factories import approved_application_create, startup_create

pytestmark = pytest.mark.django_db

THIS_YEAR = datetime.date.today().year


def profile(**overrides):
    data = {
        "name": "Cà phê Ea Tu",
        "tagline": "Cà phê sạch từ buôn làng",
        "story": "Nhóm thanh niên rang cà phê mộc.",
        "founded_year": 2021,
        "province": UnionUnit.objects.get(level="province", province__code="66").province,
        "sector": "agriculture_food",
        "stage": "first_sales",
        "looking_for": ["mentoring", "investment"],
        "published": True,
    }
    return {**data, **overrides}


FOUNDER = {
    "name": "Y Khoa Niê",
    "role": "Sáng lập",
    "birth_year": THIS_YEAR - 30,
    "is_founder": True,
}


@pytest.fixture
def units(reference_data):
    union_units_load()
    return {
        "daklak": UnionUnit.objects.get(level="province", province__code="66"),
        "hanoi": UnionUnit.objects.get(level="province", province__code="01"),
    }


@pytest.fixture
def startup_seller(units, django_user_model):
    seller = SellerFactory(kind="startup", name="Nhóm Ea Tu")
    user = seller_user_create(partner=seller, username="ea-tu")
    creator = django_user_model.objects.create_user("nv-tao", "nvtao@example.com", "mk-2026-x1")
    approved_application_create(seller=seller, unit=units["daklak"], created_by=creator)
    return seller, user


def officer_create(django_user_model, unit, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "mk-2026-x1")
    return Officer.objects.create(user=user, unit=unit)


# --- who may have one ---------------------------------------------------------------------


def test_a_startup_seller_saves_its_startup_with_team_and_awards(startup_seller, units):
    seller, user = startup_seller
    startup = profiles.startup_save(
        partner=seller,
        user=user,
        data=profile(),
        team=[FOUNDER, {**FOUNDER, "name": "H'Hen", "is_founder": False}],
        awards=[{"name": "Khởi nghiệp tỉnh Đắk Lắk", "year": 2024, "rank": "Giải nhất"}],
    )
    assert startup.slug == "ca-phe-ea-tu"
    assert startup.union_unit == units["daklak"]  # the unit it applied through
    assert [m.name for m in startup.team.all()] == ["Y Khoa Niê", "H'Hen"]
    assert startup.awards.get().rank == "Giải nhất"
    assert startup.looking_for == ["investment", "mentoring"]  # in the list's order


def test_a_cooperative_may_present_a_startup_a_household_may_not(units, django_user_model):
    coop = SellerFactory(kind="cooperative")
    coop_user = seller_user_create(partner=coop, username="htx")
    assert profiles.startup_save(partner=coop, user=coop_user, data=profile(), team=[FOUNDER])
    household = SellerFactory(kind="household")
    household_user = seller_user_create(partner=household, username="ho-kd")
    with override("en"), pytest.raises(profiles.StartupRefused) as refused:
        profiles.startup_save(
            partner=household, user=household_user, data=profile(), team=[FOUNDER]
        )
    assert "household business" in refused.value.message
    assert not Startup.objects.filter(partner=household).exists()


def test_a_suspended_seller_and_someone_elses_account_are_refused(startup_seller, units):
    seller, user = startup_seller
    other = SellerFactory(kind="startup")
    other_user = seller_user_create(partner=other, username="nguoi-khac")
    with pytest.raises(profiles.StartupRefused):
        profiles.startup_save(partner=seller, user=other_user, data=profile(), team=[FOUNDER])
    seller.status = "suspended"
    seller.save()
    with pytest.raises(profiles.StartupRefused):
        profiles.startup_save(partner=seller, user=user, data=profile(), team=[FOUNDER])
    assert Startup.objects.count() == 0


def test_one_startup_per_seller_a_second_save_updates_it(startup_seller):
    seller, user = startup_seller
    first = profiles.startup_save(partner=seller, user=user, data=profile(), team=[FOUNDER])
    member = first.team.get()
    second = profiles.startup_save(
        partner=seller,
        user=user,
        data=profile(name="Cà phê Ea Tu Mới", tagline="Khẩu hiệu mới"),
        team=[{**FOUNDER, "id": member.pk, "role": "Giám đốc"}],
    )
    assert second.pk == first.pk and Startup.objects.count() == 1
    assert second.slug == "ca-phe-ea-tu"  # the address stays
    assert second.team.get().pk == member.pk and second.team.get().role == "Giám đốc"


def test_slugs_are_unique(units):
    names = []
    for n in range(3):
        seller = SellerFactory(kind="startup")
        user = seller_user_create(partner=seller, username=f"nguoi-ban-{n}")
        names.append(
            profiles.startup_save(partner=seller, user=user, data=profile(), team=[FOUNDER]).slug
        )
    assert names == ["ca-phe-ea-tu", "ca-phe-ea-tu-2", "ca-phe-ea-tu-3"]


def test_a_seller_without_application_falls_to_its_province_union(units):
    seller = SellerFactory(kind="startup")  # Đắk Lắk, set up by staff: no application
    user = seller_user_create(partner=seller, username="khong-don")
    startup = profiles.startup_save(partner=seller, user=user, data=profile(), team=[FOUNDER])
    assert startup.union_unit == units["daklak"]


def test_a_seller_without_application_or_province_is_refused_clearly(units):
    seller = SellerFactory(kind="startup", province=None)
    user = seller_user_create(partner=seller, username="khong-tinh")
    with override("en"), pytest.raises(profiles.StartupRefused) as refused:
        profiles.startup_save(partner=seller, user=user, data=profile(), team=[FOUNDER])
    assert "no youth union unit" in refused.value.message
    assert not Startup.objects.exists()


def test_rows_left_out_are_deleted_and_another_startups_row_is_not_taken(startup_seller, units):
    seller, user = startup_seller
    other = startup_create(unit=units["daklak"])
    theirs = other.team.get()
    startup = profiles.startup_save(
        partner=seller,
        user=user,
        data=profile(),
        team=[FOUNDER, {**FOUNDER, "name": "Ama Lâm"}],
        awards=[{"name": "Giải A", "year": 2023}],
    )
    keep = startup.team.get(name="Ama Lâm")
    profiles.startup_save(
        partner=seller,
        user=user,
        data=profile(),
        team=[{**FOUNDER, "id": keep.pk}, {**FOUNDER, "id": theirs.pk, "name": "Kẻ chiếm"}],
        awards=[],
    )
    assert sorted(startup.team.values_list("name", flat=True)) == ["Kẻ chiếm", "Y Khoa Niê"]
    assert startup.team.get(name="Kẻ chiếm").pk != theirs.pk  # a new row of this startup
    assert TeamMember.objects.get(pk=theirs.pk).startup == other
    assert not startup.awards.exists()


def test_a_save_that_fails_writes_nothing(startup_seller):
    seller, user = startup_seller
    with pytest.raises(ValidationError):
        profiles.startup_save(
            partner=seller,
            user=user,
            data=profile(),
            team=[FOUNDER, {**FOUNDER, "name": "Tương Lai", "birth_year": THIS_YEAR + 1}],
        )
    with pytest.raises(ValidationError):
        profiles.startup_save(
            partner=seller, user=user, data=profile(facebook="https://evil.vn/fb"), team=[FOUNDER]
        )
    with pytest.raises(ValidationError):
        profiles.startup_save(
            partner=seller, user=user, data=profile(), team=[{**FOUNDER, "is_founder": False}]
        )
    assert not Startup.objects.exists() and not TeamMember.objects.exists()


def test_publish_and_hide(startup_seller):
    seller, user = startup_seller
    startup = profiles.startup_save(
        partner=seller, user=user, data=profile(published=False), team=[FOUNDER]
    )
    assert profiles.startup_publish(startup=startup, user=user).published
    assert not profiles.startup_hide(startup=startup, user=user).published
    stranger = seller_user_create(partner=SellerFactory(), username="la")
    with pytest.raises(profiles.StartupRefused):
        profiles.startup_publish(startup=startup, user=stranger)


def test_a_change_bumps_the_page_token_and_tells_the_directory_after_commit(
    startup_seller, django_capture_on_commit_callbacks
):
    seller, user = startup_seller
    heard = []

    def receiver(sender, startup_id, **kwargs):
        heard.append(startup_id)

    profiles.startup_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            startup = profiles.startup_save(
                partner=seller, user=user, data=profile(), team=[FOUNDER]
            )
        token = profiles.pagecache.tokens([profiles.startup_key(startup.pk)])
        with django_capture_on_commit_callbacks(execute=True):
            profiles.startup_hide(startup=startup, user=user)
    finally:
        profiles.startup_changed.disconnect(receiver)
    assert heard == [startup.pk, startup.pk]
    assert profiles.pagecache.tokens([profiles.startup_key(startup.pk)]) != token


# --- verification -------------------------------------------------------------------------


def test_an_officer_of_the_tree_verifies_with_its_own_unit(units, django_user_model):
    startup = startup_create(unit=units["daklak"])
    central = officer_create(django_user_model, units["daklak"].get_parent(), "tw")
    verified = profiles.startup_verify(officer=central, startup=startup)
    assert verified.verified_by == central.unit and verified.verified_by_user == central.user
    assert verified.verified_at is not None
    assert profiles.startup_unverify(officer=central, startup=startup).verified_by is None


def test_an_officer_of_another_province_may_not_verify(units, django_user_model):
    startup = startup_create(unit=units["daklak"])
    hanoi = officer_create(django_user_model, units["hanoi"], "cb-hn")
    with pytest.raises(access.NotAllowed):
        profiles.startup_verify(officer=hanoi, startup=startup)
    startup.refresh_from_db()
    assert startup.verified_by is None


def test_an_officer_who_runs_the_seller_may_not_verify_it(units, django_user_model):
    startup = startup_create(unit=units["daklak"])
    officer = officer_create(django_user_model, units["daklak"], "cb-chu-shop")
    startup.partner.users.add(officer.user)
    with pytest.raises(access.ConflictOfInterest):
        profiles.startup_verify(officer=officer, startup=startup)
    startup.refresh_from_db()
    assert startup.verified_by is None


def test_a_lower_unit_does_not_undo_the_verification_of_the_unit_above(units, django_user_model):
    branch = units["daklak"].add_child(
        name="Đoàn xã Ea Tu",
        code="doan-xa-ea-tu",
        level="grassroots",
        province=units["daklak"].province,
    )
    startup = startup_create(unit=branch)
    province = officer_create(django_user_model, units["daklak"], "cb-tinh")
    local = officer_create(django_user_model, branch, "cb-xa")
    profiles.startup_verify(officer=province, startup=startup)
    with pytest.raises(access.NotAllowed):
        profiles.startup_unverify(officer=local, startup=startup)
    startup.refresh_from_db()
    assert startup.verified_by == units["daklak"]


# --- the youth-team rule ------------------------------------------------------------------


def test_youth_team_at_the_boundary_35_and_36():
    today = datetime.date(2026, 1, 1)  # age by year of birth: the day in the year is irrelevant
    assert profiles.is_youth_team([{"birth_year": 1991, "is_founder": True}], today)  # 35
    assert not profiles.is_youth_team([{"birth_year": 1990, "is_founder": True}], today)  # 36
    assert not profiles.is_youth_team(
        [{"birth_year": 2000, "is_founder": True}, {"birth_year": 1990, "is_founder": True}], today
    )


def test_youth_team_counts_founders_only_and_needs_one():
    today = datetime.date(2026, 12, 31)
    older_adviser = {"birth_year": 1960, "is_founder": False}
    assert profiles.is_youth_team([{"birth_year": 1995, "is_founder": True}, older_adviser], today)
    assert not profiles.is_youth_team([older_adviser], today)
    assert not profiles.is_youth_team([], today)


def test_youth_team_reads_team_member_rows(units):
    startup = startup_create(
        team=[
            {"name": "A", "role": "CEO", "birth_year": timezone.localdate().year - 35},
            {"name": "B", "role": "CTO", "birth_year": timezone.localdate().year - 20},
        ]
    )
    assert profiles.is_youth_team(startup.team.all())


# --- follows ------------------------------------------------------------------------------


def test_follow_and_unfollow_are_idempotent(units, django_user_model):
    startup = startup_create()
    buyer = django_user_model.objects.create_user("mua", "mua@example.com", "mk-2026-x1")
    assert profiles.startup_follow(user=buyer, startup=startup) is True
    assert profiles.startup_follow(user=buyer, startup=startup) is False
    startup.refresh_from_db()
    assert startup.follower_count == 1 and Follow.objects.count() == 1
    assert profiles.startup_unfollow(user=buyer, startup=startup) is True
    assert profiles.startup_unfollow(user=buyer, startup=startup) is False
    startup.refresh_from_db()
    assert startup.follower_count == 0 and not Follow.objects.exists()


def test_a_second_follow_inside_a_transaction_leaves_it_usable(units, django_user_model):
    startup = startup_create()
    buyer = django_user_model.objects.create_user("mua2", "mua2@example.com", "mk-2026-x1")
    with transaction.atomic():
        profiles.startup_follow(user=buyer, startup=startup)
        profiles.startup_follow(user=buyer, startup=startup)
        assert Follow.objects.count() == 1  # the savepoint kept the transaction alive


def test_a_hidden_startup_cannot_be_followed(units, django_user_model):
    startup = startup_create(published=False)
    buyer = django_user_model.objects.create_user("mua3", "mua3@example.com", "mk-2026-x1")
    with pytest.raises(profiles.StartupRefused):
        profiles.startup_follow(user=buyer, startup=startup)
    assert not Follow.objects.exists()


# --- link checks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check, url, expected",
    [
        (profiles.facebook_check, "https://www.facebook.com/caphe.eatu", None),
        (profiles.facebook_check, "https://m.facebook.com/caphe.eatu", None),
        (profiles.facebook_check, "https://fb.me/caphe", None),
        (profiles.facebook_check, "https://FB.com/caphe", "https://fb.com/caphe"),
        (profiles.zalo_check, "https://zalo.me/0912345678", None),
        (profiles.zalo_check, "https://oa.zalo.me/caphe", None),
        (profiles.tiktok_check, "https://vt.tiktok.com/ZS123/", None),
        (profiles.tiktok_check, "https://www.tiktok.com/@caphe", None),
        (profiles.youtube_check, "https://youtu.be/abc", None),
        (profiles.youtube_check, "https://m.youtube.com/@caphe", None),
        (profiles.website_check, "https://caphe-eatu.vn", "https://caphe-eatu.vn/"),
        (profiles.website_check, "", ""),
    ],
)
def test_links_on_their_network_pass(check, url, expected):
    assert check(url) == (url if expected is None else expected)


@pytest.mark.parametrize(
    "check, url",
    [
        (profiles.facebook_check, "http://www.facebook.com/caphe"),  # not https
        (profiles.facebook_check, "https://facebook.com.evil.vn/caphe"),
        (profiles.facebook_check, "https://evilfacebook.com/caphe"),
        (profiles.facebook_check, "https://www.youtube.com/caphe"),  # another network
        (profiles.zalo_check, "https://zalo.vn/caphe"),
        (profiles.tiktok_check, "https://tiktok.vn/@caphe"),
        (profiles.youtube_check, "https://youtube.evil.com/watch"),
        (profiles.website_check, "javascript:alert(1)"),
        (profiles.website_check, "https://127.0.0.1/"),
        (profiles.website_check, "https://localhost/admin"),
        (profiles.website_check, "https://user:pw@caphe.vn/"),
        (profiles.website_check, "https://caphe.vn:8443/"),
        (profiles.website_check, "https://evil.vn\\.caphe.vn/"),
        (profiles.website_check, "https://ca phe.vn/"),
    ],
)
def test_bad_links_are_refused(check, url):
    with pytest.raises(ValidationError):
        check(url)
