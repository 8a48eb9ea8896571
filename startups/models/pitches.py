"""Pitch pages: a startup's structured case for investors, mentors and buyers.

A ``Pitch`` row is the startup's working copy (private). Officers of the startup's union unit
tree review it: they send it back with comments on named sections (``PitchReview`` with
``PitchComment`` rows), or approve it, which freezes the working copy into a new
``PitchVersion`` (a JSON snapshot of every section and its rows, with who approved it and
when). The public page always shows ``published_version``; editing a published pitch changes
only the working copy, which goes through review again while the approved version stays public
(the rule products follow).

Why our own models and not Wagtail revisions and workflows on a snippet: the reviewers are the
officers of one unit tree (the ``startups.access`` tenant rule), not a Wagtail group; the
review is per section; and the seller edits from the shop's dashboard, never Wagtail's admin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import (
    DOCUMENTS,
    PICTURES,
    UploadFileField,
    UploadImageField,
    UploadTo,
    check_upload,
)
from startups.models.profiles import Startup

DECK_MAX_BYTES = 20 * 1024 * 1024


def validate_pitch_deck(upload) -> None:
    check_upload(
        upload,
        DOCUMENTS,
        _("Please upload the pitch deck as a PDF file."),
        max_bytes=DECK_MAX_BYTES,
    )


def validate_update_picture(upload) -> None:
    check_upload(upload, PICTURES, _("Please upload a JPEG, PNG or WebP picture."), min_side=64)


class AskKind(models.TextChoices):
    INVESTMENT = "investment", _("Investment")
    LOAN = "loan", _("Loan")
    GRANT = "grant", _("Grant")
    MENTORING = "mentoring", _("Mentoring")
    DISTRIBUTION = "distribution", _("Distribution partner")
    BULK_BUYER = "bulk_buyer", _("Bulk buyer")


class Section(models.TextChoices):
    """The named sections of a pitch (review comments point at one)."""

    PROBLEM = "problem", pgettext_lazy("pitch section", "Problem")
    SOLUTION = "solution", _("Solution")
    PRODUCT = "product", _("Product")
    MARKET = "market", _("Market")
    BUSINESS_MODEL = "business_model", _("Business model")
    TRACTION = "traction", _("Traction")
    COMPETITION = "competition", _("Competition")
    TEAM = "team", _("Team")
    ASK = "ask", _("The ask")
    USE_OF_FUNDS = "use_of_funds", _("Use of funds")
    MILESTONES = "milestones", _("Milestones")
    RISKS = "risks", _("Risks")
    MEDIA = "media", _("Video and pitch deck")


class Pitch(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Waiting for review")
        SENT_BACK = "sent_back", _("Sent back for changes")
        APPROVED = "approved", _("Approved")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="pitches")
    slug = models.SlugField(_("address"), max_length=80)
    title = models.CharField(_("title"), max_length=150)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.DRAFT)

    problem = models.TextField(_("problem"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    product = models.TextField(_("product"), blank=True)
    market = models.TextField(_("market"), blank=True)
    market_size = models.PositiveBigIntegerField(
        _("market size (VND a year)"), null=True, blank=True
    )
    business_model = models.TextField(_("business model"), blank=True)
    competition = models.TextField(_("competition"), blank=True)
    team_note = models.TextField(_("team"), blank=True)
    ask_amount = models.PositiveBigIntegerField(_("amount asked (VND)"), null=True, blank=True)
    ask_kind = models.CharField(
        _("what you ask for"), max_length=16, choices=AskKind.choices, blank=True
    )
    risks = models.TextField(_("risks"), blank=True)
    video_url = models.URLField(_("video"), blank=True, max_length=300)
    deck = UploadFileField(
        _("pitch deck (PDF)"),
        upload_to=UploadTo("startups/decks/%Y/%m"),
        validators=[validate_pitch_deck],
        blank=True,
        max_length=255,
    )
    deck_preview = UploadImageField(
        upload_to=UploadTo("startups/decks/previews/%Y/%m"),
        blank=True,
        max_length=255,
        editable=False,
    )

    published_version = models.ForeignKey(
        "PitchVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        constraints = [
            models.UniqueConstraint(fields=["startup", "slug"], name="pitch_slug_per_startup")
        ]

    def __str__(self):
        return self.title


class TractionFigure(models.Model):
    """A dated figure: revenue, customers, orders... (orders on this platform are read live)."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="traction")
    label = models.CharField(_("figure"), max_length=100)
    value = models.PositiveBigIntegerField(_("value"))
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    as_of = models.DateField(_("as of"))

    class Meta:
        ordering = ["as_of", "pk"]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}".strip()


class FundUse(models.Model):
    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="fund_uses")
    label = models.CharField(_("use"), max_length=150)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class Milestone(models.Model):
    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="milestones")
    when = models.DateField(_("date"))
    text = models.CharField(_("milestone"), max_length=200)
    done = models.BooleanField(_("reached"), default=False)

    class Meta:
        ordering = ["when", "pk"]

    def __str__(self):
        return f"{self.when}: {self.text}"


class PitchVersion(models.Model):
    """An approved pitch, frozen: every section and row as JSON (``startups.services.pitches``
    writes and reads the shape), the deck as it was, who approved it and when."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    deck = models.CharField(max_length=255, blank=True)  # the stored name at approval
    deck_preview = models.CharField(max_length=255, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_unit = models.ForeignKey(
        "startups.UnionUnit", on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["pitch", "number"], name="pitch_version_number")
        ]

    def __str__(self):
        return f"{self.pitch} v{self.number}"


class PitchReview(models.Model):
    class Decision(models.TextChoices):
        SENT_BACK = "sent_back", _("Sent back")
        APPROVED = "approved", _("Approved")

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="reviews")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("startups.UnionUnit", on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    note = models.TextField(_("note"), blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.pitch}: {self.decision}"


class PitchComment(models.Model):
    review = models.ForeignKey(PitchReview, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=16, choices=Section.choices)
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.section}: {self.text[:40]}"


class PitchUpdate(models.Model):
    """A short post on a published pitch; followers are told."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("update"), max_length=2000)
    picture = UploadImageField(
        _("picture"),
        upload_to=UploadTo("startups/updates/%Y/%m"),
        validators=[validate_update_picture],
        blank=True,
        max_length=255,
    )
    figure_label = models.CharField(_("figure"), max_length=100, blank=True)
    figure_value = models.CharField(_("value"), max_length=60, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.text[:60]


class Question(models.Model):
    """A public question on a pitch. A question of a new asker is held until the startup or an
    officer has seen it; officers hide abuse."""

    class Status(models.TextChoices):
        HELD = "held", _("Waiting to be seen")
        SHOWN = "shown", _("Shown")
        HIDDEN = "hidden", _("Hidden")

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("question"), max_length=1000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.HELD)
    answer = models.TextField(_("answer"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["pitch", "status"], name="question_pitch_status")]

    def __str__(self):
        return self.text[:60]
