"""Issue 13's permission rule in one place: the first startup's leads, drafts and pitch history
are seen by that startup and the officers of its unit tree only. A second startup and an
officer of another province get 404 on every one of them (and nothing changes when they post).
Each domain's own tests go further; this walks the list the issue names."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from startups.models import Lead, Officer, Pitch, UnionUnit
from startups.services.union import union_units_load
from tests.startups.factories import pitch_create, startup_create

pytestmark = pytest.mark.django_db
User = get_user_model()


def seller_account(startup, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    startup.partner.users.add(user)
    return user


def officer_of(province_code, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    unit = UnionUnit.objects.get(level="province", province__code=province_code)
    Officer.objects.create(user=user, unit=unit)
    return user


@pytest.fixture
def world(reference_data):
    union_units_load()
    first = startup_create(name="Cà phê Ea Tu")
    second = startup_create(name="Chè La Bằng")
    reviewer = officer_of("66", "canbo-daklak")
    published = pitch_create(
        startup=first, title="Xưởng rang", approved_by=Officer.objects.get(user=reviewer)
    )
    draft = pitch_create(startup=first, title="Kho lạnh bản nháp")
    lead = Lead.objects.create(
        startup=first,
        pitch=published,
        role=Lead.Role.INVESTOR,
        message="Tôi muốn đầu tư vào xưởng rang.",
        name="Lan",
        email="lan@example.com",
        phone="+84912345678",
        fingerprint="f",
    )
    return {
        "first": first,
        "owner": seller_account(first, "chu-ea-tu"),
        "rival": seller_account(second, "chu-la-bang"),
        "reviewer": reviewer,
        "stranger": officer_of("01", "canbo-ha-noi"),
        "published": published,
        "draft": draft,
        "lead": lead,
    }


def private_urls(w):
    first, published, draft = w["first"], w["published"], w["draft"]
    return [
        reverse("dashboard:lead-detail", kwargs={"pk": w["lead"].pk}),
        reverse("dashboard:pitch-edit", kwargs={"pk": draft.pk}),
        reverse("dashboard:pitch-edit", kwargs={"pk": published.pk}),
        reverse("dashboard:pitch-updates", kwargs={"pk": published.pk}),
        reverse("dashboard:pitch-questions", kwargs={"pk": published.pk}),
        reverse(
            "startups:pitch-history", kwargs={"slug": first.slug, "pitch_slug": published.slug}
        ),
        reverse("startups:pitch-detail", kwargs={"slug": first.slug, "pitch_slug": draft.slug}),
        reverse("startups:pitch-review", kwargs={"pk": draft.pk}),
        reverse("startups:officer-leads") + f"?startup={first.pk}",
    ]


def test_a_second_startup_gets_404_on_the_first_startups_leads_drafts_and_history(client, world):
    client.force_login(world["rival"])
    for url in private_urls(world):
        # The union's desks refuse a non-officer as such (403), whatever the id.
        expected = {403, 404} if url.startswith("/union/") else {404}
        assert client.get(url).status_code in expected, url
    export = client.get(reverse("dashboard:lead-export", kwargs={"fmt": "csv"}))
    assert "lan@example.com" not in export.content.decode("utf-8-sig")
    # Posting to the draft's pages changes nothing.
    draft = world["draft"]
    for name in ("pitch-edit", "pitch-submit"):
        url = reverse(f"dashboard:{name}", kwargs={"pk": draft.pk})
        assert client.post(url, {"title": "Chiếm quyền"}).status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Kho lạnh bản nháp" and draft.state == Pitch.State.DRAFT


def test_an_officer_of_another_province_gets_404_on_them(client, world):
    client.force_login(world["stranger"])
    for url in private_urls(world):
        assert client.get(url).status_code == 404, url
    url = reverse("startups:pitch-review", kwargs={"pk": world["draft"].pk})
    assert client.post(url, {"action": "approve"}).status_code == 404
    assert not world["draft"].versions.exists()


def test_the_startup_and_the_officers_of_its_tree_do_see_them(client, world):
    first, published = world["first"], world["published"]
    history = reverse(
        "startups:pitch-history", kwargs={"slug": first.slug, "pitch_slug": published.slug}
    )
    client.force_login(world["owner"])
    lead_page = client.get(reverse("dashboard:lead-detail", kwargs={"pk": world["lead"].pk}))
    assert "lan@example.com" in lead_page.content.decode()
    assert (
        client.get(reverse("dashboard:pitch-edit", kwargs={"pk": world["draft"].pk})).status_code
        == 200
    )
    page = client.get(history)
    assert page.status_code == 200 and "Tỉnh đoàn Đắk Lắk" in page.content.decode()
    client.force_login(world["reviewer"])
    assert client.get(history).status_code == 200
    leads = client.get(reverse("startups:officer-leads") + f"?startup={first.pk}")
    assert "lan@example.com" in leads.content.decode()
