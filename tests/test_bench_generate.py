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
