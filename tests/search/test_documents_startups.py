"""The startup documents of the directory (``search.documents.startup_documents``): only
public startups, the youth-team rule, "has OCOP products" from the seller's certified public
products, "looking for" from the profile and the published pitches, this month's follows,
and a fixed number of queries however many startups."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.documents import month_start, startup_documents
from startups.models import Follow, Pitch, PitchVersion, UnionUnit
from tests.catalog.factories import SellerFactory, product_create
from tests.startups.factories import startup_create

User = get_user_model()
pytestmark = pytest.mark.django_db


def founder(age, *, is_founder=True, name="Hờ Thị Mai"):
    year = datetime.date.today().year - age
    return {"name": name, "role": "Sáng lập", "birth_year": year, "is_founder": is_founder}


def documents(*startups):
    return {d.id: d for d in startup_documents([s.pk for s in startups])}


def published_pitch(startup, *, ask_kind, slug="goi-von"):
    """A pitch whose approved version asks for ``ask_kind`` (its working copy asks a loan)."""
    officer = User.objects.create_user(f"can-bo-{slug}-{startup.pk}", "cb@example.com", "x")
    pitch = Pitch.objects.create(startup=startup, slug=slug, title="Gọi vốn", ask_kind="loan")
    version = PitchVersion.objects.create(
        pitch=pitch,
        number=1,
        content={"schema": 1, "title": "Gọi vốn", "ask_kind": ask_kind},
        approved_by=officer,
        approved_unit=UnionUnit.objects.get(level="province", province__code="66"),
    )
    Pitch.objects.filter(pk=pitch.pk).update(published_version=version, state="approved")
    return pitch


def test_a_document_holds_what_the_directory_shows(reference_data):
    startup = startup_create(
        name="Cà phê Ea Tu",
        name_en="Ea Tu Coffee",
        tagline="Cà phê sạch từ buôn làng",
        tagline_en="Clean coffee from the village",
        story="<p>Nhóm thanh niên <b>rang mộc</b></p>",
        looking_for=["mentoring", "no-such-thing"],
    )
    (doc,) = startup_documents([startup.pk])
    assert (doc.id, doc.kind, doc.title, doc.title_folded) == (
        startup.pk,
        "startup",
        "Cà phê Ea Tu",
        "ca phe ea tu",
    )
    for words in ("ea tu coffee", "ca phe sach", "clean coffee", "rang moc", "dak lak"):
        assert words in doc.body_folded
    assert "<" not in doc.body_folded
    assert (doc.province_code, doc.sector, doc.stage) == ("66", "agriculture_food", "first_sales")
    assert doc.seller_id == startup.partner_id
    assert doc.looking_for == ["mentoring"]  # unknown codes are dropped
    assert doc.youth_team is True and doc.verified is False and doc.has_ocop is False
    assert (doc.followers_month, doc.interest, doc.logo_url) == (0, 0, "")


def test_only_public_startups_have_documents(reference_data):
    shown = startup_create()
    hidden = startup_create(published=False)
    suspended = startup_create(seller=SellerFactory(kind="startup", status="suspended"))
    assert set(documents(shown, hidden, suspended)) == {shown.pk}
    assert {d.id for d in startup_documents()} == {shown.pk}


def test_verified_by_a_unit(reference_data):
    startup, other = startup_create(), startup_create()
    startup.verified_by = UnionUnit.objects.get(level="province", province__code="66")
    startup.save()
    docs = documents(startup, other)
    assert (docs[startup.pk].verified, docs[other.pk].verified) == (True, False)


def test_youth_team_when_every_founder_is_35_or_under_this_year(reference_data):
    at_35 = startup_create(team=[founder(35), founder(22, name="Y Blơk")])
    at_36 = startup_create(team=[founder(36), founder(22, name="Y Blơk")])
    # An older adviser who is no founder does not count; a team without founders is no team.
    adviser = startup_create(team=[founder(30), founder(60, is_founder=False, name="Ông Ba")])
    no_founder = startup_create(team=[founder(25, is_founder=False)])
    docs = documents(at_35, at_36, adviser, no_founder)
    assert [docs[s.pk].youth_team for s in (at_35, at_36, adviser, no_founder)] == [
        True,
        False,
        True,
        False,
    ]


def test_has_ocop_only_with_a_public_product_whose_certificate_is_in_force(reference_data):
    today = datetime.date.today()
    certified, lapsed, withdrawn, uncertified = (startup_create() for _ in range(4))
    product_create(seller=certified.partner, title="Cà phê 4 sao", stars=4)
    product_create(
        seller=lapsed.partner,
        title="Cà phê hết hạn",
        stars=4,
        valid_from=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )
    product_create(seller=withdrawn.partner, title="Cà phê nháp", stars=5, is_public=False)
    product_create(seller=uncertified.partner, title="Cà phê chưa chứng nhận", stars=None)
    docs = documents(certified, lapsed, withdrawn, uncertified)
    assert [docs[s.pk].has_ocop for s in (certified, lapsed, withdrawn, uncertified)] == [
        True,
        False,
        False,
        False,
    ]


def test_looking_for_adds_what_the_published_pitches_ask(reference_data):
    startup = startup_create(looking_for=["mentoring"])
    published_pitch(startup, ask_kind="bulk_buyer")  # a bulk buyer is a distribution partner
    published_pitch(startup, ask_kind="grant", slug="tai-tro")
    # A pitch never approved: its working copy's ask is not public.
    Pitch.objects.create(startup=startup, slug="nhap", title="Nháp", ask_kind="investment")
    assert documents(startup)[startup.pk].looking_for == ["distribution", "grant", "mentoring"]


def test_followers_this_month_count_follows_since_the_first_in_viet_nam(reference_data):
    startup = startup_create()
    startup.interest_count = 7
    startup.save()
    start = month_start()
    assert start.day == 1 and start.hour == 0 and start.utcoffset() == datetime.timedelta(hours=7)
    for n, created in enumerate(
        [
            start - datetime.timedelta(minutes=1),  # last month, by Viet Nam's clock
            start,
            timezone.now(),
        ]
    ):
        user = User.objects.create_user(f"nguoi-theo-doi-{n}", f"f{n}@example.com", "x")
        Follow.objects.create(user=user, startup=startup, created=created)
    doc = documents(startup)[startup.pk]
    assert (doc.followers_month, doc.interest) == (2, 7)


def test_documents_cost_the_same_queries_for_2_or_12_startups(reference_data):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            docs = list(startup_documents())
        assert docs
        return len(ctx.captured_queries)

    def add(n):
        for _ in range(n):
            startup = startup_create(looking_for=["loan"])
            product_create(seller=startup.partner, title="Mật ong", stars=3)
            published_pitch(startup, ask_kind="investment")
            user = User.objects.create_user(f"u-{startup.pk}", f"u{startup.pk}@example.com", "x")
            Follow.objects.create(user=user, startup=startup)

    add(2)
    two = queries()
    add(10)
    assert queries() == two <= 6
