"""Leads: a visitor's non-binding interest in a startup, and the startup's follow-up.

``lead_create`` applies the anti-spam rules (``startups.antispam``), writes the lead and counts
it on the startup in one transaction; once that commits, the startup's page and directory
entry are told (``startup_changed``, the page-cache token) and its users are e-mailed.
``lead_status_set`` is the startup's own: officers of its unit tree read leads, never change
them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from core.pagecache import bump
from shop.order.outbox import task_enqueue_on_commit
from startups import antispam
from startups.models import Lead, Pitch, Startup
from startups.signals import startup_changed
from startups.tasks import leads as tasks

SCOPE = "leads"


def limits() -> tuple[antispam.Limit, antispam.Limit]:
    """Per client address an hour, per account a day (``LEADS_PER_*`` settings)."""
    return (
        antispam.Limit(getattr(settings, "LEADS_PER_ADDRESS_HOUR", 10), antispam.HOUR),
        antispam.Limit(getattr(settings, "LEADS_PER_ACCOUNT_DAY", 20), antispam.DAY),
    )


def lead_fingerprint(*, startup_id: int, user=None, email: str = "", phone: str = "", message: str):
    """The same sender (account, else e-mail, else phone) writing the same words to the same
    startup."""
    if user is not None and user.is_authenticated:
        sender = f"user:{user.pk}"
    else:
        sender = email.lower() or phone
    return antispam.fingerprint(f"startup:{startup_id}", sender, message)


def lead_create(
    *,
    startup: Startup,
    pitch: Pitch | None = None,
    booth=None,
    source: str | None = None,
    role: str,
    message: str,
    name: str,
    email: str = "",
    phone: str = "",
    amount_range: str = "",
    user=None,
    address: str,
    honeypot: str = "",
    language: str | None = None,
) -> Lead:
    """Write a lead, or raise ``antispam.Refused`` (nothing written) saying why. ``booth``: the
    expo booth whose contact form sent it (its expo's page-cache token is bumped too)."""
    user = user if user is not None and user.is_authenticated else None
    antispam.honeypot_check(honeypot)
    per_address, per_account = limits()
    antispam.rate_limit_check(
        scope=SCOPE, address=address, user=user, per_address=per_address, per_account=per_account
    )
    antispam.links_check(message, name, signed_in=user is not None)
    if role != Lead.Role.INVESTOR:
        amount_range = ""
    fingerprint = lead_fingerprint(
        startup_id=startup.pk, user=user, email=email, phone=phone, message=message
    )
    with transaction.atomic():
        # The counter first: its row lock makes a second, identical message sent at the same
        # moment wait for this one, then find it as a duplicate.
        Startup.objects.filter(pk=startup.pk).update(interest_count=F("interest_count") + 1)
        antispam.duplicate_check(queryset=Lead.objects.all(), fingerprint=fingerprint)
        lead = Lead.objects.create(
            startup=startup,
            pitch=pitch,
            booth=booth,
            source=source
            or (
                Lead.Source.BOOTH
                if booth is not None
                else Lead.Source.PITCH
                if pitch is not None
                else Lead.Source.STARTUP
            ),
            role=role,
            message=message,
            amount_range=amount_range,
            name=name,
            email=email,
            phone=phone,
            user=user,
            language=language or get_language() or settings.LANGUAGE_CODE,
            fingerprint=fingerprint,
        )
        startup_id = startup.pk
        transaction.on_commit(
            lambda: startup_changed.send(sender=Startup, startup_id=startup_id), robust=True
        )
        bump(f"startup:{startup_id}")
        if booth is not None:
            bump(booth.expo.token_key)
        task_enqueue_on_commit(tasks.send_lead_received, lead.pk)
    return lead


def lead_status_set(*, user, lead: Lead, status: str) -> Lead:
    """The startup's users move a lead along (new, contacted, in talks, closed)."""
    if status not in Lead.Status.values:
        raise ValueError(f"unknown lead status {status!r}")
    with transaction.atomic():
        locked = Lead.objects.select_for_update().select_related("startup").get(pk=lead.pk)
        if not locked.startup.partner.users.filter(pk=user.pk).exists():
            raise PermissionDenied
        if locked.status != status:
            locked.status = status
            locked.status_changed = timezone.now()
            locked.save(update_fields=["status", "status_changed"])
    return locked
