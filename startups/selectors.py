"""The reads of the community layer's pages: applications and products waiting for an
officer, always limited to the officer's unit tree."""

from dataclasses import dataclass

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.selectors import awaiting_review, seller_products
from startups.models import (
    Award,
    Follow,
    Officer,
    Pitch,
    SellerApplication,
    Startup,
    TeamMember,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


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
    """The seller's public products as cards show them (the catalogue's own listing)."""
    return list(seller_products(seller=startup.partner)[:limit])


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


@dataclass(frozen=True)
class ShownText:
    """A text as a page shows it: in the page's language, or the Vietnamese one marked
    ``lang="vi"`` on an English page when the startup wrote none in English."""

    value: str
    lang: str = ""

    @property
    def is_fallback(self) -> bool:
        return bool(self.lang)

    def __str__(self):
        return self.value


def shown_text(obj, field: str, language: str) -> ShownText:
    vietnamese = getattr(obj, field) or ""
    if not (language or "").startswith("en"):
        return ShownText(vietnamese)
    english = (getattr(obj, f"{field}_en", "") or "").strip()
    if english:
        return ShownText(english)
    return ShownText(vietnamese, lang="vi" if vietnamese else "")
