"""Public questions at an expo booth: a signed-in visitor asks, the booth's staff answer, the
officers of the organising unit tree hide abuse (or show a held question).

The rules are the pitch questions' (``startups.services.pitches``): the same anti-spam limits
and the same hold for a new asker. Each change bumps the expo's page-cache token, since the
booth page lists the shown questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import pagecache
from startups import antispam
from startups.access import NotAllowed, officer_covers_expo, user_runs_booth
from startups.models import Booth, BoothQuestion, Officer, Question
from startups.services.pitches import QUESTIONS_PER_ACCOUNT, QUESTIONS_PER_ADDRESS


def asker_is_known(user) -> bool:
    """Someone with a question shown at a booth or on a pitch already."""
    return (
        BoothQuestion.objects.filter(asker=user, status=BoothQuestion.Status.SHOWN).exists()
        or Question.objects.filter(asker=user, status=Question.Status.SHOWN).exists()
    )


@transaction.atomic
def booth_question_ask(*, user, booth: Booth, text: str, address: str = "unknown") -> BoothQuestion:
    """Ask at an approved booth of an open expo; ``antispam.Refused`` says why not."""
    if not (user and user.is_authenticated):
        raise NotAllowed
    text = (text or "").strip()
    if not text:
        raise antispam.Refused(str(_("Write your question.")), "empty")
    if booth.status != Booth.Status.APPROVED or booth.expo.phase != booth.expo.Phase.LIVE:
        raise antispam.Refused(str(_("This booth is not taking questions now.")), "closed")
    antispam.rate_limit_check(
        scope="questions",
        address=address,
        user=user,
        per_address=QUESTIONS_PER_ADDRESS,
        per_account=QUESTIONS_PER_ACCOUNT,
    )
    mark = antispam.fingerprint("booth", booth.pk, user.pk, text)
    antispam.duplicate_check(
        queryset=BoothQuestion.objects.filter(booth=booth, asker=user), fingerprint=mark
    )
    shown = asker_is_known(user)
    question = BoothQuestion.objects.create(
        booth=booth,
        asker=user,
        text=text,
        fingerprint=mark,
        status=BoothQuestion.Status.SHOWN if shown else BoothQuestion.Status.HELD,
    )
    if shown:
        pagecache.bump(booth.expo.token_key)
    return question


def _locked(question: BoothQuestion) -> BoothQuestion:
    return (
        BoothQuestion.objects.select_for_update(of=("self",))
        .select_related("booth__expo__unit", "booth__startup__partner")
        .get(pk=question.pk)
    )


def _may_moderate(user, booth: Booth) -> bool:
    officer = Officer.objects.select_related("unit").filter(user=user).first()
    return officer_covers_expo(officer, booth.expo)


@transaction.atomic
def booth_question_answer(*, user, question: BoothQuestion, answer: str) -> BoothQuestion:
    """The booth's staff answer in public; answering shows a held question. A hidden one
    stays hidden."""
    question = _locked(question)
    if not user_runs_booth(user, question.booth):
        raise NotAllowed
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty")
    question.answer = answer
    question.answered_by = user
    question.answered_at = timezone.now()
    if question.status == BoothQuestion.Status.HELD:
        question.status = BoothQuestion.Status.SHOWN
    question.save(update_fields=["answer", "answered_by", "answered_at", "status"])
    pagecache.bump(question.booth.expo.token_key)
    return question


@transaction.atomic
def booth_question_show(*, user, question: BoothQuestion) -> BoothQuestion:
    """The booth's staff show a held question; an officer of the organising tree may also
    show again one that was hidden."""
    question = _locked(question)
    officer = _may_moderate(user, question.booth)
    if not (officer or user_runs_booth(user, question.booth)):
        raise NotAllowed
    showable = (BoothQuestion.Status.HELD,) + ((BoothQuestion.Status.HIDDEN,) if officer else ())
    if question.status in showable:
        question.status = BoothQuestion.Status.SHOWN
        question.save(update_fields=["status"])
        pagecache.bump(question.booth.expo.token_key)
    return question


@transaction.atomic
def booth_question_hide(*, user, question: BoothQuestion) -> BoothQuestion:
    """An officer of the organising unit tree hides abuse; exhibitors cannot hide questions."""
    question = _locked(question)
    if not _may_moderate(user, question.booth):
        raise NotAllowed
    if question.status != BoothQuestion.Status.HIDDEN:
        question.status = BoothQuestion.Status.HIDDEN
        question.hidden_by = user
        question.save(update_fields=["status", "hidden_by"])
        pagecache.bump(question.booth.expo.token_key)
    return question
