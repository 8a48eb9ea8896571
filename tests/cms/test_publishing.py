"""Issue 15, publishing: every province has its section of the site tree, editors who may
write only there and never publish, moderators who publish there, and a workflow that sends
an editor's page to them (cms/publishing.py, the cms_editors command). An officer of a
province takes the editor role of its section with its own login (/union/site/)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cms import publishing
from cms.models import ProvinceSectionPage, StandardPage
from startups.models import Officer, UnionUnit
from startups.services.union import union_units_load

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def tree(site_tree):
    union_units_load()
    daklak = UnionUnit.objects.get(level="province", province__code="66")
    hanoi = UnionUnit.objects.get(level="province", province__code="01")
    publishing.editors_setup([daklak, hanoi])
    return {"daklak": daklak, "hanoi": hanoi}


def officer(unit, username):
    user = User.objects.create_user(username, f"{username}@example.com", "x")
    Officer.objects.create(user=user, unit=unit)
    return user


def test_each_province_gets_its_section_in_both_languages_and_a_second_run_adds_nothing(tree):
    daklak = tree["daklak"]
    vi, en = publishing.section_of(daklak, "vi"), publishing.section_of(daklak, "en")
    assert vi.live and en.live and vi.translation_key == en.translation_key
    assert vi.get_parent().specific_class.__name__ == "HomePage"
    assert vi.title == daklak.name
    report = publishing.editors_setup([daklak, tree["hanoi"]])
    assert (report.sections, report.groups, report.permissions, report.workflows) == (0, 0, 0, 0)
    assert ProvinceSectionPage.objects.filter(unit=daklak).count() == 2


def test_the_command_sets_up_every_province_unit(site_tree):
    union_units_load()
    call_command("cms_editors", verbosity=0)
    provinces = UnionUnit.objects.filter(level="province").count()
    assert provinces >= 34
    assert ProvinceSectionPage.objects.filter(locale__language_code="vi").count() == provinces
    assert ProvinceSectionPage.objects.filter(locale__language_code="en").count() == provinces


def test_a_province_editor_writes_only_in_its_section_and_never_publishes(tree):
    editor = officer(tree["daklak"], "bien-tap-dak-lak")
    section = publishing.editor_role_take(user=editor)
    own = section.permissions_for_user(editor)
    assert own.can_add_subpage() and own.can_edit() and not own.can_publish()
    english = publishing.section_of(tree["daklak"], "en").permissions_for_user(editor)
    assert english.can_edit() and not english.can_publish()
    other = publishing.section_of(tree["hanoi"]).permissions_for_user(editor)
    assert not other.can_edit() and not other.can_add_subpage() and not other.can_publish()
    home = Page.objects.get(pk=section.get_parent().pk).permissions_for_user(editor)
    assert not home.can_edit() and not home.can_publish()


def test_an_editors_page_goes_to_its_provinces_moderators_who_publish_it(tree):
    editor = officer(tree["daklak"], "bien-tap-dak-lak")
    section = publishing.editor_role_take(user=editor)
    page = StandardPage(title="Tuần lễ OCOP Đắk Lắk", slug="tuan-le-ocop", live=False)
    section.add_child(instance=page)
    revision = page.save_revision(user=editor)
    workflow = page.get_workflow()
    assert workflow.name == "Duyệt trang · Đắk Lắk"
    state = workflow.start(page, editor)
    task = state.current_task_state.task.specific
    moderator = User.objects.create_user("kiem-duyet", "kd@example.com", "x")
    moderator.groups.add(Group.objects.get(name="Kiểm duyệt · Đắk Lắk"))
    hanoi_moderator = User.objects.create_user("kiem-duyet-hn", "kdhn@example.com", "x")
    hanoi_moderator.groups.add(Group.objects.get(name="Kiểm duyệt · Hà Nội"))
    assert not task.user_can_access_editor(page, hanoi_moderator)
    assert [a[0] for a in task.get_actions(page, hanoi_moderator)] == []
    assert "approve" in [a[0] for a in task.get_actions(page, moderator)]
    state.current_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


def test_the_officer_takes_and_gives_back_the_editor_role_on_its_page(client, tree):
    user = officer(tree["daklak"], "can-bo-dak-lak")
    client.force_login(user)
    url = reverse("cms-editor-role")
    with translation.override("en"):
        page = client.get(url).content.decode()
    assert 'data-testid="take-role"' in page and "Đắk Lắk" in page
    response = client.post(url, {"action": "take"})
    assert response.status_code == 302
    assert publishing.is_editor(user, tree["daklak"])
    page = client.get(url).content.decode()
    section = publishing.section_of(tree["daklak"])
    assert reverse("wagtailadmin_explore", args=[section.pk]) in page
    assert client.get(reverse("wagtailadmin_explore", args=[section.pk])).status_code == 200
    other = publishing.section_of(tree["hanoi"])
    edit_other = client.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert edit_other.status_code in (302, 403)  # Wagtail refuses: not this editor's page
    client.post(url, {"action": "leave"})
    assert not publishing.is_editor(user, tree["daklak"])


def test_officers_of_other_levels_and_non_officers_cannot_take_a_role(client, tree):
    grassroots = (
        UnionUnit.objects.filter(level="grassroots").first()
        or UnionUnit.objects.exclude(level="province").first()
    )
    user = officer(grassroots, "can-bo-co-so")
    client.force_login(user)
    url = reverse("cms-editor-role")
    assert 'data-testid="take-role"' not in client.get(url).content.decode()
    assert client.post(url, {"action": "take"}).status_code == 403
    assert not user.groups.exists()
    client.force_login(User.objects.create_user("khach", "khach@example.com", "x"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "take"}).status_code == 403


def test_a_page_scheduled_by_its_moderator_goes_live_on_its_date_and_not_before(tree, client):
    from datetime import timedelta

    from django.utils import timezone

    from cms.tasks import publish_scheduled_pages

    section = publishing.section_of(tree["daklak"])
    page = StandardPage(title="Ngày hội OCOP", slug="ngay-hoi-ocop", live=False)
    section.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # approved for a date still to come: scheduled
    page.refresh_from_db()
    assert not page.live
    publish_scheduled_pages.delay()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404

    # the date arrives (moved back rather than waiting an hour)
    revision = page.scheduled_revision
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    publish_scheduled_pages.delay()
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200
