"""Reads of the exhibitors' pages in the dashboard: their booths, questions, leads, follow-ups.
Each read is a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from startups.models import Booth, BoothQuestion, Expo, FollowUpDelivery, Lead


def booths_of_user(user):
    """The booths of the startups whose seller ``user`` runs (the tenancy filter of every
    booth page: any other pk is 404)."""
    if not (user and user.is_authenticated):
        return Booth.objects.none()
    return Booth.objects.filter(startup__partner__users=user).select_related(
        "expo", "hall", "startup__partner", "offer_voucher"
    )


def booths_of_startup(startup) -> list:
    if startup is None:
        return []
    return list(
        Booth.objects.filter(startup=startup)
        .select_related("expo", "hall")
        .annotate(
            held_questions=Count(
                "questions", filter=Q(questions__status=BoothQuestion.Status.HELD)
            ),
        )
        .order_by("-expo__opens_at", "pk")
    )


def expos_to_apply(startup) -> list:
    """Announced expos taking applications, where the startup has no booth yet."""
    qs = (
        Expo.objects.filter(published=True).select_related("unit").order_by("applications_close_at")
    )
    if startup is not None:
        qs = qs.exclude(booths__startup=startup)
    return [expo for expo in qs if expo.phase == Expo.Phase.APPLICATIONS]


def booth_questions(booth) -> list:
    return list(
        BoothQuestion.objects.filter(booth=booth)
        .exclude(status=BoothQuestion.Status.HIDDEN)
        .select_related("asker")
        .order_by("status", "-created")
    )


def booth_leads(booth):
    """The booth's leads, newest first, each with ``followed_up`` (a follow-up was sent)."""
    sent = FollowUpDelivery.objects.filter(lead=OuterRef("pk"), sent_at__isnull=False)
    return (
        Lead.objects.filter(booth=booth)
        .annotate(followed_up=Exists(sent))
        .order_by("-created", "-pk")
    )


def booth_followups(booth) -> list:
    return list(
        booth.followups.annotate(
            sent=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
            planned=Count("deliveries"),
        ).order_by("-created")
    )
