"""Reads of the organisers' pages: an officer's expos, booth applications, questions.

Always limited to the officer's unit tree (the expos its unit and the units below it
organise), each with a fixed number of queries whatever the number of expos, booths or
questions (``tests/startups/test_expos_organising_pages.py`` compares 2 with 6)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from startups.models import (
    Booth,
    BoothProduct,
    BoothQuestion,
    Expo,
    ExpoSession,
    Hall,
    Lead,
    Officer,
    Startup,
)

_APPLIED, _APPROVED, _REFUSED = (
    Booth.Status.APPLIED,
    Booth.Status.APPROVED,
    Booth.Status.REFUSED,
)


def expos_for_officer(officer: Officer):
    """The expos of the officer's unit tree, the latest first, with their booths counted by
    status (``booths_applied``, ``booths_approved``, ``booths_refused``) and held questions
    (``questions_held``). One query."""
    return (
        Expo.objects.filter(unit__path__startswith=officer.unit.path)
        .select_related("unit")
        .annotate(
            booths_applied=Count("booths", filter=Q(booths__status=_APPLIED), distinct=True),
            booths_approved=Count("booths", filter=Q(booths__status=_APPROVED), distinct=True),
            booths_refused=Count("booths", filter=Q(booths__status=_REFUSED), distinct=True),
            questions_held=Count(
                "booths__questions",
                filter=Q(booths__questions__status=BoothQuestion.Status.HELD),
                distinct=True,
            ),
        )
        .order_by("-opens_at", "-pk")
    )


def expo_for_officer(officer: Officer, pk) -> Expo | None:
    """The expo ``pk`` if the officer's unit tree organises it, else None (the page's 404)."""
    return (
        Expo.objects.filter(unit__path__startswith=officer.unit.path, pk=pk)
        .select_related("unit")
        .first()
    )


def expo_editor_halls(expo: Expo | None):
    """The halls of the editor, in order (a queryset for the hall formset)."""
    if expo is None or expo.pk is None:
        return Hall.objects.none()
    return Hall.objects.filter(expo=expo).select_related("province").order_by("position", "pk")


def expo_editor_sessions(expo: Expo | None):
    """The sessions of the editor with their startups (a queryset for the session formset)."""
    if expo is None or expo.pk is None:
        return ExpoSession.objects.none()
    return (
        ExpoSession.objects.filter(expo=expo)
        .select_related("hall")
        .prefetch_related("startups")
        .order_by("starts_at", "pk")
    )


def session_startups_allowed(expo: Expo | None):
    """The startups a session may name as pitching: those with an approved booth here."""
    if expo is None or expo.pk is None:
        return Startup.objects.none()
    return (
        Startup.objects.filter(booths__expo=expo, booths__status=_APPROVED)
        .distinct()
        .order_by("name", "pk")
    )


@dataclass
class BoothApplications:
    booths: list  # each with .leads_count, .leads_followed and .officer_runs
    counts: dict  # status → number, every status present

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def booth_applications(expo: Expo, *, officer: Officer | None = None, status: str = ""):
    """The booths of ``expo`` (of one status when given), the ones waiting first, each with
    its startup, hall, products in order, who applied and decided, its leads and the leads
    followed up (``leads_count``/``leads_followed``), and whether ``officer``'s account runs
    the startup's seller (``officer_runs``: another officer decides). Four queries."""
    booths = (
        Booth.objects.filter(expo=expo)
        .select_related("startup__union_unit", "hall", "applied_by", "decided_by")
        .annotate(
            waiting_first=Case(
                When(status=_APPLIED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            leads_count=Count("leads", distinct=True),
            leads_followed=Count(
                "leads",
                filter=Q(leads__followups__sent_at__isnull=False),
                distinct=True,
            ),
        )
        .prefetch_related(
            Prefetch(
                "booth_products",
                queryset=BoothProduct.objects.select_related("product").order_by("position", "pk"),
            )
        )
        .order_by("waiting_first", "position", "applied_at", "pk")
    )
    if status in Booth.Status.values:
        booths = booths.filter(status=status)
    booths = list(booths)
    runs = set()
    if officer is not None:
        runs = set(
            Startup.objects.filter(booths__expo=expo, partner__users=officer.user_id).values_list(
                "pk", flat=True
            )
        )
    for booth in booths:
        booth.officer_runs = booth.startup_id in runs
    counts = dict.fromkeys(Booth.Status.values, 0)
    for row in Booth.objects.filter(expo=expo).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return BoothApplications(booths=booths, counts=counts)


def booth_of_expo(expo: Expo, booth_pk) -> Booth | None:
    """A booth of this expo (the officer's expo already checked), else None."""
    return Booth.objects.filter(expo=expo, pk=booth_pk).select_related("startup").first()


def followup_counts(expo: Expo) -> dict[int, tuple[int, int]]:
    """booth id → (leads followed up, leads): a lead counts as followed up once at least one
    follow-up message was sent to it. Booths without leads are left out. One query."""
    rows = (
        Lead.objects.filter(booth__expo=expo)
        .values("booth_id")
        .annotate(
            total=Count("pk", distinct=True),
            followed=Count("pk", filter=Q(followups__sent_at__isnull=False), distinct=True),
        )
    )
    return {row["booth_id"]: (row["followed"], row["total"]) for row in rows}


def expo_questions_for_officer(expo: Expo, *, status: str = ""):
    """The questions asked at the booths of ``expo`` for moderation: the held ones first, then
    the latest; one status only when given. One query for the page."""
    questions = (
        BoothQuestion.objects.filter(booth__expo=expo)
        .select_related("booth__startup", "asker")
        .annotate(
            held_first=Case(
                When(status=BoothQuestion.Status.HELD, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("held_first", "-created", "-pk")
    )
    if status in BoothQuestion.Status.values:
        questions = questions.filter(status=status)
    return questions


def question_counts(expo: Expo) -> dict:
    counts = dict.fromkeys(BoothQuestion.Status.values, 0)
    rows = BoothQuestion.objects.filter(booth__expo=expo).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts
