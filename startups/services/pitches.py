"""Pitches: the startup's working copy, its review by the officers of the startup's unit tree,
the approved versions, updates told to followers, and public questions.

The working copy moves ``draft``/``sent_back`` → ``in_review`` (``pitch_submit``) →
``sent_back`` (``pitch_send_back``, comments on named sections) or ``approved``
(``pitch_approve``: a new ``PitchVersion`` that the public page shows from then on). Editing a
pitch that is approved or in review puts the working copy back to ``draft``; the approved
version stays public until another one is approved ("changes not yet reviewed").

``PitchVersion.content`` is ``startups.selectors.pitch_snapshot``'s dict: every field of
``SNAPSHOT_FIELDS``; ``traction`` [{label, value, unit, as_of}], ``fund_uses`` [{label,
amount}], ``milestones`` [{when, text, done}] (dates as ISO strings); ``team`` [{name, role,
role_en, birth_year, is_founder}] as the startup's team was; ``startup`` {name, name_en};
``schema`` 1.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.templatetags.currency_filters import currency

from core import pagecache
from core.pdf_preview import PreviewError, first_page_png
from core.text import vn_slugify
from core.video import video_parse
from shop.order.outbox import task_enqueue_on_commit
from startups import antispam
from startups.access import (
    ConflictOfInterest,
    NotAllowed,
    officer_covers_startup,
    officer_runs_startup,
)
from startups.models import (
    FundUse,
    Milestone,
    Officer,
    Pitch,
    PitchComment,
    PitchReview,
    PitchUpdate,
    PitchVersion,
    Question,
    Startup,
    TractionFigure,
)
from startups.models.pitches import AskKind, Section
from startups.selectors import SNAPSHOT_FIELDS, pitch_snapshot, submission_stamp
from startups.signals import startup_changed
from startups.tasks import pitches as tasks

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = SNAPSHOT_FIELDS
NUMBER_FIELDS = frozenset({"market_size", "ask_amount"})
# Kinds of ask that are money: they need an amount (and uses of funds adding up to it).
MONEY_KINDS = frozenset({AskKind.INVESTMENT, AskKind.LOAN, AskKind.GRANT})
# Questions are light: a few a day per account, a few more per connection (shared Wi-Fi).
QUESTIONS_PER_ACCOUNT = antispam.Limit(count=10, seconds=antispam.DAY)
QUESTIONS_PER_ADDRESS = antispam.Limit(count=30, seconds=antispam.HOUR)


def startup_key(startup_id: int) -> str:
    """The page-cache token of everything a startup's public pages show."""
    return f"startup:{int(startup_id)}"


def _changed_after_commit(startup_id: int) -> None:
    pagecache.bump(startup_key(startup_id))
    transaction.on_commit(
        lambda: startup_changed.send(sender=Startup, startup_id=startup_id), robust=True
    )


def user_runs_startup(user, startup: Startup) -> bool:
    return bool(user and user.is_authenticated) and (
        startup.partner.users.filter(pk=user.pk).exists()
    )


def _check_reviewer(officer: Officer, startup: Startup) -> None:
    if not officer_covers_startup(officer, startup):
        raise NotAllowed
    if officer_runs_startup(officer, startup):
        raise ConflictOfInterest


# --- the working copy -----------------------------------------------------------------------


def fund_uses_check(ask_amount: int | None, amounts: Iterable[int]) -> None:
    """The uses of funds add up exactly to the amount asked; an amount asked needs at least
    one use, and uses need an amount asked."""
    amounts = [int(a) for a in amounts]
    if ask_amount:
        if not amounts:
            raise ValidationError(
                _("Say what the money is for: add at least one use of funds."), code="no_uses"
            )
        total = sum(amounts)
        if total != ask_amount:
            raise ValidationError(
                _(
                    "The uses of funds add up to %(total)s, not the %(ask)s you ask for: "
                    "they must add up exactly."
                ),
                code="sum",
                params={"total": currency(total, "VND"), "ask": currency(ask_amount, "VND")},
            )
    elif amounts:
        raise ValidationError(
            _("Give the amount you ask for, or remove the uses of funds."), code="no_ask"
        )


def _unique_slug(startup: Startup, title: str) -> str:
    base = vn_slugify(title)[:70].strip("-") or "goi-von"
    taken = set(
        Pitch.objects.filter(startup=startup, slug__startswith=base).values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _preview(deck) -> bytes:
    deck.seek(0)
    data = deck.read()
    deck.seek(0)
    try:
        return first_page_png(data)
    except PreviewError as error:
        raise ValidationError({"deck": [error.message]}) from None


def pitch_save(
    *,
    user,
    startup: Startup,
    pitch: Pitch | None = None,
    fields: dict,
    traction: list[dict] = (),
    fund_uses: list[dict] = (),
    milestones: list[dict] = (),
    deck=None,
) -> Pitch:
    """Create (``pitch`` None) or change the working copy and all its rows at once. ``deck``:
    a new pitch deck already checked by the model's validators (its first page becomes the
    preview). Raises ``ValidationError`` (by field where there is one) and writes nothing
    when the video, the uses of funds or the deck are refused."""
    if not user_runs_startup(user, startup):
        raise NotAllowed
    if pitch is not None and pitch.startup_id != startup.pk:
        raise NotAllowed
    values = {name: fields[name] for name in EDITABLE_FIELDS if name in fields}
    if values.get("video_url"):
        try:
            video_parse(values["video_url"])
        except ValidationError as error:
            raise ValidationError({"video_url": error.messages}) from None
    ask_amount = values.get("ask_amount", pitch.ask_amount if pitch else None)
    try:
        fund_uses_check(ask_amount, [row["amount"] for row in fund_uses])
    except ValidationError as error:
        raise ValidationError({"fund_uses": error.messages}) from None
    preview = _preview(deck) if deck is not None else None

    with transaction.atomic():
        if pitch is None:
            pitch = Pitch(startup=startup, slug=_unique_slug(startup, values.get("title", "")))
        else:
            pitch = Pitch.objects.select_for_update().get(pk=pitch.pk)
            if pitch.state in (Pitch.State.APPROVED, Pitch.State.IN_REVIEW):
                pitch.state = Pitch.State.DRAFT  # changes not yet reviewed (or withdrawn)
        for name, value in values.items():
            setattr(pitch, name, "" if value is None and name not in NUMBER_FIELDS else value)
        if deck is not None:
            pitch.deck = deck
            pitch.deck_preview.save("preview.png", ContentFile(preview), save=False)
        pitch.save()
        TractionFigure.objects.filter(pitch=pitch).delete()
        FundUse.objects.filter(pitch=pitch).delete()
        Milestone.objects.filter(pitch=pitch).delete()
        TractionFigure.objects.bulk_create(TractionFigure(pitch=pitch, **row) for row in traction)
        FundUse.objects.bulk_create(FundUse(pitch=pitch, **row) for row in fund_uses)
        Milestone.objects.bulk_create(Milestone(pitch=pitch, **row) for row in milestones)
    logger.info("Pitch %s saved by user %s", pitch.pk, user.pk)
    return pitch


def missing_sections(pitch: Pitch) -> list[str]:
    """Labels of the sections a pitch needs before review: problem, solution and the ask (its
    kind; an amount for money)."""
    missing = []
    if not pitch.problem.strip():
        missing.append(Section.PROBLEM.label)
    if not pitch.solution.strip():
        missing.append(Section.SOLUTION.label)
    if not pitch.ask_kind or (pitch.ask_kind in MONEY_KINDS and not pitch.ask_amount):
        missing.append(Section.ASK.label)
    return missing


@transaction.atomic
def pitch_submit(*, user, pitch: Pitch) -> Pitch:
    """Send the working copy to the officers of the startup's unit tree (e-mailed after
    commit). Needs the required sections, uses of funds that add up, and a change to review."""
    pitch = Pitch.objects.select_for_update().select_related("startup").get(pk=pitch.pk)
    if not user_runs_startup(user, pitch.startup):
        raise NotAllowed
    if pitch.state == Pitch.State.IN_REVIEW:
        return pitch  # sent already
    if pitch.state == Pitch.State.APPROVED:
        raise ValidationError(
            _("Nothing to review: this pitch is approved as it is. Change it first."),
            code="unchanged",
        )
    missing = missing_sections(pitch)
    if missing:
        raise ValidationError(
            _("Fill in these sections before you submit: %(sections)s.")
            % {"sections": ", ".join(str(label) for label in missing)},
            code="missing",
        )
    fund_uses_check(pitch.ask_amount, pitch.fund_uses.values_list("amount", flat=True))
    pitch.state = Pitch.State.IN_REVIEW
    pitch.submitted_at = timezone.now()
    pitch.save(update_fields=["state", "submitted_at", "updated"])
    task_enqueue_on_commit(tasks.send_pitch_submitted, pitch.pk, submission_stamp(pitch))
    logger.info("Pitch %s submitted by user %s", pitch.pk, user.pk)
    return pitch


def _locked_for_review(officer: Officer, pitch: Pitch, seen: str | None) -> Pitch:
    pitch = (
        Pitch.objects.select_for_update(of=("self",))
        .select_related("startup__union_unit", "startup__partner")
        .get(pk=pitch.pk)
    )
    _check_reviewer(officer, pitch.startup)
    if pitch.state != Pitch.State.IN_REVIEW:
        raise ValidationError(_("This pitch is not waiting for review."), code="not_in_review")
    if seen is not None and seen != submission_stamp(pitch):
        raise ValidationError(
            _("The startup changed this pitch after you opened it: please look at it again."),
            code="stale",
        )
    return pitch


@transaction.atomic
def pitch_send_back(
    *, officer: Officer, pitch: Pitch, comments: dict, note: str = "", seen: str | None = None
) -> PitchReview:
    """Send the pitch back with comments on named sections (at least one); the startup's
    users are e-mailed after commit."""
    comments = {
        section: (text or "").strip()
        for section, text in (comments or {}).items()
        if (text or "").strip()
    }
    unknown = set(comments) - set(Section.values)
    if unknown:
        raise ValueError(f"Unknown pitch sections: {sorted(unknown)}")
    if not comments:
        raise ValidationError(
            _("Write a comment on at least one section, so the startup knows what to change."),
            code="no_comment",
        )
    pitch = _locked_for_review(officer, pitch, seen)
    review = PitchReview.objects.create(
        pitch=pitch,
        officer=officer.user,
        unit=officer.unit,
        decision=PitchReview.Decision.SENT_BACK,
        note=(note or "").strip(),
    )
    PitchComment.objects.bulk_create(
        PitchComment(review=review, section=section, text=comments[section])
        for section in Section.values
        if section in comments
    )
    pitch.state = Pitch.State.SENT_BACK
    pitch.save(update_fields=["state", "updated"])
    task_enqueue_on_commit(tasks.send_pitch_decision, review.pk)
    logger.info("Pitch %s sent back by officer user %s", pitch.pk, officer.user_id)
    return review


@transaction.atomic
def pitch_approve(*, officer: Officer, pitch: Pitch, seen: str | None = None) -> PitchVersion:
    """Freeze the working copy into the next version, which the public page shows from the
    commit on."""
    pitch = _locked_for_review(officer, pitch, seen)
    number = (pitch.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PitchVersion.objects.create(
        pitch=pitch,
        number=number,
        content=pitch_snapshot(pitch),
        deck=pitch.deck.name or "",
        deck_preview=pitch.deck_preview.name or "",
        approved_by=officer.user,
        approved_unit=officer.unit,
    )
    review = PitchReview.objects.create(
        pitch=pitch, officer=officer.user, unit=officer.unit, decision=PitchReview.Decision.APPROVED
    )
    pitch.published_version = version
    pitch.state = Pitch.State.APPROVED
    pitch.save(update_fields=["published_version", "state", "updated"])
    _changed_after_commit(pitch.startup_id)
    task_enqueue_on_commit(tasks.send_pitch_decision, review.pk)
    logger.info(
        "Pitch %s version %s approved by officer user %s", pitch.pk, number, officer.user_id
    )
    return version


# --- updates --------------------------------------------------------------------------------


@transaction.atomic
def pitch_update_post(
    *,
    user,
    pitch: Pitch,
    text: str,
    picture=None,
    figure_label: str = "",
    figure_value: str = "",
) -> PitchUpdate:
    """A short post on a published pitch; each follower of the startup is e-mailed once,
    after commit."""
    pitch = Pitch.objects.select_related("startup").get(pk=pitch.pk)
    if not user_runs_startup(user, pitch.startup):
        raise NotAllowed
    if pitch.published_version_id is None:
        raise ValidationError(
            _("Updates can be posted once the pitch is approved and public."), code="unpublished"
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the update."), code="empty")
    figure_label, figure_value = (figure_label or "").strip(), (figure_value or "").strip()
    if bool(figure_label) != bool(figure_value):
        raise ValidationError(_("A figure needs both its name and its value."), code="half_figure")
    update = PitchUpdate(
        pitch=pitch, text=text, figure_label=figure_label, figure_value=figure_value, author=user
    )
    if picture is not None:
        update.picture = picture
    update.save()
    pagecache.bump(startup_key(pitch.startup_id))
    task_enqueue_on_commit(tasks.send_pitch_update, update.pk)
    return update


# --- questions ------------------------------------------------------------------------------


def asker_is_known(user) -> bool:
    """Someone with a question shown on any pitch already: their next ones show at once."""
    return Question.objects.filter(asker=user, status=Question.Status.SHOWN).exists()


@transaction.atomic
def question_ask(*, user, pitch: Pitch, text: str, address: str = "unknown") -> Question:
    """A signed-in visitor asks in public. A new asker's question is held until the startup
    or an officer has seen it. The anti-spam rules of every stranger's message apply
    (``startups.antispam``: rate limits per address and account, the same question on a
    pitch once a day); a refusal is ``antispam.Refused`` with the reason."""
    if not (user and user.is_authenticated):
        raise NotAllowed
    text = (text or "").strip()
    if not text:
        raise antispam.Refused(str(_("Write your question.")), "empty")
    if pitch.published_version_id is None:
        raise antispam.Refused(str(_("This pitch is not public.")), "unpublished")
    antispam.rate_limit_check(
        scope="questions",
        address=address,
        user=user,
        per_address=QUESTIONS_PER_ADDRESS,
        per_account=QUESTIONS_PER_ACCOUNT,
    )
    mark = antispam.fingerprint(pitch.pk, user.pk, text)
    since = timezone.now() - antispam.DUPLICATE_WINDOW
    earlier = Question.objects.filter(asker=user, pitch=pitch, created__gte=since)
    if any(
        antispam.fingerprint(pitch.pk, user.pk, t) == mark
        for t in earlier.values_list("text", flat=True)
    ):
        raise antispam.Refused(
            str(_("You asked this same question less than a day ago.")), "duplicate"
        )
    status = Question.Status.SHOWN if asker_is_known(user) else Question.Status.HELD
    question = Question.objects.create(pitch=pitch, asker=user, text=text, status=status)
    if status == Question.Status.SHOWN:
        pagecache.bump(startup_key(pitch.startup_id))
    return question


def _question_locked(question: Question) -> Question:
    return (
        Question.objects.select_for_update(of=("self",))
        .select_related("pitch__startup__union_unit", "pitch__startup__partner")
        .get(pk=question.pk)
    )


def _may_moderate(user, startup: Startup) -> bool:
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    return officer_covers_startup(officer, startup)


@transaction.atomic
def question_answer(*, user, question: Question, answer: str) -> Question:
    """The startup answers in public; answering shows a held question (it has been seen). A
    hidden question stays hidden."""
    question = _question_locked(question)
    startup = question.pitch.startup
    if not user_runs_startup(user, startup):
        raise NotAllowed
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty")
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    if question.status == Question.Status.HELD:
        question.status = Question.Status.SHOWN
    question.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    pagecache.bump(startup_key(startup.pk))
    return question


@transaction.atomic
def question_mark_seen(*, user, question: Question) -> Question:
    """The startup or an officer of its tree has seen a held question: it shows. An officer
    may also show again a question that was hidden."""
    question = _question_locked(question)
    startup = question.pitch.startup
    officer = _may_moderate(user, startup)
    if not (officer or user_runs_startup(user, startup)):
        raise NotAllowed
    showable = (
        (Question.Status.HELD, Question.Status.HIDDEN) if officer else (Question.Status.HELD,)
    )
    if question.status in showable:
        question.status = Question.Status.SHOWN
        question.save(update_fields=["status"])
        pagecache.bump(startup_key(startup.pk))
    return question


@transaction.atomic
def question_hide(*, user, question: Question) -> Question:
    """An officer of the startup's tree hides abuse. The startup itself cannot hide a
    question (public questions would otherwise lose the critical ones); it can leave a held
    one unanswered, and officers see those too."""
    question = _question_locked(question)
    startup = question.pitch.startup
    if not _may_moderate(user, startup):
        raise NotAllowed
    if question.status != Question.Status.HIDDEN:
        question.status = Question.Status.HIDDEN
        question.hidden_by = user
        question.save(update_fields=["status", "hidden_by"])
        pagecache.bump(startup_key(startup.pk))
    return question
