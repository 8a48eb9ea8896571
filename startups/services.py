"""Writes of the community layer: union units, seller applications and their review."""

import logging

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.text import vn_slugify
from startups.models import Officer, SellerApplication, UnionUnit

Partner = get_model("partner", "Partner")
Province = get_model("catalogue", "Province")
logger = logging.getLogger(__name__)

CENTRAL_CODE = "trung-uong-doan"


class NotAllowed(Exception):
    """The officer may not act on this object (outside their unit tree)."""


@transaction.atomic
def union_units_load() -> int:
    """Seed the central unit and one unit per province or city; returns how many were made."""
    created = 0
    central = UnionUnit.objects.filter(code=CENTRAL_CODE).first()
    if central is None:
        central = UnionUnit.add_root(code=CENTRAL_CODE, level=UnionUnit.Level.CENTRAL,
                                     name="Trung ương Đoàn TNCS Hồ Chí Minh")
        created += 1
    existing = set(UnionUnit.objects.filter(level=UnionUnit.Level.PROVINCE)
                   .values_list("province_id", flat=True))
    for province in Province.objects.exclude(pk__in=existing).order_by("name"):
        prefix = "Thành đoàn" if province.kind == Province.Kind.CITY else "Tỉnh đoàn"
        central.refresh_from_db()
        central.add_child(code=f"tinh-doan-{province.slug}", level=UnionUnit.Level.PROVINCE,
                          name=f"{prefix} {province.name}", province=province)
        created += 1
    return created


def units_of(officer: Officer):
    """The officer's unit and every unit below it."""
    return UnionUnit.objects.filter(path__startswith=officer.unit.path)


def officer_can_act_on(officer: Officer | None, application: SellerApplication) -> bool:
    return bool(officer) and application.union_unit.path.startswith(officer.unit.path)


def _unique_partner_code(name: str) -> str:
    base = vn_slugify(name)[:100] or "nguoi-ban"
    code, n = base, 1
    while Partner.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _grant_dashboard(user) -> None:
    permission = Permission.objects.get(codename="dashboard_access",
                                        content_type__app_label="partner")
    user.user_permissions.add(permission)


def _notify(application: SellerApplication) -> None:
    from startups.tasks import send_application_decision

    send_application_decision.delay_on_commit(application.pk)


@transaction.atomic
def seller_application_submit(*, user, data: dict) -> SellerApplication:
    """The producer applies for themselves; the application waits for an officer."""
    application = SellerApplication.objects.create(
        applicant=user, created_by=user, contact_email=user.email, **data)
    logger.info("Seller application %s submitted by user %s", application.pk, user.pk)
    return application


def _create_partner(application: SellerApplication, *, managed_by_union: bool) -> Partner:
    return Partner.objects.create(
        code=_unique_partner_code(application.display_name), name=application.display_name,
        legal_name=application.legal_name, kind=application.kind,
        description=application.description, province=application.province,
        commune=application.commune, phone=application.phone, tax_code=application.tax_code,
        bank_bin=application.bank_bin, bank_account_number=application.bank_account_number,
        bank_account_holder=application.bank_account_holder, managed_by_union=managed_by_union,
    )


@transaction.atomic
def seller_application_approve(*, application_id: int, officer: Officer) -> SellerApplication:
    application = SellerApplication.objects.select_for_update().get(pk=application_id)
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    if application.status != SellerApplication.Status.SUBMITTED:
        return application  # already decided: approving twice changes nothing
    partner = _create_partner(application, managed_by_union=False)
    if application.applicant_id:
        partner.users.add(application.applicant)
        _grant_dashboard(application.applicant)
    application.partner = partner
    application.status = SellerApplication.Status.APPROVED
    application.reviewed_by, application.reviewed_at = officer.user, timezone.now()
    application.save()
    _notify(application)
    return application


@transaction.atomic
def seller_application_reject(*, application_id: int, officer: Officer,
                              reason: str) -> SellerApplication:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A rejection needs a reason.")
    application = SellerApplication.objects.select_for_update().get(pk=application_id)
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    if application.status != SellerApplication.Status.SUBMITTED:
        return application
    application.status = SellerApplication.Status.REJECTED
    application.rejection_reason = reason
    application.reviewed_by, application.reviewed_at = officer.user, timezone.now()
    application.save()
    _notify(application)
    return application


@transaction.atomic
def seller_create_on_behalf(*, officer: Officer, data: dict, consent_note: str,
                            contact_email: str = "") -> SellerApplication:
    """An officer sets up and runs a seller for a producer who asked for help.

    The officer vouches for the producer, so the seller is approved at once; the producer's
    consent is recorded, and the officer's account runs the shop until it is handed over.
    """
    if not (consent_note or "").strip():
        raise ValueError("The producer's consent must be recorded.")
    application = SellerApplication(created_by=officer.user, on_behalf=True,
                                    consent_note=consent_note.strip(),
                                    contact_email=contact_email, **data)
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    partner = _create_partner(application, managed_by_union=True)
    partner.users.add(officer.user)
    _grant_dashboard(officer.user)
    application.partner = partner
    application.status = SellerApplication.Status.APPROVED
    application.reviewed_by, application.reviewed_at = officer.user, timezone.now()
    application.save()
    return application


@transaction.atomic
def seller_hand_over(*, application_id: int, officer: Officer, producer) -> Partner:
    """Give a union-run seller to the producer's own account, which then has full control:
    the officers who ran it lose access to its dashboard."""
    application = (SellerApplication.objects.select_for_update(of=("self",))
                   .select_related("partner").get(pk=application_id))
    if not officer_can_act_on(officer, application) or application.partner is None:
        raise NotAllowed
    partner = application.partner
    partner.users.set([producer])
    _grant_dashboard(producer)
    partner.managed_by_union = False
    partner.save(update_fields=["managed_by_union"])
    application.applicant = producer
    application.save(update_fields=["applicant"])
    return partner
