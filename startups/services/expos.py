"""Organising expos (the union officers' writes): an expo with its halls and sessions, its
announcement, the decisions on booth applications, the lobby's featured booths.

Every write is done by an ``Officer`` whose unit tree organises the expo
(``access.officer_covers_expo``; ``NotAllowed`` otherwise, which the pages turn into 404). An
officer never decides on the booth of a startup whose seller its account runs
(``ConflictOfInterest``): another officer of the unit, or of a unit above, does.

The rules are checked here, where every caller meets them; the forms call the same checks
(``dates_check``, ``reward_check``, ``hall_check``, ``video_link_check``) to put a message on
the field before anything is written. Times are aware datetimes; the forms read them in
Asia/Ho_Chi_Minh. Each change bumps the expo's page-cache token (and the list of expos' when
what the list shows may change) after commit.

The booths' expo-only vouchers follow what is decided here (``services.booths``): new dates
move them, a refusal or a return to a draft stops them, an approval or an announcement opens
them again on the expo's dates.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from core import pagecache
from core.text import vn_slugify
from core.video import video_parse
from shop.order.outbox import task_enqueue_on_commit
from startups.access import (
    ConflictOfInterest,
    NotAllowed,
    officer_covers_expo,
    officer_runs_startup,
    units_of,
)
from startups.models import Booth, Expo, ExpoSession, Hall, Officer, UnionUnit
from startups.selectors.expos import EXPO_LIST_KEY
from startups.services.booths import booth_offer_follow, expo_offers_follow
from startups.tasks import expos as tasks

logger = logging.getLogger(__name__)
Voucher = get_model("voucher", "Voucher")

EXPO_FIELDS = (
    "title",
    "title_en",
    "theme",
    "theme_en",
    "description",
    "description_en",
    "applications_close_at",
    "opens_at",
    "closes_at",
    "passport_goal",
    "reward",
    "reward_voucher_code",
    "reward_text",
    "reward_text_en",
    "draw_prizes",
)
HALL_FIELDS = ("name", "name_en", "kind", "ocop_group", "province", "position")
SESSION_FIELDS = (
    "kind",
    "title",
    "title_en",
    "description",
    "description_en",
    "starts_at",
    "ends_at",
    "hall",
    "speakers",
    "stream_url",
    "replay_url",
)
MAX_HALLS = 40
MAX_SESSIONS = 100


# --- checks the forms share -------------------------------------------------------------


def dates_check(*, applications_close_at, opens_at, closes_at) -> None:
    """Applications close no later than the opening, which comes before the closing."""
    errors = {}
    if opens_at and closes_at and not opens_at < closes_at:
        errors["closes_at"] = _("The expo must close after it opens.")
    if applications_close_at and opens_at and applications_close_at > opens_at:
        errors["applications_close_at"] = _("Applications must close no later than the expo opens.")
    if errors:
        raise ValidationError(errors)


def reward_check(*, passport_goal, reward, reward_voucher_code="", draw_prizes=0) -> str:
    """The passport's settings hold together; returns the voucher code as Oscar stores it
    (upper case), or "" when the reward is not a voucher."""
    errors = {}
    code = (reward_voucher_code or "").strip().upper()
    if reward != Expo.Reward.NONE and not passport_goal:
        errors["passport_goal"] = _("Say how many booths a visitor visits to get the reward.")
    if reward == Expo.Reward.VOUCHER:
        if not code:
            errors["reward_voucher_code"] = _("Give the voucher code visitors get.")
        elif not Voucher.objects.filter(code=code).exists():
            errors["reward_voucher_code"] = _(
                "There is no voucher with the code %(code)s: create it in the dashboard's "
                "vouchers first."
            ) % {"code": code}
    if reward == Expo.Reward.DRAW and not (draw_prizes and draw_prizes >= 1):
        errors["draw_prizes"] = _("A draw needs at least one prize.")
    if errors:
        raise ValidationError(errors)
    return code if reward == Expo.Reward.VOUCHER else ""


def hall_check(*, kind, ocop_group="", province=None) -> None:
    """A hall by OCOP product group names its group; a hall by province names its province."""
    if kind == Hall.Kind.OCOP_GROUP and not ocop_group:
        raise ValidationError({"ocop_group": _("Choose the OCOP product group of this hall.")})
    if kind == Hall.Kind.PROVINCE and province is None:
        raise ValidationError({"province": _("Choose the province or city of this hall.")})


def video_link_check(url: str) -> str:
    """A livestream or replay address: YouTube, Facebook or TikTok, https ("" is allowed)."""
    url = (url or "").strip()
    if url:
        video_parse(url)
    return url


def session_time_check(*, starts_at, ends_at, opens_at, closes_at) -> None:
    if starts_at and ends_at and not starts_at < ends_at:
        raise ValidationError({"ends_at": _("A session must end after it starts.")})
    if starts_at and opens_at and closes_at and not (opens_at <= starts_at < closes_at):
        raise ValidationError({"starts_at": _("A session must start while the expo is open.")})
    if ends_at and closes_at and ends_at > closes_at:
        raise ValidationError({"ends_at": _("A session must end by the time the expo closes.")})


# --- the expo ---------------------------------------------------------------------------


def _check_officer(officer: Officer | None, expo: Expo) -> None:
    if not officer_covers_expo(officer, expo):
        raise NotAllowed


def _unique_slug(title: str) -> str:
    base = vn_slugify(title)[:70].strip("-") or "trien-lam"
    taken = set(Expo.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _changed(expo: Expo) -> None:
    pagecache.bump(expo.token_key, EXPO_LIST_KEY)


def _row_id(row: Mapping):
    value = row.get("id")
    return getattr(value, "pk", value)


def _with_field(error: ValidationError, prefix: str, n: int) -> ValidationError:
    """An error of row ``n`` of halls or sessions, keyed so the view can put it on the row."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}-{n}-{name}": errors for name, errors in error.error_dict.items()}
        )
    return ValidationError({prefix: error.messages})


def _halls_save(expo: Expo, rows: list[Mapping], *, created: bool) -> dict:
    """Write the halls; returns {id: Hall} of the kept ones. A hall with booths cannot go."""
    if len(rows) > MAX_HALLS:
        raise ValidationError({"halls": _("An expo has at most %(n)s halls.") % {"n": MAX_HALLS}})
    existing = {} if created else {h.pk: h for h in expo.halls.all()}
    kept = {}
    for n, row in enumerate(rows):
        hall = existing.get(_row_id(row)) or Hall(expo=expo)
        for field in HALL_FIELDS:
            if field in row:
                value = row[field]
                setattr(hall, field, "" if value is None and field != "province" else value)
        hall.name = (hall.name or "").strip()
        if not hall.name:
            raise _with_field(ValidationError({"name": _("Give the hall a name.")}), "halls", n)
        try:
            hall_check(kind=hall.kind, ocop_group=hall.ocop_group, province=hall.province)
        except ValidationError as error:
            raise _with_field(error, "halls", n) from None
        if hall.kind != Hall.Kind.OCOP_GROUP:
            hall.ocop_group = ""
        if hall.kind != Hall.Kind.PROVINCE:
            hall.province = None
        hall.position = hall.position or 0
        hall.save()
        kept[hall.pk] = hall
    gone = [pk for pk in existing if pk not in kept]
    if gone:
        busy = list(
            Hall.objects.filter(pk__in=gone, booths__isnull=False)
            .distinct()
            .values_list("name", flat=True)
        )
        if busy:
            raise ValidationError(
                {
                    "halls": _(
                        "The hall %(names)s has booths: move or refuse them before removing "
                        "the hall."
                    )
                    % {"names": ", ".join(busy)}
                }
            )
        Hall.objects.filter(pk__in=gone).delete()
    return kept


def _sessions_save(expo: Expo, rows: list[Mapping], halls: dict, *, created: bool) -> None:
    if len(rows) > MAX_SESSIONS:
        raise ValidationError(
            {"sessions": _("An expo has at most %(n)s sessions.") % {"n": MAX_SESSIONS}}
        )
    existing = {} if created else {s.pk: s for s in expo.sessions.all()}
    pitching = set(
        Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED).values_list(
            "startup_id", flat=True
        )
    )
    kept = []
    for n, row in enumerate(rows):
        session = existing.get(_row_id(row)) or ExpoSession(expo=expo)
        for field in SESSION_FIELDS:
            if field in row:
                value = row[field]
                setattr(session, field, "" if value is None and field != "hall" else value)
        session.title = (session.title or "").strip()
        if not session.title:
            raise _with_field(
                ValidationError({"title": _("Give the session a title.")}), "sessions", n
            )
        if session.hall is not None and session.hall.pk not in halls:
            raise _with_field(
                ValidationError({"hall": _("Choose one of this expo's halls.")}), "sessions", n
            )
        try:
            session_time_check(
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                opens_at=expo.opens_at,
                closes_at=expo.closes_at,
            )
            for field in ("stream_url", "replay_url"):
                try:
                    setattr(session, field, video_link_check(getattr(session, field)))
                except ValidationError as error:
                    raise ValidationError({field: error.messages}) from None
        except ValidationError as error:
            raise _with_field(error, "sessions", n) from None
        startups = list(row.get("startups") or [])
        if any(s.pk not in pitching for s in startups):
            raise _with_field(
                ValidationError(
                    {"startups": _("Only startups with an approved booth in this expo can pitch.")}
                ),
                "sessions",
                n,
            )
        session.save()
        if "startups" in row or session.pk not in existing:
            session.startups.set(startups)
        kept.append(session.pk)
    if not created:
        expo.sessions.exclude(pk__in=kept).delete()


@transaction.atomic
def expo_save(
    *,
    officer: Officer,
    expo: Expo | None = None,
    data: Mapping,
    halls: Iterable[Mapping] | None = None,
    sessions: Iterable[Mapping] | None = None,
) -> Expo:
    """Create (``expo`` None) or change an expo with its halls and sessions, all at once.

    ``data``: the fields of ``EXPO_FIELDS``, ``unit`` (the officer's unit or one below it;
    the officer's own unit when left out on creating) and ``banner`` (a new upload, ``False``
    to remove it, anything else keeps it). ``halls``/``sessions``: the rows in order, dicts of
    their fields with ``id`` for a row that exists (an id of another expo is a new row);
    rows left out are deleted; None leaves them as they are. A session's ``hall`` is one of
    the halls kept, its ``startups`` startups with an approved booth here. The address
    (slug) is made once from the title and stays. Raises ``NotAllowed`` or
    ``ValidationError`` (keyed by field, ``halls-<n>-<field>``/``sessions-<n>-<field>`` for a
    row's), writing nothing."""
    created = expo is None
    if created:
        expo = Expo(created_by=officer.user, unit=officer.unit)
    else:
        expo = Expo.objects.select_for_update(of=("self",)).select_related("unit").get(pk=expo.pk)
        _check_officer(officer, expo)
    unit = data.get("unit")
    if unit is not None:
        unit = unit if isinstance(unit, UnionUnit) else UnionUnit.objects.filter(pk=unit).first()
        if unit is None or not units_of(officer).filter(pk=unit.pk).exists():
            raise ValidationError({"unit": _("Choose your unit or a unit below it.")})
        expo.unit = unit
    for field in EXPO_FIELDS:
        if field in data:
            value = data[field]
            setattr(expo, field, "" if value is None and field not in _NULLABLE else value)
    expo.passport_goal = expo.passport_goal or 0
    expo.draw_prizes = expo.draw_prizes or 0
    expo.title = (expo.title or "").strip()
    if not expo.title:
        raise ValidationError({"title": _("Give the expo a title.")})
    missing = {
        name: _("Give this date and time.")
        for name in ("applications_close_at", "opens_at", "closes_at")
        if getattr(expo, name) is None
    }
    if missing:
        raise ValidationError(missing)
    dates_check(
        applications_close_at=expo.applications_close_at,
        opens_at=expo.opens_at,
        closes_at=expo.closes_at,
    )
    expo.reward_voucher_code = reward_check(
        passport_goal=expo.passport_goal,
        reward=expo.reward,
        reward_voucher_code=expo.reward_voucher_code,
        draw_prizes=expo.draw_prizes,
    )
    banner = data.get("banner")
    if banner is False:
        expo.banner = ""
    elif isinstance(banner, UploadedFile):
        expo.banner = banner
    if created:
        expo.slug = _unique_slug(expo.title)
    checked = {*EXPO_FIELDS, "banner"}
    expo.full_clean(
        exclude=[f.name for f in Expo._meta.fields if f.name not in checked],
        validate_unique=False,
        validate_constraints=False,
    )
    expo.save()
    kept = (
        _halls_save(expo, list(halls), created=created)
        if halls is not None
        else {h.pk: h for h in expo.halls.all()}
    )
    if sessions is not None:
        _sessions_save(expo, list(sessions), kept, created=created)
    elif not created:
        # New dates must still hold every session.
        for session in expo.sessions.all():
            session_time_check(
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                opens_at=expo.opens_at,
                closes_at=expo.closes_at,
            )
    if not created:
        expo_offers_follow(expo=expo)  # the booths' vouchers on the (new) dates
    _changed(expo)
    logger.info("Expo %s saved by officer user %s", expo.pk, officer.user_id)
    return expo


_NULLABLE = frozenset(
    {"applications_close_at", "opens_at", "closes_at", "passport_goal", "draw_prizes"}
)


@transaction.atomic
def expo_publish(*, officer: Officer, expo: Expo) -> Expo:
    """Announce the expo: it shows in the list of expos, and sellers may apply until
    applications close. Needs at least one hall; a voucher reward must still exist."""
    expo = Expo.objects.select_for_update(of=("self",)).select_related("unit").get(pk=expo.pk)
    _check_officer(officer, expo)
    if expo.published:
        return expo
    if not expo.halls.exists():
        raise ValidationError(
            _("Add at least one hall before announcing the expo."), code="no_hall"
        )
    try:
        reward_check(
            passport_goal=expo.passport_goal,
            reward=expo.reward,
            reward_voucher_code=expo.reward_voucher_code,
            draw_prizes=expo.draw_prizes,
        )
    except ValidationError as error:
        raise ValidationError(error.messages, code="reward") from None
    expo.published = True
    expo.published_at = timezone.now()
    expo.save(update_fields=["published", "published_at", "updated"])
    expo_offers_follow(expo=expo)  # vouchers stopped by a return to a draft work again
    _changed(expo)
    logger.info("Expo %s announced by officer user %s", expo.pk, officer.user_id)
    return expo


@transaction.atomic
def expo_unpublish(*, officer: Officer, expo: Expo) -> Expo:
    """Take the announcement back (a draft again). Once the expo has opened with booths it
    stays: visitors, exhibitors and the report count on it. The booths' vouchers stop while
    it is a draft (an expo nobody can see offers nothing) and work again once it is
    announced again."""
    expo = Expo.objects.select_for_update(of=("self",)).select_related("unit").get(pk=expo.pk)
    _check_officer(officer, expo)
    if not expo.published:
        return expo
    if expo.phase in (Expo.Phase.LIVE, Expo.Phase.CLOSED) and expo.booths.exists():
        raise ValidationError(
            _("This expo has opened with booths: it can no longer be taken back to a draft."),
            code="opened",
        )
    expo.published = False
    expo.save(update_fields=["published", "updated"])
    expo_offers_follow(expo=expo)
    _changed(expo)
    logger.info("Expo %s taken back to a draft by officer user %s", expo.pk, officer.user_id)
    return expo


# --- booths -----------------------------------------------------------------------------


def _locked_booth(booth: Booth) -> Booth:
    return (
        Booth.objects.select_for_update(of=("self",))
        .select_related("expo__unit", "startup__partner")
        .get(pk=booth.pk)
    )


def decision_stamp(booth: Booth) -> str:
    """Names one decision on a booth (the e-mail of a later decision is another e-mail)."""
    return booth.decided_at.isoformat() if booth.decided_at else ""


@transaction.atomic
def booth_decide(*, officer: Officer, booth: Booth, approve: bool, reason: str = "") -> Booth:
    """Approve a booth application, or refuse it with the reason the exhibitor reads (in an
    e-mail sent after commit). A decision can be changed until the expo closes; a withdrawn
    application cannot be decided. Deciding the same way again changes nothing. A refused
    booth's expo-only voucher stops working, as a withdrawn one's does; approving it again
    opens it again on the expo's dates."""
    booth = _locked_booth(booth)
    _check_officer(officer, booth.expo)
    if officer_runs_startup(officer, booth.startup):
        raise ConflictOfInterest
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError(
            {"reason": _("Give the reason for refusing: the exhibitor reads it.")}
        )
    if booth.expo.phase == Expo.Phase.CLOSED:
        raise ValidationError(
            _("The expo is closed: its booths can no longer be decided."), code="closed"
        )
    if booth.status == Booth.Status.WITHDRAWN:
        raise ValidationError(_("The exhibitor withdrew this application."), code="withdrawn")
    status = Booth.Status.APPROVED if approve else Booth.Status.REFUSED
    if booth.status == status and (approve or booth.refusal_reason == reason):
        return booth
    booth.status = status
    booth.refusal_reason = "" if approve else reason
    booth.decided_by = officer.user
    booth.decided_at = timezone.now()
    if not approve:
        booth.featured = False
    booth.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at", "featured"])
    booth_offer_follow(booth=booth)
    _changed(booth.expo)
    task_enqueue_on_commit(tasks.send_booth_decision, booth.pk, decision_stamp(booth))
    logger.info("Booth %s %s by officer user %s", booth.pk, booth.status, officer.user_id)
    return booth


@transaction.atomic
def booth_feature(*, officer: Officer, booth: Booth, featured: bool, position: int = 0) -> Booth:
    """Feature an approved booth in the lobby (or not), and its place in the lists."""
    booth = _locked_booth(booth)
    _check_officer(officer, booth.expo)
    if featured and booth.status != Booth.Status.APPROVED:
        raise ValidationError(_("Only approved booths can be featured."), code="not_approved")
    if position is None or position < 0:
        raise ValidationError({"position": _("Enter 0 or more.")})
    booth.featured = bool(featured)
    booth.position = position
    booth.save(update_fields=["featured", "position"])
    _changed(booth.expo)
    return booth
