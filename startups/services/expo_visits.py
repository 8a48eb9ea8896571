"""Recording what visitors do in an expo, the passport's draw entries and the draw itself.

Counting (the counting contract, see docs/architecture.md): a page of an expo may come from the
cache; after it is shown, its beacon (static/js/expo-beacon.js) sends one event with an id the
browser made for that page view. ``event_record`` writes it as one raw ``ExpoEvent`` row with
one INSERT ... ON CONFLICT DO NOTHING on ``event_id``, so a retried request finds its row and
is not counted twice, and a booth visit stamps the passport with a second such INSERT in the
same transaction. The
rows are written by the web process itself: nothing waits in a queue, so nothing is lost when
a Celery worker restarts; the roll-ups (``startups.services.expo_stats``) are recomputed from
these rows and can be run again at any time.

The visitor is a random id kept in a first-party cookie (``VISITOR_COOKIE``), never a person.

The draw: a visitor whose passport is complete enters with a name and an e-mail and gets a
ticket code; after closing, an officer runs the draw with a seed they publish. Winners are the
tickets ordered by ``sha256(seed + ":" + ticket)`` (hex digest), the first ``draw_prizes`` of
them, so anyone holding the seed and the list of tickets can repeat it (``draw_order``).
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
import uuid
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.marketplaces import is_bot
from core import pagecache
from startups.access import NotAllowed, officer_covers_expo
from startups.models import DrawEntry, Expo, ExpoEvent, Officer, PassportStamp

VISITOR_COOKIE = "expo_v"
VISITOR_COOKIE_AGE = 365 * 24 * 3600  # one year
VISITOR_RE = re.compile(r"[0-9a-f]{32}")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out loud, typed back
TICKET_LENGTH = 8
SEED_MAX = 128


class DrawRefused(Exception):
    """The draw entry or the draw cannot be made now; ``message`` says why, to the user."""

    def __init__(self, message, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


def visitor_of(request) -> str | None:
    """The browser's visitor id from its ``expo_v`` cookie, or None (none yet, or not one of
    ours: then a new one is set)."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    return value if VISITOR_RE.fullmatch(value) else None


def visitor_new() -> str:
    return uuid.uuid4().hex


def visitor_cookie_set(response, visitor: str, *, secure: bool = False) -> None:
    """Keep the visitor id for a year (first party, HttpOnly, SameSite=Lax)."""
    response.set_cookie(
        VISITOR_COOKIE,
        visitor,
        max_age=VISITOR_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=secure,
    )


def vietnam_day(moment: datetime.datetime) -> datetime.date:
    """The day in Viet Nam at ``moment``: visits are counted on Viet Nam's days."""
    return timezone.localtime(moment, VIETNAM).date()


def expo_counts_at(expo: Expo, now: datetime.datetime) -> bool:
    """Visits are counted while the expo runs: published, from its opening to its closing.
    Before (a preview) and after (read-only, with its replays) nothing is counted."""
    return expo.published and expo.opens_at <= now < expo.closes_at


def _record(
    *,
    expo,
    kind: str,
    visitor: str,
    event_id,
    hall_id,
    booth_id,
    product_id,
    user_agent,
    now,
    count_stamps: bool,
) -> int | None:
    """None when the event does not count; else the visitor's stamp count when
    ``count_stamps`` (0 otherwise). ``expo``: an ``Expo`` or a ``BeaconPlan`` (both have
    ``pk``, ``published``, ``opens_at``, ``closes_at``)."""
    if kind not in ExpoEvent.Kind.values:
        raise ValueError(f"unknown expo event kind {kind!r}")
    if not VISITOR_RE.fullmatch(visitor or ""):
        raise ValueError("the visitor id is 32 hex digits")
    if user_agent is not None and is_bot(user_agent):
        return None
    now = now or timezone.now()
    if not expo_counts_at(expo, now):
        return None
    event = ExpoEvent(
        event_id=uuid.UUID(str(event_id)) if event_id else uuid.uuid4(),
        expo_id=expo.pk,
        kind=kind,
        hall_id=hall_id,
        booth_id=booth_id,
        product_id=product_id,
        visitor=visitor,
        day=vietnam_day(now),
        created=now,
    )
    # One transaction, so one commit (one WAL flush) for the event, its stamp and the count.
    with transaction.atomic():
        ExpoEvent.objects.bulk_create([event], ignore_conflicts=True)
        if kind == ExpoEvent.Kind.BOOTH and booth_id:
            PassportStamp.objects.bulk_create(
                [PassportStamp(expo_id=expo.pk, visitor=visitor, booth_id=booth_id, created=now)],
                ignore_conflicts=True,
            )
        if not count_stamps:
            return 0
        return PassportStamp.objects.filter(expo_id=expo.pk, visitor=visitor).count()


def event_record(
    *,
    expo: Expo,
    kind: str,
    visitor: str,
    event_id: uuid.UUID | str | None = None,
    hall_id: int | None = None,
    booth_id: int | None = None,
    product_id: int | None = None,
    user_agent: str | None = "",
    now: datetime.datetime | None = None,
) -> bool:
    """Record one event of ``visitor`` in ``expo``; True if it counts (it is in the expo's
    dates and not from a known bot), whether this call or an earlier try of the same
    ``event_id`` wrote it. One INSERT, two for a booth visit (its passport stamp), in one
    transaction; the caller has checked that the hall and booth belong to the expo."""
    return (
        _record(
            expo=expo,
            kind=kind,
            visitor=visitor,
            event_id=event_id,
            hall_id=hall_id,
            booth_id=booth_id,
            product_id=product_id,
            user_agent=user_agent,
            now=now,
            count_stamps=False,
        )
        is not None
    )


def visit_record(
    *,
    plan,
    kind: str,
    visitor: str,
    event_id: uuid.UUID | str,
    hall_id: int | None = None,
    booth_id: int | None = None,
    user_agent: str | None = "",
    now: datetime.datetime | None = None,
) -> int | None:
    """The beacon's page visit: as ``event_record`` for the expo's ``BeaconPlan``
    (``startups.selectors.expo_stats.beacon_plan``), and the visitor's passport stamp count
    read in the same transaction (what the beacon answers); None when it does not count."""
    return _record(
        expo=plan,
        kind=kind,
        visitor=visitor,
        event_id=event_id,
        hall_id=hall_id,
        booth_id=booth_id,
        product_id=None,
        user_agent=user_agent,
        now=now,
        count_stamps=True,
    )


def server_event_id(*parts, now: datetime.datetime | None = None, window: int = 600) -> uuid.UUID:
    """An event id made by the server for a redirect (no page to make one): the same parts in
    the same ``window`` seconds give the same id, so a retried or double-clicked link counts
    once per window."""
    moment = int((now or timezone.now()).timestamp()) // window
    name = ":".join(str(part) for part in (*parts, moment))
    return uuid.uuid5(uuid.NAMESPACE_URL, f"expo-event:{name}")


# --- the draw ------------------------------------------------------------------------------


def _new_ticket() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def draw_enter(*, expo: Expo, visitor: str, user, name: str, email: str) -> DrawEntry:
    """Enter the visitor's completed passport into the expo's draw (once: entering again gives
    the same entry back). ``DrawRefused`` when the expo has no draw, the draw was run, or the
    passport is not complete yet."""
    name = (name or "").strip()[:100]
    email = (email or "").strip()[:254]
    if expo.reward != Expo.Reward.DRAW or expo.passport_goal <= 0:
        raise DrawRefused(_("This expo has no prize draw."), "no_draw")
    if not VISITOR_RE.fullmatch(visitor or ""):
        raise DrawRefused(_("Visit the booths first: your passport is empty."), "no_visitor")
    existing = DrawEntry.objects.filter(expo=expo, visitor=visitor).first()
    if existing is not None:
        return existing
    if expo.draw_run_at is not None:
        raise DrawRefused(_("The draw has been run: entries are closed."), "drawn")
    if expo.phase not in (Expo.Phase.LIVE, Expo.Phase.CLOSED):
        raise DrawRefused(_("The expo is not open."), "not_open")
    if not name or not email:
        raise DrawRefused(_("Write your name and e-mail address."), "missing")
    stamps = PassportStamp.objects.filter(expo=expo, visitor=visitor).count()
    if stamps < expo.passport_goal:
        raise DrawRefused(
            _("Visit %(goal)d booths to enter the draw (you have visited %(count)d).")
            % {"goal": expo.passport_goal, "count": stamps},
            "incomplete",
        )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return DrawEntry.objects.create(
                    expo=expo,
                    visitor=visitor,
                    ticket=_new_ticket(),
                    user=user if (user is not None and user.is_authenticated) else None,
                    name=name,
                    email=email,
                )
        except IntegrityError:
            existing = DrawEntry.objects.filter(expo=expo, visitor=visitor).first()
            if existing is not None:  # the same visitor entered at the same moment
                return existing
    raise RuntimeError("no free draw ticket after 5 tries")  # pragma: no cover


def draw_key(seed: str, ticket: str) -> str:
    return hashlib.sha256(f"{seed}:{ticket}".encode()).hexdigest()


def draw_order(seed: str, tickets) -> list[str]:
    """Every ticket in the draw's order for ``seed``: anyone can repeat it."""
    return sorted(tickets, key=lambda ticket: (draw_key(seed, ticket), ticket))


def draw_run(*, user, expo: Expo, seed: str) -> list[str]:
    """Run the expo's draw once, after closing, with the seed the officer publishes; store and
    return the winning tickets in prize order. ``NotAllowed`` for a user who is not an
    officer covering the expo, ``DrawRefused`` when it cannot be run (again)."""
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    if not officer_covers_expo(officer, expo):
        raise NotAllowed
    seed = (seed or "").strip()
    if not seed or len(seed) > SEED_MAX or not seed.isprintable():
        raise DrawRefused(
            _("Write the seed you publish: 1 to %(max)d characters.") % {"max": SEED_MAX},
            "seed",
        )
    with transaction.atomic():
        locked = Expo.objects.select_for_update().get(pk=expo.pk)
        if locked.reward != Expo.Reward.DRAW or locked.draw_prizes <= 0:
            raise DrawRefused(_("This expo has no prize draw."), "no_draw")
        if locked.draw_run_at is not None:
            raise DrawRefused(_("The draw has been run already: it cannot be run again."), "drawn")
        if locked.phase != Expo.Phase.CLOSED:
            raise DrawRefused(_("The draw is run after the expo closes."), "not_closed")
        tickets = list(DrawEntry.objects.filter(expo=locked).values_list("ticket", flat=True))
        winners = draw_order(seed, tickets)[: locked.draw_prizes]
        locked.draw_seed = seed
        locked.draw_run_at = timezone.now()
        locked.draw_winners = winners
        locked.save(update_fields=["draw_seed", "draw_run_at", "draw_winners", "updated"])
    expo.draw_seed, expo.draw_run_at, expo.draw_winners = seed, locked.draw_run_at, winners
    pagecache.bump(expo.token_key)  # the passport page shows the result
    return winners
