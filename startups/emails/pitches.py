"""E-mails of the pitches domain: officers told of a pitch to review, the startup told of the
decision, followers told of an update. Each is sent by a Celery task after its change
commits, once per recipient (claimed before the send: ``shop.order.outbox``). No language is
stored for any of them: Vietnamese first, then English (``core.emails``)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from core.emails import render_subject, render_text
from shop.order.outbox import email_send_once
from startups.models import Follow, Officer, Pitch, PitchReview, PitchUpdate
from startups.selectors import submission_stamp

User = get_user_model()


def _send(*, key: str, template: str, context: dict, recipient: str) -> bool:
    context = {**context, "shop_name": settings.OSCAR_SHOP_NAME}
    subject = render_subject(f"startups/emails/{template}_subject.txt", context)
    body = render_text(f"startups/emails/{template}_body.txt", context)
    return email_send_once(
        key=key,
        send=lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient]),
    )


def unit_tree_officers(unit):
    """Officers of ``unit`` and of every unit above it (those who may review its startups)."""
    prefixes = [unit.path[: unit.steplen * depth] for depth in range(1, unit.depth + 1)]
    return Officer.objects.filter(unit__path__in=prefixes).select_related("user", "unit")


def pitch_submitted_send(*, pitch_id: int, stamp: str) -> int:
    """Each officer of the startup's tree (but those who run the startup) is told of this
    submission; a later submission is another e-mail. Returns how many were sent."""
    pitch = Pitch.objects.select_related("startup__union_unit").get(pk=pitch_id)
    if pitch.state != Pitch.State.IN_REVIEW or submission_stamp(pitch) != stamp:
        return 0  # withdrawn or submitted again since: that submission has its own e-mails
    runners = set(pitch.startup.partner.users.values_list("pk", flat=True))
    sent = 0
    for officer in unit_tree_officers(pitch.startup.union_unit):
        if officer.user_id in runners or not officer.user.email or not officer.user.is_active:
            continue
        sent += _send(
            key=f"pitch-submitted:{pitch.pk}:{stamp}:{officer.user_id}",
            template="pitch_submitted",
            context={"pitch": pitch, "startup": pitch.startup, "officer": officer},
            recipient=officer.user.email,
        )
    return sent


def pitch_decision_send(*, review_id: int) -> int:
    """The startup's users are told that their pitch was approved or sent back (with the
    comments per section)."""
    review = PitchReview.objects.select_related("pitch__startup", "unit").get(pk=review_id)
    pitch = review.pitch
    context = {
        "review": review,
        "pitch": pitch,
        "startup": pitch.startup,
        "comments": list(review.comments.all()),
        "approved": review.decision == PitchReview.Decision.APPROVED,
    }
    sent = 0
    for user in pitch.startup.partner.users.filter(is_active=True).exclude(email=""):
        sent += _send(
            key=f"pitch-review:{review.pk}:{user.pk}",
            template="pitch_decision",
            context=context,
            recipient=user.email,
        )
    return sent


def pitch_update_send(*, update_id: int) -> int:
    """Every follower of the startup is told of the update, once each."""
    update = PitchUpdate.objects.select_related("pitch__startup").get(pk=update_id)
    context = {"update": update, "pitch": update.pitch, "startup": update.pitch.startup}
    followers = User.objects.filter(
        pk__in=Follow.objects.filter(startup=update.pitch.startup).values("user"), is_active=True
    ).exclude(email="")
    sent = 0
    for user in followers.order_by("pk").iterator():
        sent += _send(
            key=f"pitch-update:{update.pk}:{user.pk}",
            template="pitch_update",
            context=context,
            recipient=user.email,
        )
    return sent
