"""Seller onboarding: applications to sell (by the producer, or by an officer on the producer's behalf), their review, and the handover of a union-run seller to the producer."""

import logging

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from core.text import vn_slugify
from shop.order.outbox import task_enqueue_on_commit
from startups.access import ConflictOfInterest, NotAllowed, officer_can_act_on, officer_is_party_to
from startups.models import Officer, SellerApplication, SellerHandover
from startups.tasks import onboarding as tasks

Partner = get_model("partner", "Partner")


Province = get_model("catalogue", "Province")


logger = logging.getLogger(__name__)


def _unique_partner_code(name: str) -> str:
    base = vn_slugify(name)[:100] or "nguoi-ban"
    code, n = base, 1
    while Partner.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _grant_dashboard(user) -> None:
    permission = Permission.objects.get(
        codename="dashboard_access", content_type__app_label="partner"
    )
    user.user_permissions.add(permission)


def _notify(application: SellerApplication) -> None:
    task_enqueue_on_commit(tasks.send_application_decision, application.pk)


@transaction.atomic
def seller_application_submit(*, user, data: dict) -> SellerApplication:
    """The producer applies for themselves; the application waits for an officer."""
    application = SellerApplication.objects.create(
        applicant=user, created_by=user, contact_email=user.email, **data
    )
    logger.info("Seller application %s submitted by user %s", application.pk, user.pk)
    return application


def _create_partner(application: SellerApplication, *, managed_by_union: bool) -> Partner:
    return Partner.objects.create(
        code=_unique_partner_code(application.display_name),
        name=application.display_name,
        legal_name=application.legal_name,
        kind=application.kind,
        description=application.description,
        province=application.province,
        commune=application.commune,
        phone=application.phone,
        tax_code=application.tax_code,
        bank_bin=application.bank_bin,
        bank_account_number=application.bank_account_number,
        bank_account_holder=application.bank_account_holder,
        managed_by_union=managed_by_union,
    )


@transaction.atomic
def seller_application_approve(*, application_id: int, officer: Officer) -> SellerApplication:
    application = SellerApplication.objects.select_for_update().get(pk=application_id)
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    if application.status != SellerApplication.Status.SUBMITTED:
        return application  # already decided: approving twice changes nothing
    if officer_is_party_to(officer, application):
        raise ConflictOfInterest
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
def seller_application_reject(
    *, application_id: int, officer: Officer, reason: str
) -> SellerApplication:
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A rejection needs a reason.")
    application = SellerApplication.objects.select_for_update().get(pk=application_id)
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    if application.status != SellerApplication.Status.SUBMITTED:
        return application
    if officer_is_party_to(officer, application):
        raise ConflictOfInterest
    application.status = SellerApplication.Status.REJECTED
    application.rejection_reason = reason
    application.reviewed_by, application.reviewed_at = officer.user, timezone.now()
    application.save()
    _notify(application)
    return application


@transaction.atomic
def seller_create_on_behalf(
    *, officer: Officer, data: dict, consent_note: str, contact_email: str = ""
) -> SellerApplication:
    """An officer sets up and runs a seller for a producer who asked for help.

    The officer vouches for the producer, so the seller is approved at once; the producer's
    consent is recorded, and the officer's account runs the shop until it is handed over.
    """
    if not (consent_note or "").strip():
        raise ValueError("The producer's consent must be recorded.")
    application = SellerApplication(
        created_by=officer.user,
        on_behalf=True,
        consent_note=consent_note.strip(),
        contact_email=contact_email,
        **data,
    )
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


class HandoverRefused(NotAllowed):
    """The seller cannot be handed over, or not to this account; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def handover_refusal(application: SellerApplication, producer) -> str | None:
    """Why this account may not receive this seller, or None when it may."""
    partner = application.partner
    if not application.on_behalf or partner is None or not partner.managed_by_union:
        return _("Only a seller that the union runs for a producer can be handed over.")
    if not producer.is_active:
        return _("This account is not active.")
    if (
        producer.is_staff
        or Officer.objects.filter(user=producer).exists()
        or partner.users.filter(pk=producer.pk).exists()
    ):
        return _(
            "A seller is handed over only to the producer's own account, not to an "
            "officer's or staff account."
        )
    recorded = (application.contact_email or "").strip().lower()
    if recorded and producer.email.strip().lower() != recorded:
        return _(
            "The shop can only go to the producer's e-mail recorded with their consent (%(email)s)."
        ) % {"email": application.contact_email}
    return None


@transaction.atomic
def seller_hand_over(*, application_id: int, officer: Officer, producer) -> Partner:
    """Give a union-run seller to the producer's own account, which then has full control:
    the officers who ran it lose access to its dashboard. Only sellers set up on a producer's
    behalf are handed over, only to an account that is the producer's (the e-mail recorded
    with the consent when there is one; never an officer's or staff account), and each
    handover is recorded."""
    application = (
        SellerApplication.objects.select_for_update(of=("self",))
        .select_related("partner")
        .get(pk=application_id)
    )
    if not officer_can_act_on(officer, application):
        raise NotAllowed
    refusal = handover_refusal(application, producer)
    if refusal:
        raise HandoverRefused(refusal)
    partner = application.partner
    previous = list(partner.users.values_list("pk", flat=True))
    partner.users.set([producer])
    _grant_dashboard(producer)
    partner.managed_by_union = False
    partner.save(update_fields=["managed_by_union"])
    application.applicant = producer
    application.save(update_fields=["applicant"])
    SellerHandover.objects.create(
        application=application,
        partner=partner,
        officer=officer.user,
        producer=producer,
        producer_email=producer.email,
        previous_users=previous,
    )
    logger.info(
        "Seller %s handed over by user %s to user %s", partner.pk, officer.user_id, producer.pk
    )
    return partner
