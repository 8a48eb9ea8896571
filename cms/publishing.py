"""Who writes and who publishes the site's pages (writes; the Wagtail side of the unit tree).

Every province's youth union has a section of the site tree (``ProvinceSectionPage``, one per
language, linked to its union unit) and two groups made for it:

- its **editors** ("Biên tập viên · <tỉnh>"): add and edit pages in that section only, in
  both languages, and the pictures and documents of the province's own collection. They
  cannot publish: a page they finish goes to moderation ("Submit for moderation");
- both translate pages (Wagtail's "Translate" action): a page written in Vietnamese has an
  English alias at once (``WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE``) until it is translated;
- its **moderators** ("Kiểm duyệt · <tỉnh>"): publish in that section. The central union's
  moderators (Wagtail's own "Moderators" group, publishing everywhere) can approve too.

Each section has its own workflow, "Duyệt trang · <tỉnh>", a single group approval task of
the two moderator groups; the rest of the tree keeps Wagtail's default "Moderators approval".

Editors and officers are the same people: an officer of a province unit is offered the
editor role of its province's section (``editor_role_take``) on its officer pages, with the
login it already has. ``editors_setup`` (the ``cms_editors`` command) makes or repairs all of
it for every province unit, and may be run again at any time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cms.models import HomePage, ProvinceSectionPage
from cms.services import collection_root_ensure
from core.text import fold_vietnamese
from startups.access import NotAllowed
from startups.models import Officer, UnionUnit

logger = logging.getLogger(__name__)

EDITOR_GROUP = "Biên tập viên · {province}"
MODERATOR_GROUP = "Kiểm duyệt · {province}"
WORKFLOW = "Duyệt trang · {province}"
CENTRAL_MODERATORS = "Moderators"  # Wagtail's own group: publishes everywhere

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
MODERATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


@dataclass
class SetupReport:
    sections: int = 0  # section pages made (each language counts)
    groups: int = 0
    permissions: int = 0
    workflows: int = 0
    units: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{len(self.units)} province units: {self.sections} section pages, "
            f"{self.groups} groups, {self.permissions} permissions and {self.workflows} "
            "workflows made"
        )


def _province_name(unit: UnionUnit) -> str:
    return unit.province.name if unit.province_id else unit.name


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _home(language: str) -> HomePage | None:
    return HomePage.objects.filter(locale__language_code=language).first()


def section_of(unit: UnionUnit, language: str = "vi") -> ProvinceSectionPage | None:
    return ProvinceSectionPage.objects.filter(unit=unit, locale__language_code=language).first()


def _section_ensure(unit: UnionUnit, report: SetupReport) -> list[ProvinceSectionPage]:
    """The unit's section in Vietnamese under the home page (published, so editors build
    on it) and its English copy under the English home page, when there is one."""
    home = _home("vi")
    if home is None:
        raise RuntimeError("no home page: run prepare_demo_site or home_page_ensure first")
    section = section_of(unit, "vi")
    if section is None:
        name = _province_name(unit)
        slug = slugify(fold_vietnamese(name)) or f"tinh-{unit.pk}"
        section = ProvinceSectionPage(
            title=unit.name,
            slug=slug,
            unit=unit,
            locale=home.locale,
            intro=f"Sản phẩm, khởi nghiệp và tin tức của thanh niên {name}.",
        )
        home.add_child(instance=section)
        section.save_revision().publish()
        report.sections += 1
    sections = [section]
    english_home = _home("en")
    if english_home is not None:
        english = section_of(unit, "en")
        if english is None:
            english = section.copy_for_translation(english_home.locale)
            english.title = f"{_province_name(unit)} youth union"
            english.save_revision().publish()
            report.sections += 1
        sections.append(english)
    return sections


def _group_ensure(name: str, report: SetupReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    report.groups += created
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    translate = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    group.permissions.add(admin_access, translate)
    return group


def _page_permissions_ensure(group, pages, codenames, report: SetupReport) -> None:
    for page in pages:
        for codename in codenames:
            _found, created = GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(codename)
            )
            report.permissions += created


def _collection_ensure(unit: UnionUnit, groups, report: SetupReport) -> Collection:
    name = _province_name(unit)
    root = collection_root_ensure()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    for group in groups:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
                _found, created = GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
                report.permissions += created
    return collection


def _workflow_ensure(unit: UnionUnit, pages, moderators: Group, report: SetupReport):
    name = WORKFLOW.format(province=_province_name(unit))
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        task = GroupApprovalTask.objects.create(name=name)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        report.workflows += 1
    task = workflow.tasks.first().specific
    central = Group.objects.filter(name=CENTRAL_MODERATORS).first()
    task.groups.add(moderators, *([central] if central else []))
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def editors_setup(units=None) -> SetupReport:
    """For every province unit (or ``units``): its section pages, its editor and moderator
    groups with their permissions on the section and on the province's picture collection,
    and its moderation workflow. Run again, it adds only what is missing."""
    report = SetupReport()
    units = (
        units
        if units is not None
        else UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE)
        .select_related("province")
        .order_by("province__code", "pk")
    )
    for unit in units:
        province = _province_name(unit)
        sections = _section_ensure(unit, report)
        editors = _group_ensure(EDITOR_GROUP.format(province=province), report)
        moderators = _group_ensure(MODERATOR_GROUP.format(province=province), report)
        _page_permissions_ensure(editors, sections, EDITOR_PAGE_PERMISSIONS, report)
        _page_permissions_ensure(moderators, sections, MODERATOR_PAGE_PERMISSIONS, report)
        _collection_ensure(unit, (editors, moderators), report)
        _workflow_ensure(unit, sections, moderators, report)
        report.units.append(province)
    logger.info("CMS editors set up: %s", report)
    return report


# --- the officer's editor role ---------------------------------------------------------------


def editor_unit_of(officer: Officer | None) -> UnionUnit | None:
    """The province unit whose section an officer may edit: its own unit when that is a
    province's (the central union's officers work in Wagtail's own groups)."""
    if officer is None or officer.unit.level != UnionUnit.Level.PROVINCE:
        return None
    return officer.unit


def editor_group_of(unit: UnionUnit) -> Group | None:
    return Group.objects.filter(name=EDITOR_GROUP.format(province=_province_name(unit))).first()


def is_editor(user, unit: UnionUnit) -> bool:
    group = editor_group_of(unit)
    return group is not None and user.groups.filter(pk=group.pk).exists()


@transaction.atomic
def editor_role_take(*, user) -> Page:
    """The officer ``user`` joins its province's editor group (made first if the command has
    not run for it yet); returns the Vietnamese section to edit. ``NotAllowed`` for a user who
    is not an officer of a province unit."""
    officer = Officer.objects.select_related("unit__province").filter(user=user).first()
    unit = editor_unit_of(officer)
    if unit is None:
        raise NotAllowed
    group = editor_group_of(unit)
    if group is None or section_of(unit) is None:
        editors_setup([unit])
        group = editor_group_of(unit)
    user.groups.add(group)
    logger.info("Officer user %s took the editor role of %s", user.pk, unit.pk)
    return section_of(unit)


def editor_role_leave(*, user) -> None:
    officer = Officer.objects.select_related("unit__province").filter(user=user).first()
    unit = editor_unit_of(officer)
    group = editor_group_of(unit) if unit else None
    if group is not None:
        user.groups.remove(group)
