"""The benchmark's data generator makes consistent rows: what the directory, startup and pitch
pages are measured on must be what the site would hold (counts that match their rows, one
startup per seller, each in its province's union unit)."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from bench.generate import generate
from startups.models import Follow, Lead, Pitch, Startup


@pytest.mark.django_db
def test_startups_followers_and_leads_are_consistent():
    call_command("load_reference_data", verbosity=0)
    counts = generate(
        products=60, sellers=12, orders=10, startups=25, visitors=30, leads=40, say=lambda _: None
    )

    assert counts["startups, teams and followers"] == 25
    assert Startup.objects.count() == 25
    assert Startup.objects.values("partner").distinct().count() == 25
    assert not Startup.objects.exclude(partner__kind__in=["startup", "cooperative"]).exists()
    assert not Startup.objects.exclude(union_unit__province=models_province()).exists()
    follows = dict(Follow.objects.values_list("startup").annotate(n=Count("pk")))
    leads = dict(Lead.objects.values_list("startup").annotate(n=Count("pk")))
    assert Lead.objects.count() == 40
    for startup in Startup.objects.all():
        assert startup.follower_count == follows.get(startup.pk, 0)
        assert startup.interest_count == leads.get(startup.pk, 0)
        assert startup.team.filter(is_founder=True).exists()
    pitches = Pitch.objects.select_related("published_version").prefetch_related("fund_uses")
    assert pitches
    for pitch in pitches:
        assert pitch.published_version.content["title"] == pitch.title
        assert sum(use.amount for use in pitch.fund_uses.all()) == pitch.ask_amount


def models_province():
    from django.db.models import F

    return F("province")


@pytest.mark.django_db
def test_expo_is_live_with_booths_of_their_own_sellers_products():
    """The benchmark's expo: live, of the Đắk Lắk provincial unit, its booths approved, of
    public startups, each featuring only its own seller's public products."""
    from catalog.selectors import public_products
    from startups.models import Booth, BoothProduct, Expo, ExpoSession

    call_command("load_reference_data", verbosity=0)
    counts = generate(
        products=80,
        sellers=12,
        orders=0,
        startups=20,
        visitors=10,
        leads=0,
        expo_booths=4,
        expo_halls=3,
        expo_products=3,
        say=lambda _: None,
    )

    expo = Expo.objects.get()
    assert expo.phase == Expo.Phase.LIVE
    assert expo.unit.level == "province" and expo.unit.province.code == "66"
    assert expo.halls.count() == 3
    booths = list(Booth.objects.filter(expo=expo).select_related("startup", "hall"))
    assert 0 < len(booths) <= 4 and counts["expo booths"] == len(booths)
    assert len({booth.startup_id for booth in booths}) == len(booths)
    public = set(public_products().values_list("pk", flat=True))
    for booth in booths:
        assert booth.status == Booth.Status.APPROVED
        assert booth.hall.expo_id == expo.pk
        assert booth.startup.published and booth.startup.partner.status == "approved"
        featured = list(BoothProduct.objects.filter(booth=booth).values_list("product", flat=True))
        own = public_products().filter(stockrecords__partner=booth.startup.partner_id).count()
        assert len(featured) == min(3, own) > 0  # as many as asked for, when the seller has them
        assert set(featured) <= public
        sellers = set(
            BoothProduct.objects.filter(booth=booth).values_list(
                "product__stockrecords__partner", flat=True
            )
        )
        assert sellers == {booth.startup.partner_id}
    # Startups with enough products to feature come first: one with fewer has a booth only
    # when every startup with enough has one.
    enough = {
        startup.pk
        for startup in Startup.objects.filter(published=True, partner__status="approved")
        if public_products().filter(stockrecords__partner=startup.partner_id).count() >= 3
    }
    exhibitors = {booth.startup_id for booth in booths}
    assert enough <= exhibitors or exhibitors <= enough
    sessions = ExpoSession.objects.filter(expo=expo)
    assert sessions.count() == 4
    assert sessions.filter(kind="pitch").exclude(replay_url="").exists()
    assert sessions.filter(kind="livestream").exclude(stream_url="").exists()


@pytest.mark.django_db
def test_no_expo_when_asked_for_none():
    from startups.models import Expo

    call_command("load_reference_data", verbosity=0)
    counts = generate(
        products=20,
        sellers=4,
        orders=0,
        startups=3,
        visitors=2,
        leads=0,
        expo_booths=0,
        say=lambda _: None,
    )
    assert counts["expo booths"] == 0
    assert not Expo.objects.exists()
