"""Startup profiles: the seller's startup with its team and awards, its public switch, its
verification by an officer of the unit tree, and its followers.

Every write here ends, once it commits, by bumping the page-cache token ``startup:<id>``
(``startup_key``) and sending ``startups.signals.startup_changed`` (the directory's index
listens). The link checks and the youth-team rule are here too, so that the forms, these
services and the directory's index use the same ones.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from catalog.marketplaces import MESSAGES as MARKETPLACE_LINK_MESSAGES
from catalog.marketplaces import https_url_check
from core import pagecache
from core.text import vn_slugify
from startups import access
from startups.models import (
    Award,
    Follow,
    Officer,
    SellerApplication,
    Startup,
    TeamMember,
    UnionUnit,
)
from startups.models.profiles import FIRST_FOUNDING_YEAR, YOUTH_MAX_AGE, LookingFor
from startups.signals import startup_changed

Partner = get_model("partner", "Partner")
logger = logging.getLogger(__name__)

STARTUP_KINDS = (Partner.Kind.STARTUP, Partner.Kind.COOPERATIVE)
FIRST_BIRTH_YEAR = 1900
FIRST_AWARD_YEAR = 1945
PROFILE_FIELDS = (
    "name",
    "name_en",
    "tagline",
    "tagline_en",
    "story",
    "story_en",
    "founded_year",
    "province",
    "sector",
    "stage",
    "looking_for",
    "website",
    "facebook",
    "zalo",
    "tiktok",
    "youtube",
    "published",
)
TEAM_FIELDS = ("name", "role", "role_en", "birth_year", "is_founder")
AWARD_FIELDS = ("name", "year", "rank")


class StartupRefused(access.NotAllowed):
    """The startup cannot be saved or followed as asked; ``message`` says why, in the user's
    language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def startup_key(pk) -> str:
    """The page-cache token of one startup: noted by every page that shows it."""
    return f"startup:{int(pk)}"


def startup_changed_on_commit(startup_id: int, *, site: bool = False) -> None:
    """Once the current transaction commits: pages showing the startup render afresh (with
    ``site``, every page: a product or seller page cached before the startup existed does not
    know its token) and the directory hears of it."""
    pagecache.bump(startup_key(startup_id), *([pagecache.SITE] if site else []))
    transaction.on_commit(
        lambda: startup_changed.send(sender=Startup, startup_id=startup_id), robust=True
    )


# --- the youth-team rule ------------------------------------------------------------------


def _value(member, name: str, default=None):
    if isinstance(member, Mapping):
        return member.get(name, default)
    return getattr(member, name, default)


def is_youth_team(members: Iterable, today: datetime.date | None = None) -> bool:
    """The union's "youth team": at least one founder, and every founder at most
    ``YOUTH_MAX_AGE`` this year, counted by year of birth (``today.year - birth_year``).
    ``members``: TeamMember rows or dicts with ``birth_year`` and ``is_founder`` (a member
    without ``is_founder`` counts as a founder); members who are not founders do not count."""
    year = (today or timezone.localdate()).year
    founders = [m for m in members if _value(m, "is_founder", True)]
    return bool(founders) and all(
        _value(m, "birth_year") is not None and year - int(_value(m, "birth_year")) <= YOUTH_MAX_AGE
        for m in founders
    )


# --- link checks --------------------------------------------------------------------------
# One function per network, used by the profile form and by ``startup_save``. Only https on
# the default port, no user name or password, a domain name (never an IP address or a local
# name); a named network's link must be on one of its hosts, exactly or as a sub-domain
# (``catalog.marketplaces.host_belongs_to``: ``m.facebook.com`` is Facebook,
# ``facebook.com.evil.vn`` is not).

LINK_MAX_LENGTH = 300  # the Startup link fields' max_length
NETWORK_HOSTS = {
    "facebook": ("facebook.com", "www.facebook.com", "m.facebook.com", "fb.com", "fb.me"),
    "zalo": ("zalo.me", "oa.zalo.me"),
    "tiktok": ("tiktok.com", "www.tiktok.com", "vt.tiktok.com"),
    "youtube": ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
}
NETWORK_NAMES = {"facebook": "Facebook", "zalo": "Zalo", "tiktok": "TikTok", "youtube": "YouTube"}
# Names that never reach the public internet.
_LOCAL_SUFFIXES = ("localhost", "local", "internal", "lan", "home.arpa", "test", "invalid")
LINK_MESSAGES = {
    **MARKETPLACE_LINK_MESSAGES,
    "ip": gettext_lazy("Use the site's domain name, not an IP address."),
    "local": gettext_lazy("This address is not on the public internet."),
    "host": gettext_lazy("This address is not on %(network)s (allowed: %(hosts)s)."),
}


def _link_error(code: str, **params) -> ValidationError:
    return ValidationError(LINK_MESSAGES[code], code=code, params=params or None)


def _https_link(url: str, hosts: tuple[str, ...] | None = None, network: str = "") -> str:
    """``url`` normalised (lower-case host, ASCII) if it is a public https address (on one of
    ``hosts`` when given); "" for an empty one. Raises ``ValidationError``."""
    url = (url or "").strip()
    if not url:
        return ""
    return https_url_check(
        url,
        max_length=LINK_MAX_LENGTH,
        error=_link_error,
        hosts=hosts,
        host_params={"network": network},
        local_suffixes=_LOCAL_SUFFIXES,
    )


def website_check(url: str) -> str:
    """The startup's own site: any public host."""
    return _https_link(url)


def facebook_check(url: str) -> str:
    return _https_link(url, NETWORK_HOSTS["facebook"], NETWORK_NAMES["facebook"])


def zalo_check(url: str) -> str:
    return _https_link(url, NETWORK_HOSTS["zalo"], NETWORK_NAMES["zalo"])


def tiktok_check(url: str) -> str:
    return _https_link(url, NETWORK_HOSTS["tiktok"], NETWORK_NAMES["tiktok"])


def youtube_check(url: str) -> str:
    return _https_link(url, NETWORK_HOSTS["youtube"], NETWORK_NAMES["youtube"])


LINK_CHECKS = {
    "website": website_check,
    "facebook": facebook_check,
    "zalo": zalo_check,
    "tiktok": tiktok_check,
    "youtube": youtube_check,
}


# --- who may have a startup ---------------------------------------------------------------


def startup_refusal(partner) -> str | None:
    """Why this seller cannot present a startup, or None when it can."""
    if partner.status != Partner.Status.APPROVED:
        return _("Only an approved seller can present a startup.")
    if partner.kind not in STARTUP_KINDS:
        return _(
            "Only youth startups and cooperatives can present a startup; this seller is "
            "registered as a %(kind)s."
        ) % {"kind": partner.get_kind_display().lower()}
    return None


def startup_unit_for(partner) -> UnionUnit | None:
    """The union unit a new startup belongs to: the one its seller applied through, else the
    union of the seller's province (sellers set up by site staff have no application)."""
    application = (
        SellerApplication.objects.filter(partner=partner).select_related("union_unit").first()
    )
    if application is not None:
        return application.union_unit
    if partner.province_id:
        return UnionUnit.objects.filter(
            level=UnionUnit.Level.PROVINCE, province_id=partner.province_id
        ).first()
    return None


def _runs(user, partner) -> bool:
    return bool(user and user.is_authenticated) and (
        user.is_staff or partner.users.filter(pk=user.pk).exists()
    )


def _unique_slug(name: str) -> str:
    base = vn_slugify(name)[:70].strip("-") or "khoi-nghiep"
    slug, n = base, 1
    while Startup.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _is_upload(value) -> bool:
    return isinstance(value, UploadedFile)


def _year_check(value, *, first: int, field: str, message) -> None:
    if value is None:
        return
    if value > timezone.localdate().year:
        raise ValidationError({field: message})
    if value < first:
        raise ValidationError({field: _("Enter a year from %(first)s on.") % {"first": first}})


# --- the profile --------------------------------------------------------------------------


@transaction.atomic
def startup_save(
    *, partner, user, data: Mapping, team: Iterable[Mapping], awards: Iterable[Mapping] = ()
) -> Startup:
    """Create or update the seller's one startup, with its whole team and awards list.

    ``data``: Startup fields (``PROFILE_FIELDS``) and ``logo``: a new upload, ``False`` to
    remove it, anything else keeps it. ``team``/``awards``: the rows in order, as dicts of
    their fields, with ``id`` for a row that exists (a row of another startup is taken as new)
    and, for team members, ``photo`` as for the logo; rows left out are deleted. The slug is
    made once, from the first name, and stays (the address is shared in print and chats).
    Raises ``StartupRefused`` (not this seller or user) or ``ValidationError``."""
    partner = Partner.objects.select_for_update().get(pk=partner.pk)  # one save at a time
    refusal = startup_refusal(partner)
    if refusal:
        raise StartupRefused(refusal)
    if not _runs(user, partner):
        raise StartupRefused(_("Only the seller's own accounts can edit its startup."))
    startup = Startup.objects.filter(partner=partner).first()
    created = startup is None
    if created:
        unit = startup_unit_for(partner)
        if unit is None:
            raise StartupRefused(
                _(
                    "Your shop belongs to no youth union unit, so your startup cannot be "
                    "verified: ask the site's staff to attach it to your province's union."
                )
            )
        startup = Startup(partner=partner, union_unit=unit)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(startup, field, data[field])
    for field, check in LINK_CHECKS.items():
        try:
            setattr(startup, field, check(getattr(startup, field)))
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error
    wanted = set(startup.looking_for or [])
    startup.looking_for = [code for code in LookingFor.values if code in wanted]
    logo = data.get("logo")
    if logo is False:
        startup.logo = ""
    elif _is_upload(logo):
        startup.logo = logo
    _year_check(
        startup.founded_year,
        first=FIRST_FOUNDING_YEAR,
        field="founded_year",
        message=_("The founding year cannot be in the future."),
    )
    if created:
        startup.slug = _unique_slug(startup.name)
    startup.full_clean(validate_unique=False, validate_constraints=False)
    startup.save()
    _team_save(startup, list(team), created=created)
    _awards_save(startup, list(awards), created=created)
    logger.info("Startup %s saved by user %s", startup.pk, user.pk)
    startup_changed_on_commit(startup.pk, site=created)
    return startup


def _row_id(row: Mapping):
    ident = row.get("id")
    return getattr(ident, "pk", ident)


def _team_save(startup: Startup, rows: list[Mapping], *, created: bool) -> None:
    if not any(_value(row, "is_founder", True) for row in rows):
        raise ValidationError(_("Name at least one founder of the startup."), code="no_founder")
    existing = {} if created else {m.pk: m for m in startup.team.all()}
    kept = []
    for position, row in enumerate(rows):
        member = existing.get(_row_id(row)) or TeamMember(startup=startup)
        for field in TEAM_FIELDS:
            if field in row:
                setattr(member, field, row[field])
        member.position = position
        photo = row.get("photo")
        if photo is False:
            member.photo = ""
        elif _is_upload(photo):
            member.photo = photo
        _year_check(
            member.birth_year,
            first=FIRST_BIRTH_YEAR,
            field="birth_year",
            message=_("The year of birth cannot be in the future."),
        )
        member.full_clean(exclude=["startup"])
        member.save()
        kept.append(member.pk)
    if not created:
        startup.team.exclude(pk__in=kept).delete()


def _awards_save(startup: Startup, rows: list[Mapping], *, created: bool) -> None:
    existing = {} if created else {a.pk: a for a in startup.awards.all()}
    kept = []
    for row in rows:
        award = existing.get(_row_id(row)) or Award(startup=startup)
        for field in AWARD_FIELDS:
            if field in row:
                setattr(award, field, row[field])
        _year_check(
            award.year,
            first=FIRST_AWARD_YEAR,
            field="year",
            message=_("The year of an award cannot be in the future."),
        )
        award.full_clean(exclude=["startup"])
        award.save()
        kept.append(award.pk)
    if not created:
        startup.awards.exclude(pk__in=kept).delete()


@transaction.atomic
def startup_publish_set(*, startup: Startup, user, published: bool) -> Startup:
    """Show the startup to the public, or hide it (its page answers 404 while hidden)."""
    startup = (
        Startup.objects.select_for_update(of=("self",)).select_related("partner").get(pk=startup.pk)
    )
    if published:
        refusal = startup_refusal(startup.partner)
        if refusal:
            raise StartupRefused(refusal)
    if not _runs(user, startup.partner):
        raise StartupRefused(_("Only the seller's own accounts can edit its startup."))
    if startup.published != published:
        startup.published = published
        startup.save(update_fields=["published", "updated"])
        startup_changed_on_commit(startup.pk)
    return startup


def startup_publish(*, startup: Startup, user) -> Startup:
    return startup_publish_set(startup=startup, user=user, published=True)


def startup_hide(*, startup: Startup, user) -> Startup:
    return startup_publish_set(startup=startup, user=user, published=False)


# --- verification by the union ------------------------------------------------------------


def _locked_for_officer(officer: Officer, startup: Startup) -> Startup:
    startup = (
        Startup.objects.select_for_update(of=("self",))
        .select_related("union_unit", "partner", "verified_by")
        .get(pk=startup.pk)
    )
    if not access.officer_covers_startup(officer, startup):
        raise access.NotAllowed
    if access.officer_runs_startup(officer, startup):
        raise access.ConflictOfInterest
    return startup


@transaction.atomic
def startup_verify(*, officer: Officer, startup: Startup) -> Startup:
    """An officer of the unit tree vouches for the startup: "verified by <the officer's
    unit>". Never an officer whose account runs the seller."""
    startup = _locked_for_officer(officer, startup)
    startup.verified_by = officer.unit
    startup.verified_by_user = officer.user
    startup.verified_at = timezone.now()
    startup.save(update_fields=["verified_by", "verified_by_user", "verified_at", "updated"])
    logger.info("Startup %s verified by user %s", startup.pk, officer.user_id)
    startup_changed_on_commit(startup.pk)
    return startup


@transaction.atomic
def startup_unverify(*, officer: Officer, startup: Startup) -> Startup:
    """Remove the verification. Only an officer whose tree holds both the startup and the
    unit that verified it (a branch does not undo its province's word)."""
    startup = _locked_for_officer(officer, startup)
    if startup.verified_by_id is None:
        return startup
    if not startup.verified_by.path.startswith(officer.unit.path):
        raise access.NotAllowed
    startup.verified_by = startup.verified_by_user = startup.verified_at = None
    startup.save(update_fields=["verified_by", "verified_by_user", "verified_at", "updated"])
    logger.info("Startup %s verification removed by user %s", startup.pk, officer.user_id)
    startup_changed_on_commit(startup.pk)
    return startup


# --- followers ----------------------------------------------------------------------------


@transaction.atomic
def startup_follow(*, user, startup: Startup) -> bool:
    """``user`` follows the startup; False when they already did. The count moves in the same
    transaction as the Follow row, by ``F()``: the unique constraint makes a second follow
    (a double click, two tabs) wait for the first and fail, so it is never counted twice."""
    if not startup.published:
        raise StartupRefused(_("This startup is not shown to the public."))
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, startup_id=startup.pk)
    except IntegrityError:
        return False
    Startup.objects.filter(pk=startup.pk).update(follower_count=F("follower_count") + 1)
    startup_changed_on_commit(startup.pk)
    return True


@transaction.atomic
def startup_unfollow(*, user, startup: Startup) -> bool:
    """``user`` stops following; False when they did not follow it. A concurrent unfollow
    waits for this one's row lock and then deletes nothing, so it takes nothing off."""
    deleted, _counts = Follow.objects.filter(user=user, startup_id=startup.pk).delete()
    if not deleted:
        return False
    Startup.objects.filter(pk=startup.pk, follower_count__gt=0).update(
        follower_count=F("follower_count") - 1
    )
    startup_changed_on_commit(startup.pk)
    return True
