"""Reads of the expos' public pages: the list, lobby, halls, sessions, booths, passport.

Every read costs a fixed number of queries whatever the number of halls, booths, sessions or
products (``tests/startups/test_expos_visiting.py`` compares 2 with 6). Times are compared
with ``now`` passed in, so a page and its tests agree on the moment.

What the public sees: published expos only; an expo's approved booths once it is open (live,
or closed and read-only). An officer covering a draft gets it as a preview (``expo_shown``),
booths included, so the organisers can walk it before announcing it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language
from oscar.core.loading import get_model

from catalog.models import MarketplaceLink
from catalog.selectors import (
    ListedProducts,
    is_public_product,
    public_products,
    with_listing_data,
)
from core import pagecache
from core.text import fold_vietnamese
from core.video import Video, video_or_none
from startups.access import officer_covers_expo
from startups.models import (
    Booth,
    BoothProduct,
    BoothQuestion,
    Expo,
    ExpoSession,
    Hall,
    Officer,
    Startup,
    TeamMember,
)
from startups.selectors import ShownText, shown_text

Product = get_model("catalogue", "Product")

LIST_LIMIT = 50  # expos per section of the list page
NEXT_UP = 3  # sessions shown as "next up"
STAFF_ONLINE = datetime.timedelta(minutes=3)  # a desk seen this recently is staffed
ONLINE_LIMIT = 24
LOBBY_HALL_BOOTHS = 6  # booths shown per hall in the lobby; the hall's page lists them all
BOOTH_QUESTIONS = 50
# The page-cache token of the list of expos: the organisers' writes bump it (with the expo's
# own token) so that a newly announced expo shows at once.
EXPO_LIST_KEY = "expos"


def _text(obj, name: str) -> ShownText:
    return shown_text(obj, name, get_language() or "")


# --- the list ----------------------------------------------------------------------------


@dataclass
class ExpoList:
    live: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)

    @property
    def expos(self) -> list:
        return [*self.live, *self.upcoming, *self.past]


def public_expos(now: datetime.datetime | None = None) -> ExpoList:
    """Published expos: live now (closing first), upcoming (opening first), past (the latest
    first). Three queries at most, one per section."""
    now = now or timezone.now()
    published = Expo.objects.filter(published=True).select_related("unit")
    return ExpoList(
        live=list(
            published.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")[
                :LIST_LIMIT
            ]
        ),
        upcoming=list(published.filter(opens_at__gt=now).order_by("opens_at", "pk")[:LIST_LIMIT]),
        past=list(published.filter(closes_at__lte=now).order_by("-closes_at", "-pk")[:LIST_LIMIT]),
    )


def next_boundary(expos, now: datetime.datetime) -> datetime.datetime | None:
    """The first moment after ``now`` at which one of ``expos`` changes phase (a page that
    shows phases must not be cached across it)."""
    moments = [
        moment
        for expo in expos
        for moment in (expo.applications_close_at, expo.opens_at, expo.closes_at)
        if moment > now
    ]
    return min(moments, default=None)


# --- one expo ----------------------------------------------------------------------------


def expo_pk_of(slug: str) -> int | None:
    return Expo.objects.filter(slug=slug).values_list("pk", flat=True).first()


def expo_shown(slug: str, user) -> tuple[Expo | None, bool]:
    """(the expo at this address, whether it is an officer's preview): a published expo for
    everyone; a draft only for an officer whose unit tree organises it (preview); else
    (None, False). One query, two for a draft."""
    expo = Expo.objects.select_related("unit").filter(slug=slug).first()
    if expo is None:
        return None, False
    if expo.published:
        return expo, False
    if user is not None and user.is_authenticated:
        officer = Officer.objects.select_related("unit").filter(user=user).first()
        if officer_covers_expo(officer, expo):
            return expo, True
    return None, False


def booths_shown(expo: Expo, *, preview: bool = False) -> bool:
    """Visitors see the booths once the expo is open; an officer's preview shows them too."""
    return preview or expo.is_open


def approved_booths(expo: Expo):
    return (
        Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED)
        .select_related("startup", "hall")
        .order_by("hall__position", "hall_id", "position", "pk")
    )


@dataclass
class SessionRow:
    session: ExpoSession
    title: ShownText
    live: bool
    ended: bool
    video: Video | None  # the stream while live, else the replay

    @property
    def replay(self) -> Video | None:
        return video_or_none(self.session.replay_url)


def _session_rows(sessions, now) -> list[SessionRow]:
    rows = []
    for session in sessions:
        live = session.starts_at <= now < session.ends_at
        ended = session.ends_at <= now
        url = session.stream_url if live and session.stream_url else session.replay_url
        rows.append(
            SessionRow(
                session=session,
                title=_text(session, "title"),
                live=live,
                ended=ended,
                video=video_or_none(url) if (live or ended) else None,
            )
        )
    return rows


@dataclass
class HallRow:
    hall: Hall
    name: ShownText
    booth_count: int
    booths: list = field(default_factory=list)

    @property
    def more(self) -> bool:
        """The lobby shows only some of the hall's booths."""
        return self.booth_count > len(self.booths)


@dataclass(frozen=True)
class CardStartup:
    name: str
    name_en: str
    tagline: str
    tagline_en: str
    logo: object  # the ``logo`` field's file: false without a picture, ``.url`` with one


@dataclass(frozen=True)
class CardBooth:
    """What a booth card shows of its booth (``{% booth_card %}``), read as plain values: a
    model instance for each booth and its startup was half of a 60-card lobby's read."""

    pk: int
    hall_id: int
    featured: bool
    staff_seen_at: datetime.datetime | None
    startup: CardStartup


@dataclass
class BoothCard:
    booth: CardBooth
    name: ShownText
    tagline: ShownText
    online: bool = False


# What a booth card reads, in ``CardBooth`` order: not the startup's story nor the booth's
# pitch and media, which made most of a 60-card lobby's rows.
CARD_VALUES = (
    "pk",
    "hall_id",
    "featured",
    "staff_seen_at",
    "startup__name",
    "startup__name_en",
    "startup__tagline",
    "startup__tagline_en",
    "startup__logo",
)


def _card_of(values: tuple, now) -> BoothCard:
    """A card from a row of ``CARD_VALUES``."""
    pk, hall_id, featured, seen, name, name_en, tagline, tagline_en, logo = values[:9]
    logo_field = Startup._meta.get_field("logo")
    startup = CardStartup(
        name, name_en, tagline, tagline_en, logo_field.attr_class(None, logo_field, logo or "")
    )
    booth = CardBooth(pk, hall_id, featured, seen, startup)
    return BoothCard(
        booth=booth,
        name=_text(startup, "name"),
        tagline=_text(startup, "tagline"),
        online=bool(seen and seen >= now - STAFF_ONLINE),
    )


def _cards(booths, now) -> list[BoothCard]:
    """The cards of a queryset of booths, in its order. One query."""
    return [_card_of(values, now) for values in booths.values_list(*CARD_VALUES)]


def _card(booth: Booth, now) -> BoothCard:
    """The card of a booth read in full (search within an expo reads its pitch too)."""
    startup = booth.startup
    values = (booth.pk, booth.hall_id, booth.featured, booth.staff_seen_at)
    texts = (startup.name, startup.name_en, startup.tagline, startup.tagline_en)
    return _card_of((*values, *texts, startup.logo.name), now)


@dataclass
class Lobby:
    expo: Expo
    phase: str
    title: ShownText
    theme: ShownText
    description: ShownText
    halls: list[HallRow]
    sessions: list[SessionRow]
    live_now: list[SessionRow]
    next_up: list[SessionRow]
    featured: list[BoothCard]
    booths_shown: bool
    booth_count: int

    @property
    def reward_text(self) -> ShownText:
        return _text(self.expo, "reward_text")


def lobby(expo: Expo, *, now: datetime.datetime | None = None, preview: bool = False) -> Lobby:
    """The lobby: halls in order with their approved booths counted and, once the expo is
    open, the first ``LOBBY_HALL_BOOTHS`` of each (a lobby of a 200-booth fair stays light on
    a phone; the hall's page lists every booth), the schedule with "live now" and "next up",
    the featured booths. Two queries, three once the booths are shown."""
    now = now or timezone.now()
    shown = booths_shown(expo, preview=preview)
    halls = list(
        Hall.objects.filter(expo=expo)
        .annotate(
            approved=Count("booths", filter=Q(booths__status=Booth.Status.APPROVED)),
        )
        .order_by("position", "pk")
    )
    rows = {hall.pk: HallRow(hall, _text(hall, "name"), hall.approved) for hall in halls}
    featured = []
    if shown:
        first_of_hall = (
            approved_booths(expo)
            .select_related(None)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=F("hall_id"), order_by=[F("position"), F("pk")]
                )
            )
            .filter(Q(rank__lte=LOBBY_HALL_BOOTHS) | Q(featured=True))
        )
        for values in first_of_hall.values_list(*CARD_VALUES, "rank"):
            card, rank = _card_of(values, now), values[-1]
            if card.booth.hall_id in rows and rank <= LOBBY_HALL_BOOTHS:
                rows[card.booth.hall_id].booths.append(card)
            if card.booth.featured:
                featured.append(card)
    sessions = _session_rows(
        ExpoSession.objects.filter(expo=expo).select_related("hall").order_by("starts_at", "pk"),
        now,
    )
    return Lobby(
        expo=expo,
        phase=expo.phase_at(now),
        title=_text(expo, "title"),
        theme=_text(expo, "theme"),
        description=_text(expo, "description"),
        halls=list(rows.values()),
        sessions=sessions,
        live_now=[row for row in sessions if row.live],
        next_up=[row for row in sessions if row.session.starts_at > now][:NEXT_UP],
        featured=featured,
        booths_shown=shown,
        booth_count=sum(row.booth_count for row in rows.values()),
    )


def staff_online(expo: Expo, *, now: datetime.datetime | None = None) -> list[BoothCard]:
    """Approved booths whose staff had their desk open in the last three minutes (newest
    first), when the booths are shown. One query."""
    now = now or timezone.now()
    if not expo.is_open:
        return []
    booths = approved_booths(expo).filter(staff_seen_at__gte=now - STAFF_ONLINE)
    return _cards(booths.order_by("-staff_seen_at", "pk")[:ONLINE_LIMIT], now)


@dataclass
class HallPage:
    hall: Hall
    name: ShownText
    booths: list[BoothCard]
    sessions: list[SessionRow]


def hall_page(
    expo: Expo, hall_pk: int, *, now: datetime.datetime | None = None, preview: bool = False
) -> HallPage | None:
    """A hall of the expo with its approved booths (once shown) and its sessions. Three
    queries; None for a hall of another expo."""
    now = now or timezone.now()
    hall = Hall.objects.filter(expo=expo, pk=hall_pk).first()
    if hall is None:
        return None
    booths = []
    if booths_shown(expo, preview=preview):
        booths = _cards(approved_booths(expo).filter(hall=hall), now)
    sessions = _session_rows(
        ExpoSession.objects.filter(expo=expo, hall=hall).order_by("starts_at", "pk"), now
    )
    return HallPage(hall=hall, name=_text(hall, "name"), booths=booths, sessions=sessions)


@dataclass
class SessionPage:
    row: SessionRow
    description: ShownText
    startups: list  # (startup, ShownText name, booth or None)
    fallback: Video | None  # when nothing is streaming: a pitching booth's recorded video


def session_page(
    expo: Expo, session_pk: int, *, now: datetime.datetime | None = None, preview: bool = False
) -> SessionPage | None:
    """A session with the startups pitching in it (and their booths once shown). When no
    stream runs and there is no replay yet, a pitching booth's recorded video stands in.
    Three queries; None for a session of another expo."""
    now = now or timezone.now()
    session = (
        ExpoSession.objects.filter(expo=expo, pk=session_pk)
        .select_related("hall")
        .prefetch_related("startups")
        .first()
    )
    if session is None:
        return None
    (row,) = _session_rows([session], now)
    startups = list(session.startups.all())
    booths = {}
    if startups and booths_shown(expo, preview=preview):
        booths = {
            b.startup_id: b
            for b in approved_booths(expo).filter(startup__in=[s.pk for s in startups])
        }
    fallback = None
    if row.video is None:
        fallback = next(
            (v for v in (video_or_none(b.video_url) for b in booths.values()) if v), None
        )
    return SessionPage(
        row=row,
        description=_text(session, "description"),
        startups=[(s, _text(s, "name"), booths.get(s.pk)) for s in startups],
        fallback=fallback,
    )


# --- a booth -----------------------------------------------------------------------------


@dataclass
class ProductRow:
    product: object
    links: list  # the product's marketplace links


@dataclass
class BoothPage:
    booth: Booth
    name: ShownText
    tagline: ShownText
    story: ShownText
    pitch: ShownText
    offer_text: ShownText
    team: list  # (member, ShownText role)
    products: list[ProductRow]
    questions: list
    waiting_questions: list
    video: Video | None
    online: bool

    @property
    def shown_in_vietnamese(self) -> bool:
        return any(t.is_fallback for t in (self.tagline, self.story, self.pitch))

    @property
    def voucher(self):
        return self.booth.offer_voucher

    @property
    def market_links(self) -> list:
        """Every marketplace link of the featured products ("also on Lazada ...")."""
        return [link for row in self.products for link in row.links]


def booth_pk_of(expo: Expo, booth_pk: int, *, preview: bool = False) -> int | None:
    """The id of an approved booth of ``expo`` when booths are shown, else None."""
    if not booths_shown(expo, preview=preview):
        return None
    return (
        Booth.objects.filter(expo=expo, pk=booth_pk, status=Booth.Status.APPROVED)
        .values_list("pk", flat=True)
        .first()
    )


def booth_of_expo(expo: Expo, booth_pk: int, *, preview: bool = False) -> Booth | None:
    """An approved booth of ``expo`` when booths are shown (what its forms post to)."""
    if not booths_shown(expo, preview=preview):
        return None
    return (
        Booth.objects.filter(expo=expo, pk=booth_pk, status=Booth.Status.APPROVED)
        .select_related("startup__partner", "hall", "expo__unit")
        .first()
    )


def booth_product_ids(booth_pk: int) -> list[int]:
    return list(
        BoothProduct.objects.filter(booth_id=booth_pk)
        .order_by("position", "pk")
        .values_list("product_id", flat=True)
    )


def booth_featured_ids(booth_pk: int) -> tuple[list[int], list[int]]:
    """The booth's featured products' ids in the booth's order, and those of them a buyer may
    see (in that order too). One query."""
    rows = list(
        BoothProduct.objects.filter(booth_id=booth_pk)
        .annotate(public=is_public_product(OuterRef("product_id")))
        .order_by("position", "pk")
        .values_list("product_id", "public")
    )
    return [pk for pk, _public in rows], [pk for pk, public in rows if public]


def booth_products(booth: Booth, product_ids: list[int] | None = None) -> list[ProductRow]:
    """The booth's featured products a buyer may see, in the booth's order, with what a card
    needs (price and stock through the stock records, pictures) and their marketplace links.
    Six queries whatever their number."""
    position = BoothProduct.objects.filter(booth=booth, product=OuterRef("pk")).values("position")[
        :1
    ]
    featured = BoothProduct.objects.filter(booth=booth).values("product_id")
    if product_ids is not None:
        featured = product_ids
    products = with_listing_data(
        public_products()
        .filter(pk__in=featured)
        .annotate(booth_position=Subquery(position))
        .order_by("booth_position", "pk")
    ).prefetch_related(
        Prefetch("marketplace_links", queryset=MarketplaceLink.objects.order_by("marketplace"))
    )
    return [ProductRow(product=p, links=list(p.marketplace_links.all())) for p in products]


class BoothProducts(list):
    """A booth's featured products a buyer may see, as their ids in the booth's order, for
    ``{% booth_products %}``: each row comes from the card cache while its product is
    unchanged, and ``load(ids)`` reads the rows to draw (``booth_products``). Those reads and
    the rows' price and stock lookups were half of a booth page rendered afresh."""

    def __init__(self, booth: Booth, ids):
        super().__init__(ids)
        self.booth = booth

    def load(self, ids) -> dict:
        return {row.product.pk: row for row in booth_products(self.booth, ids)}


def booth_listed_products(
    booth: Booth,
    product_ids: list[int] | None = None,
    public_ids: list[int] | None = None,
) -> list:
    """``booth_products`` for the page: with the card cache on, a ``BoothProducts`` of the
    public ones (``public_ids`` of ``booth_featured_ids``, read here when not given). The page
    depends on every featured product's token, public or not yet."""
    if not pagecache.enabled():
        return booth_products(booth, product_ids)
    if product_ids is None or public_ids is None:
        product_ids, public_ids = booth_featured_ids(booth.pk)
    pagecache.note_products(product_ids)
    return BoothProducts(booth, ListedProducts(public_ids))


def booth_questions(booth: Booth, user, limit: int = BOOTH_QUESTIONS) -> tuple[list, list]:
    """Shown questions with their answers (newest first) and, for a signed-in visitor, their
    own that wait to be seen. One query."""
    visible = Q(status=BoothQuestion.Status.SHOWN)
    if user is not None and user.is_authenticated:
        visible |= Q(status=BoothQuestion.Status.HELD, asker=user)
    questions = list(
        BoothQuestion.objects.filter(visible, booth=booth).order_by("-created", "-pk")[: limit + 20]
    )
    shown = [q for q in questions if q.status == BoothQuestion.Status.SHOWN][:limit]
    waiting = [q for q in questions if q.status == BoothQuestion.Status.HELD]
    return shown, waiting


def booth_page(
    expo: Expo,
    booth_pk: int,
    *,
    user=None,
    now: datetime.datetime | None = None,
    preview: bool = False,
    product_ids: list[int] | None = None,
    public_ids: list[int] | None = None,
) -> BoothPage | None:
    """A booth: the startup's story and team, the featured products with price, stock and
    marketplace links (as ``BoothProducts`` with the card cache on), the expo-only offer, the
    video, the shown questions. Nine queries whatever the number of products, members or
    questions; None unless it is an approved booth of ``expo`` shown to visitors."""
    now = now or timezone.now()
    if not booths_shown(expo, preview=preview):
        return None
    booth = (
        Booth.objects.filter(expo=expo, pk=booth_pk, status=Booth.Status.APPROVED)
        .select_related("startup__partner", "startup__province", "hall", "offer_voucher")
        .first()
    )
    if booth is None:
        return None
    booth.expo = expo
    startup = booth.startup
    team = list(TeamMember.objects.filter(startup=startup).order_by("position", "pk"))
    shown, waiting = booth_questions(booth, user)
    return BoothPage(
        booth=booth,
        name=_text(startup, "name"),
        tagline=_text(startup, "tagline"),
        story=_text(startup, "story"),
        pitch=_text(booth, "pitch"),
        offer_text=_text(booth, "offer_text"),
        team=[(member, _text(member, "role")) for member in team],
        products=booth_listed_products(booth, product_ids, public_ids),
        questions=shown,
        waiting_questions=waiting,
        video=video_or_none(booth.video_url),
        online=bool(booth.staff_seen_at and booth.staff_seen_at >= now - STAFF_ONLINE),
    )


# --- search within an expo ---------------------------------------------------------------


def expo_seller_ids(expo: Expo) -> list[int]:
    """The sellers of the expo's approved booths (what search within the expo narrows the
    products to). One query."""
    return sorted(
        set(
            Booth.objects.filter(expo=expo, status=Booth.Status.APPROVED).values_list(
                "startup__partner_id", flat=True
            )
        )
    )


def booths_matching(expo: Expo, text: str, *, limit: int = 12) -> list[BoothCard]:
    """Approved booths whose startup's name (either language) or pitch holds every word of
    ``text``, compared without diacritics ("ca phe" finds "Cà Phê"). One query; the folding
    is done here, over the expo's booths (a few hundred at most)."""
    words = fold_vietnamese(text).split()
    if not words:
        return []
    now = timezone.now()
    found = []
    for booth in approved_booths(expo):
        startup = booth.startup
        haystack = fold_vietnamese(
            " ".join((startup.name, startup.name_en, startup.tagline, booth.pitch, booth.pitch_en))
        )
        if all(word in haystack for word in words):
            found.append(_card(booth, now))
            if len(found) >= limit:
                break
    return found


def booths_by_seller(expo: Expo) -> dict[int, Booth]:
    """The expo's approved booths by their seller's id (a search result's way back to its
    booth). One query."""
    return {booth.startup.partner_id: booth for booth in approved_booths(expo)}


def expo_frame(expo: Expo, *, preview: bool = False, now=None) -> dict:
    """What every page of an expo shows around its content (templates/startups/expos/public/
    _base.html): the expo, its phase, its title in the page's language, the preview flag."""
    now = now or timezone.now()
    return {
        "expo": expo,
        "preview": preview,
        "phase": expo.phase_at(now),
        "Phase": Expo.Phase,
        "expo_title": _text(expo, "title"),
        "now": now,
    }
