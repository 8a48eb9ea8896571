"""The reads of the community layer's pages: applications and products waiting for an
officer, always limited to the officer's unit tree."""

import datetime
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Case, Count, Max, Prefetch, Q, QuerySet, Sum, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, to_locale
from oscar.core.loading import get_model

from catalog.selectors import (
    awaiting_review,
    listed,
    public_products,
    seller_products,
)
from core.siteurl import absolute_url
from core.text import ShownText, shown_text  # noqa: F401  (re-exported: the startups' pages use them from here)
from core.video import Video, video_or_none
from shop.order.selectors import seller_order_figures
from shop.payments.banks import bank_by_bin
from shop.payments.vietqr import build_payload
from startups.models import (
    Award,
    Booth,
    Expo,
    Follow,
    Lead,
    Officer,
    Pitch,
    PitchReview,
    PitchUpdate,
    PitchVersion,
    QRVisitDay,
    Question,
    SellerApplication,
    Startup,
    TeamMember,
)
from startups.models.pitches import AskKind
from startups.posters import PosterContent, StallContent

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)


def applications_of_user(user):
    return SellerApplication.objects.filter(applicant=user).select_related(
        "province", "union_unit", "partner"
    )


def applications_for_officer(officer: Officer):
    """Applications of the officer's unit and every unit below it."""
    return SellerApplication.objects.filter(
        union_unit__path__startswith=officer.unit.path
    ).select_related("province", "union_unit", "partner", "applicant", "created_by")


def products_for_officer(officer: Officer):
    """Products waiting for review whose seller belongs to the officer's unit tree. Sellers
    that joined without an application (set up by site staff) fall to the central unit."""
    in_tree = Q(stockrecords__partner__application__union_unit__path__startswith=officer.unit.path)
    if officer.unit.depth == 1:
        in_tree |= Q(stockrecords__partner__application__isnull=True)
    return (
        awaiting_review()
        .filter(in_tree)
        .distinct()
        .select_related("origin_province")
        .prefetch_related("stockrecords__partner", "images", "categories")
    )


def partners_visible_to(user):
    """Sellers whose figures ``user`` may read: staff every seller, a union officer the sellers
    of its unit tree, a seller itself."""
    if user.is_staff:
        return Partner.objects.all()
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    if officer is not None:
        return Partner.objects.filter(application__union_unit__path__startswith=officer.unit.path)
    return Partner.objects.filter(users=user)


def products_of_partners(partners):
    return Product.objects.filter(stockrecords__partner__in=partners)


# --- pitches ---


SNAPSHOT_FIELDS = (
    "title",
    "problem",
    "solution",
    "product",
    "market",
    "market_size",
    "business_model",
    "competition",
    "team_note",
    "ask_amount",
    "ask_kind",
    "risks",
    "video_url",
)


def pitch_snapshot(pitch) -> dict:
    """Every section and row of the working copy, and the startup's team as it is now: what
    an approval freezes into ``PitchVersion.content`` (``startups.services.pitches``)."""
    startup = pitch.startup
    content = {name: getattr(pitch, name) for name in SNAPSHOT_FIELDS}
    content["schema"] = 1
    content["traction"] = [
        {"label": t.label, "value": t.value, "unit": t.unit, "as_of": t.as_of.isoformat()}
        for t in pitch.traction.all()
    ]
    content["fund_uses"] = [{"label": f.label, "amount": f.amount} for f in pitch.fund_uses.all()]
    content["milestones"] = [
        {"when": m.when.isoformat(), "text": m.text, "done": m.done} for m in pitch.milestones.all()
    ]
    content["team"] = [
        {
            "name": member.name,
            "role": member.role,
            "role_en": member.role_en,
            "birth_year": member.birth_year,
            "is_founder": member.is_founder,
        }
        for member in startup.team.all()
    ]
    content["startup"] = {"name": startup.name, "name_en": startup.name_en}
    return content


def submission_stamp(pitch) -> str:
    """Names one submission of a pitch for review (the officer's page carries it, so that a
    decision is never taken on a submission the officer did not see; e-mails are keyed by it)."""
    return pitch.submitted_at.isoformat() if pitch.submitted_at else ""


def seller_startup(user):
    """The startup of the seller that ``user`` runs, or None (a seller has one at most)."""
    if not (user and user.is_authenticated):
        return None
    return (
        Startup.objects.filter(partner__users=user)
        .select_related("partner", "union_unit")
        .order_by("pk")
        .first()
    )


def pitches_of_startup(startup):
    """The startup's pitches for its dashboard, with what waits for it: questions not yet
    seen and unanswered ones."""
    return (
        Pitch.objects.filter(startup=startup)
        .select_related("published_version")
        .annotate(
            held_questions=Count("questions", filter=Q(questions__status=Question.Status.HELD)),
            unanswered_questions=Count(
                "questions",
                filter=Q(questions__answer="") & ~Q(questions__status=Question.Status.HIDDEN),
            ),
        )
        .order_by("-updated", "-pk")
    )


def pitches_of_user(user):
    """Pitches of the startups whose seller ``user`` runs (anything else: another tenant's)."""
    return Pitch.objects.filter(startup__partner__users=user).select_related(
        "startup", "startup__union_unit", "startup__partner", "published_version"
    )


def pitches_for_officer(officer: Officer):
    """Pitches of startups of the officer's unit and every unit below it."""
    return Pitch.objects.filter(
        startup__union_unit__path__startswith=officer.unit.path
    ).select_related(
        "startup",
        "startup__union_unit",
        "startup__partner",
        "published_version__approved_by",
        "published_version__approved_unit",
    )


def questions_for_officer(officer: Officer):
    return (
        Question.objects.filter(pitch__startup__union_unit__path__startswith=officer.unit.path)
        .select_related("pitch__startup", "asker")
        .order_by("-created", "-pk")
    )


def latest_comments(pitch) -> dict:
    """Section -> the officer's comment, from the last review when it sent the pitch back and
    the pitch has not been submitted again since; also "" -> the review's note."""
    if pitch.state not in (Pitch.State.SENT_BACK, Pitch.State.DRAFT):
        return {}
    review = pitch.reviews.order_by("-created", "-pk").first()
    if review is None or review.decision != PitchReview.Decision.SENT_BACK:
        return {}
    if pitch.submitted_at and review.created < pitch.submitted_at:
        return {}
    comments = {c.section: c.text for c in review.comments.all()}
    if review.note:
        comments[""] = review.note
    return comments


def public_pitch(slug: str, pitch_slug: str):
    """The pitch at this address when the public may see it: an approved version, of a
    public startup (``public_startups``). One query."""
    return (
        Pitch.objects.filter(
            startup__in=public_startups(),
            startup__slug=slug,
            slug=pitch_slug,
            published_version__isnull=False,
        )
        .select_related(
            "startup",
            "startup__partner",
            "published_version__approved_by",
            "published_version__approved_unit",
        )
        .first()
    )


def pitch_of_startup_page(slug: str, pitch_slug: str):
    """The pitch at this address whatever its state (its history page decides who sees it)."""
    return (
        Pitch.objects.filter(startup__slug=slug, slug=pitch_slug)
        .select_related("startup__partner", "startup__union_unit")
        .first()
    )


@dataclass
class VersionView:
    """A pitch's content as the pages show it: an approved version (``version``), read from
    its snapshot only, or the working copy for its reviewer (``version`` None)."""

    content: dict
    version: PitchVersion | None = None
    traction: list = field(default_factory=list)
    fund_uses: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    team: list = field(default_factory=list)
    video: Video | None = None
    deck_url: str = ""
    deck_preview_url: str = ""

    @property
    def ask_kind_label(self) -> str:
        kind = self.content.get("ask_kind") or ""
        return str(AskKind(kind).label) if kind in AskKind.values else ""

    @property
    def fund_total(self) -> int:
        return sum(row["amount"] for row in self.fund_uses)


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _stored_url(name: str) -> str:
    return default_storage.url(name) if name else ""


def grouped(number) -> str:
    """A whole number with the active language's grouping (1.250.000 / 1,250,000)."""
    return format_decimal(number, locale=to_locale(get_language() or settings.LANGUAGE_CODE))


def content_view(
    content: dict, *, deck: str = "", deck_preview: str = "", version=None
) -> VersionView:
    ask = content.get("ask_amount") or 0
    return VersionView(
        content=content,
        version=version,
        traction=[
            {**t, "as_of": _date(t.get("as_of")), "value_text": grouped(t.get("value") or 0)}
            for t in content.get("traction", [])
        ],
        fund_uses=[
            {**row, "share": (row["amount"] * 100 / ask) if ask else None}
            for row in content.get("fund_uses", [])
        ],
        milestones=[{**m, "when": _date(m.get("when"))} for m in content.get("milestones", [])],
        team=list(content.get("team", [])),
        video=video_or_none(content.get("video_url", "")),
        deck_url=_stored_url(deck),
        deck_preview_url=_stored_url(deck_preview),
    )


def version_view(version: PitchVersion) -> VersionView:
    """An approved version, from its snapshot alone (never the working copy)."""
    return content_view(
        version.content or {},
        deck=version.deck,
        deck_preview=version.deck_preview,
        version=version,
    )


def working_copy_view(pitch) -> VersionView:
    """The working copy laid out as a version would be (the officer reviews what approval
    would freeze)."""
    return content_view(
        pitch_snapshot(pitch),
        deck=pitch.deck.name or "",
        deck_preview=pitch.deck_preview.name or "",
    )


@dataclass
class PlatformFigures:
    """Orders on this platform, read live from the shop."""

    orders: int
    revenue: Decimal
    as_of: datetime.date

    @property
    def orders_text(self) -> str:
        return grouped(self.orders)


def platform_figures(startup) -> PlatformFigures:
    orders, revenue = seller_order_figures(partner_id=startup.partner_id)
    return PlatformFigures(orders=orders, revenue=revenue, as_of=timezone.localdate())


PAGE_UPDATES = 20
PAGE_QUESTIONS = 50


def pitch_updates(pitch, limit: int = PAGE_UPDATES) -> list:
    return list(PitchUpdate.objects.filter(pitch=pitch).order_by("-created", "-pk")[:limit])


def page_questions(pitch, user, limit: int = PAGE_QUESTIONS) -> tuple[list, list]:
    """The questions the pitch page shows (newest first, with their answers) and, for a
    signed-in visitor, their own that wait to be seen (shown to them alone). One query."""
    visible = Q(status=Question.Status.SHOWN)
    if user.is_authenticated:
        visible |= Q(status=Question.Status.HELD, asker=user)
    questions = list(
        Question.objects.filter(visible, pitch=pitch).order_by("-created", "-pk")[: limit + 20]
    )
    shown = [q for q in questions if q.status == Question.Status.SHOWN][:limit]
    waiting = [q for q in questions if q.status == Question.Status.HELD]
    return shown, waiting


def pitch_versions(pitch) -> list:
    return list(
        PitchVersion.objects.filter(pitch=pitch)
        .select_related("approved_by", "approved_unit")
        .order_by("-number")
    )


def pitch_questions_for_startup(pitch) -> list:
    """Every question of the pitch for its startup: held ones first, then the newest."""
    return list(
        Question.objects.filter(pitch=pitch).order_by(
            Case(When(status=Question.Status.HELD, then=0), default=1), "-created", "-pk"
        )
    )


# --- leads ---


def startup_open_to_interest(slug: str):
    """The startup at this address when the public may write to it (shown, of an approved
    seller), or None. One query."""
    return public_startups().filter(slug=slug).select_related("partner").first()


def leads_of_startup(startup, *, status: str = "", role: str = ""):
    """The startup's leads, newest first (its dashboard list and export)."""
    leads = Lead.objects.filter(startup=startup).select_related("pitch")
    if status:
        leads = leads.filter(status=status)
    if role:
        leads = leads.filter(role=role)
    return leads.order_by("-created", "-pk")


def lead_of_startup(startup, pk):
    """One lead of the startup, or None (another startup's lead is not found)."""
    if startup is None:
        return None
    return Lead.objects.filter(startup=startup, pk=pk).select_related("pitch").first()


def leads_for_officer(officer: Officer, *, startup=None):
    """Leads of the startups of the officer's unit and every unit below it (one startup's
    when given: the caller checks it is in the tree)."""
    leads = Lead.objects.filter(startup__union_unit__path__startswith=officer.unit.path)
    if startup is not None:
        leads = leads.filter(startup=startup)
    return leads.select_related("startup", "pitch").order_by("-created", "-pk")


# --- qr ---
# Short codes, the public page a code opens, what a poster or a stall card shows, and the
# counts of QR visits. A code is the kind's letter and the object's id ("p12" a product, "s7"
# a startup, "g3" a pitch): short enough to type from a poster, stable as long as the object.

QR_LETTERS = {"product": "p", "startup": "s", "pitch": "g", "expo": "e", "booth": "b"}
QR_KINDS = {letter: kind for kind, letter in QR_LETTERS.items()}
QR_CODE = re.compile(r"([psgeb])([1-9][0-9]{0,9})")
QR_RECENT_DAYS = 30
QR_PICTURE_MAX_BYTES = 20 * 1024 * 1024
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def qr_today() -> datetime.date:
    """Today in Viet Nam, the day a QR visit is counted on, whatever the server's clock."""
    return timezone.localdate(timezone=VIETNAM)


def qr_code(kind: str, pk: int) -> str:
    return f"{QR_LETTERS[kind]}{int(pk)}"


def qr_code_read(code: str) -> tuple[str, int] | None:
    """(kind, id) of a short code, or None if it is not one (case does not matter)."""
    match = QR_CODE.fullmatch((code or "").lower())
    if match is None or int(match[2]) > 2_147_483_647:
        return None
    return QR_KINDS[match[1]], int(match[2])


def qr_short_url(kind: str, pk: int) -> str:
    """The absolute short address a poster's QR encodes, in the current language (Vietnamese
    has no prefix: ``https://<site>/q/p12/``)."""
    return absolute_url(reverse("startups:qr-go", kwargs={"code": qr_code(kind, pk)}))


def qr_public_pitches() -> QuerySet:
    """Pitches with an approved version, of a public startup (``public_startups``)."""
    return Pitch.objects.filter(
        published_version__isnull=False,
        startup__published=True,
        startup__partner__status=Partner.Status.APPROVED,
    )


def qr_destination(kind: str, pk: int) -> str | None:
    """The path of the public page a code opens, or None if there is none to see (unknown,
    withdrawn, unpublished, a suspended seller's). One query."""
    if kind == "product":
        product = public_products().filter(pk=pk).only("pk", "slug").first()
        return product.get_absolute_url() if product else None
    if kind == "startup":
        slug = public_startups().filter(pk=pk).values_list("slug", flat=True).first()
        return reverse("startups:startup-detail", kwargs={"slug": slug}) if slug else None
    if kind == "pitch":
        found = qr_public_pitches().filter(pk=pk).values_list("startup__slug", "slug").first()
        if found is None:
            return None
        return reverse("startups:pitch-detail", kwargs={"slug": found[0], "pitch_slug": found[1]})
    if kind == "expo":  # the lobby of an announced expo: a poster goes up before the opening
        expo = Expo.objects.filter(pk=pk, published=True).only(*_EXPO_DATES).first()
        if expo is None:
            return None
        return reverse("startups:expo-lobby", kwargs={"slug": expo.slug})
    if kind == "booth":
        booth = (
            Booth.objects.filter(pk=pk, status=Booth.Status.APPROVED, expo__published=True)
            .select_related("expo")
            .only("id", *(f"expo__{name}" for name in _EXPO_DATES))
            .first()
        )
        if booth is None:
            return None
        if not booth.expo.is_open:  # before the opening: the lobby and its countdown
            return reverse("startups:expo-lobby", kwargs={"slug": booth.expo.slug})
        return reverse("startups:expo-booth", kwargs={"slug": booth.expo.slug, "booth_pk": pk})
    return None


_EXPO_DATES = ("id", "slug", "published", "applications_close_at", "opens_at", "closes_at")


def _qr_products() -> QuerySet:
    return public_products().prefetch_related(
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
        Prefetch(
            "images",
            queryset=ProductImage.objects.filter(is_approved=True).order_by("display_order"),
        ),
    )


def _qr_file_bytes(file) -> bytes | None:
    """A stored picture's bytes, or None when there is none or it cannot be read (the poster
    is printed without it)."""
    if not file:
        return None
    try:
        with file.storage.open(file.name, "rb") as handle:
            return handle.read(QR_PICTURE_MAX_BYTES + 1)[:QR_PICTURE_MAX_BYTES] or None
    except (OSError, ValueError) as error:
        logger.warning("QR poster: picture %s unreadable: %s", file.name, error)
        return None


def _qr_product_poster(product) -> PosterContent:
    records = list(product.stockrecords.all())
    images = product.get_all_images()  # the approved pictures, from the prefetch
    return PosterContent(
        kind="product",
        title=product.title,
        shop=records[0].partner.name if records else "",
        url=qr_short_url("product", product.pk),
        picture=_qr_file_bytes(images[0].original) if images else None,
        stars=product.ocop_stars if product.ocop_is_valid() else None,
    )


def _qr_startup_poster(startup) -> PosterContent:
    return PosterContent(
        kind="startup",
        title=startup.name,
        shop=startup.partner.name,
        url=qr_short_url("startup", startup.pk),
        picture=_qr_file_bytes(startup.logo),
    )


def _qr_pitch_poster(pitch) -> PosterContent:
    content = pitch.published_version.content or {}
    return PosterContent(
        kind="pitch",
        title=content.get("title") or pitch.title,  # the approved title, as the page shows
        shop=pitch.startup.name,
        url=qr_short_url("pitch", pitch.pk),
        picture=_qr_file_bytes(pitch.startup.logo),
    )


def qr_poster(kind: str, pk: int, *, partners=None) -> PosterContent | None:
    """What the poster of a public object shows, or None. ``partners``: the sellers whose
    objects may be printed (None: any public object, for staff)."""
    if kind == "product":
        qs = _qr_products()
        if partners is not None:
            qs = qs.filter(stockrecords__partner__in=partners)
        found = qs.filter(pk=pk).first()
        return _qr_product_poster(found) if found else None
    if kind == "startup":
        qs = public_startups().select_related("partner")
        if partners is not None:
            qs = qs.filter(partner__in=partners)
        found = qs.filter(pk=pk).first()
        return _qr_startup_poster(found) if found else None
    if kind == "pitch":
        qs = qr_public_pitches().select_related("startup__partner", "published_version")
        if partners is not None:
            qs = qs.filter(startup__partner__in=partners)
        found = qs.filter(pk=pk).first()
        return _qr_pitch_poster(found) if found else None
    return None


def qr_visit_counts(pairs, *, recent_days: int = QR_RECENT_DAYS) -> dict:
    """{(kind, id): (visits in the last ``recent_days`` days, visits in all)}, one query."""
    by_kind: dict[str, list[int]] = {}
    for kind, pk in pairs:
        by_kind.setdefault(kind, []).append(pk)
    if not by_kind:
        return {}
    wanted = Q()
    for kind, ids in by_kind.items():
        wanted |= Q(kind=kind, object_id__in=ids)
    since = qr_today() - datetime.timedelta(days=recent_days - 1)
    rows = (
        QRVisitDay.objects.filter(wanted)
        .values("kind", "object_id")
        .annotate(total=Sum("count"), recent=Sum("count", filter=Q(day__gte=since)))
    )
    return {(r["kind"], r["object_id"]): (r["recent"] or 0, r["total"] or 0) for r in rows}


@dataclass(frozen=True)
class QRPosterRow:
    """One line of the seller's poster list."""

    kind: str
    pk: int
    title: str
    public: bool
    short_url: str
    recent: int
    total: int


def qr_poster_rows(partners) -> list[QRPosterRow]:
    """The sellers' startups and pitches (public or not: the list says which can be printed)
    and public products, with their QR visits. Four queries, however many rows."""
    startups = list(
        Startup.objects.filter(partner__in=partners)
        .select_related("partner")
        .order_by("name", "pk")
    )
    pitches = list(
        Pitch.objects.filter(startup__partner__in=partners)
        .select_related("startup__partner")
        .order_by("startup__name", "title", "pk")
    )
    products = list(
        public_products()
        .filter(stockrecords__partner__in=partners)
        .only("pk", "title")
        .order_by("title", "pk")
    )
    public_startups = {
        s.pk for s in startups if s.published and s.partner.status == Partner.Status.APPROVED
    }
    items = [("startup", s.pk, s.name, s.pk in public_startups) for s in startups]
    items += [
        (
            "pitch",
            p.pk,
            p.title,
            p.published_version_id is not None and p.startup_id in public_startups,
        )
        for p in pitches
    ]
    items += [("product", p.pk, p.title, True) for p in products]
    counts = qr_visit_counts((kind, pk) for kind, pk, _, _ in items)
    return [
        QRPosterRow(
            kind=kind,
            pk=pk,
            title=title,
            public=public,
            short_url=qr_short_url(kind, pk),
            recent=counts.get((kind, pk), (0, 0))[0],
            total=counts.get((kind, pk), (0, 0))[1],
        )
        for kind, pk, title, public in items
    ]


def qr_officer_startups(officer: Officer, *, query: str = "") -> QuerySet:
    """Public startups of the officer's unit tree, by name."""
    qs = public_startups().filter(union_unit__path__startswith=officer.unit.path)
    if query:
        qs = qs.filter(name__icontains=query)
    return qs.select_related("partner").order_by("name", "pk")


def qr_officer_products(officer: Officer, *, query: str = "") -> QuerySet:
    """Public products of sellers in the officer's unit tree (sellers set up without an
    application fall to the central unit, as in ``products_for_officer``), by title."""
    in_tree = Q(stockrecords__partner__application__union_unit__path__startswith=officer.unit.path)
    if officer.unit.depth == 1:
        in_tree |= Q(stockrecords__partner__application__isnull=True)
    qs = _qr_products().filter(in_tree)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs.order_by("title", "pk")


def qr_sheet_posters(*, startups=(), products=()) -> list[PosterContent]:
    """The posters of startups then products (querysets or lists of prefetched rows)."""
    return [_qr_startup_poster(s) for s in startups] + [_qr_product_poster(p) for p in products]


def qr_stall(partner) -> tuple[StallContent | None, str]:
    """The seller's cashless-stall card and "" , or None and why not: "missing" (no bank
    account on file) or "invalid" (one no banking app would accept)."""
    if not (partner.bank_bin and partner.bank_account_number and partner.bank_account_holder):
        return None, "missing"
    try:
        payload = build_payload(bin=partner.bank_bin, account=partner.bank_account_number)
    except ValueError:
        return None, "invalid"
    bank = bank_by_bin(partner.bank_bin)
    return (
        StallContent(
            shop=partner.name,
            payload=payload,
            bank=bank.short_name if bank else partner.bank_bin,
            bank_name=bank.name if bank else "",
            account=partner.bank_account_number,
            holder=partner.bank_account_holder,
        ),
        "",
    )


# --- profiles ---
# The startup's public page, its seller's dashboard page and the officers' list. A page
# reads the startup's id first (``startup_public_pk``), notes its cache token, then reads the
# rest: a fixed number of queries however big the team, the awards list or the catalogue.

STARTUP_PAGE_PRODUCTS = 12


def public_startups() -> QuerySet:
    """Startups the public sees: shown by their seller, and the seller approved."""
    return Startup.objects.filter(published=True, partner__status=Partner.Status.APPROVED)


def startup_public_pk(slug: str) -> int | None:
    return public_startups().filter(slug=slug).values_list("pk", flat=True).first()


def startup_preview_pk(slug: str, user) -> int | None:
    """The startup at this address when ``user`` runs its seller (shown or not)."""
    if not (user and user.is_authenticated):
        return None
    return (
        Startup.objects.filter(slug=slug, partner__users=user).values_list("pk", flat=True).first()
    )


def startup_page(pk: int) -> Startup:
    """The startup with what its page shows: seller, units, province, team and awards."""
    return (
        Startup.objects.select_related("partner", "union_unit", "verified_by", "province")
        .prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.order_by("position", "pk")),
            Prefetch("awards", queryset=Award.objects.order_by("-year", "pk")),
        )
        .get(pk=pk)
    )


def startup_products(startup: Startup, *, limit: int = STARTUP_PAGE_PRODUCTS) -> list:
    """The seller's public products for a grid of cards (the catalogue's own listing, read
    in full only for the cards not cached)."""
    return listed(seller_products(seller=startup.partner)[:limit])


def startup_ocop_stars(startup: Startup) -> int | None:
    """The most stars of a public product of the seller whose certificate is in force."""
    today = timezone.localdate()
    return (
        seller_products(seller=startup.partner)
        .filter(ocop_valid_from__lte=today, ocop_valid_until__gte=today)
        .aggregate(stars=Max("ocop_stars"))["stars"]
    )


def startup_public_pitches(startup: Startup) -> list:
    """The startup's pitches with an approved version, the newest approval first."""
    return list(
        Pitch.objects.filter(startup=startup, published_version__isnull=False)
        .select_related("published_version")
        .order_by("-published_version__approved_at", "-pk")
    )


def startup_followed_by(startup: Startup, user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return Follow.objects.filter(startup=startup, user=user).exists()


def seller_of_user(user):
    """The one seller ``user`` runs, or None (none, or several: a page never guesses)."""
    if not (user and user.is_authenticated):
        return None
    partners = list(Partner.objects.filter(users=user).order_by("pk")[:2])
    return partners[0] if len(partners) == 1 else None


def startup_of_partner(partner) -> Startup | None:
    return Startup.objects.filter(partner=partner).select_related("union_unit").first()


def startups_for_officer(officer: Officer, *, verified: bool | None = None) -> QuerySet:
    """Startups of the officer's unit and every unit below it, shown or not."""
    qs = Startup.objects.filter(union_unit__path__startswith=officer.unit.path)
    if verified is not None:
        qs = qs.filter(verified_by__isnull=not verified)
    return qs.select_related("partner", "union_unit", "verified_by", "province").order_by(
        "name", "pk"
    )
