"""Startup profiles: a youth startup (or a cooperative's startup project) presents itself.

A startup belongs to one approved seller (``Partner``) and to the union unit that seller
applied through (its officers verify it and review its pitches). Its texts may be given in
English too; an empty English text means the Vietnamese one is shown, marked as such.

``follower_count`` and ``interest_count`` are kept by the services in the same transaction as
the ``Follow`` or ``Lead`` row they count (an ``F()`` update, so concurrent follows never lose
a count); the directory sorts on them through the search index.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.uploads import PICTURES, UploadImageField, UploadTo, check_upload
from startups.models.union import UnionUnit

# The union's rule for a "youth team": every founder is at most this old in the current
# year, age counted as the current year minus the year of birth (as Vietnamese forms count it).
YOUTH_MAX_AGE = 35
FIRST_FOUNDING_YEAR = 1945


def validate_logo(upload) -> None:
    check_upload(
        upload, PICTURES, _("Please upload the logo as a JPEG, PNG or WebP picture."), min_side=64
    )


def validate_team_photo(upload) -> None:
    check_upload(
        upload, PICTURES, _("Please upload the photo as a JPEG, PNG or WebP picture."), min_side=64
    )


class Sector(models.TextChoices):
    AGRICULTURE_FOOD = "agriculture_food", _("Agriculture and food")
    HANDICRAFTS = "handicrafts", _("Handicrafts")
    TOURISM = "tourism", _("Tourism")
    EDUCATION = "education", _("Education")
    TECHNOLOGY = "technology", _("Technology")
    ENVIRONMENT = "environment", _("Environment")
    HEALTH = "health", _("Health")
    OTHER = "other", pgettext_lazy("sector", "Other")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    FIRST_SALES = "first_sales", _("First sales")
    GROWING = "growing", _("Growing")
    SCALING = "scaling", _("Scaling")


class LookingFor(models.TextChoices):
    """What a startup is looking for (the directory's "looking for" filter)."""

    INVESTMENT = "investment", _("Investment")
    LOAN = "loan", _("Loan")
    GRANT = "grant", _("Grant")
    MENTORING = "mentoring", _("Mentoring")
    DISTRIBUTION = "distribution", _("Distribution")


class Startup(models.Model):
    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="startup",
        verbose_name=_("seller"),
    )
    union_unit = models.ForeignKey(
        UnionUnit,
        on_delete=models.PROTECT,
        related_name="startups",
        verbose_name=_("youth union unit"),
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    logo = UploadImageField(
        _("logo"),
        upload_to=UploadTo("startups/logos/%Y/%m"),
        validators=[validate_logo],
        blank=True,
        max_length=255,
    )
    tagline = models.CharField(_("tagline"), max_length=90)
    tagline_en = models.CharField(_("tagline in English"), max_length=90, blank=True)
    story = models.TextField(_("story"))
    story_en = models.TextField(_("story in English"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founded in"),
        validators=[MinValueValidator(FIRST_FOUNDING_YEAR)],
    )
    province = models.ForeignKey(
        "catalogue.Province",
        on_delete=models.PROTECT,
        related_name="startups",
        verbose_name=_("province or city"),
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    looking_for = models.JSONField(_("looking for"), default=list, blank=True)  # LookingFor codes

    website = models.URLField(_("website"), blank=True, max_length=300)
    facebook = models.URLField("Facebook", blank=True, max_length=300)
    zalo = models.URLField("Zalo", blank=True, max_length=300)
    tiktok = models.URLField("TikTok", blank=True, max_length=300)
    youtube = models.URLField("YouTube", blank=True, max_length=300)

    published = models.BooleanField(_("shown to the public"), default=False)
    verified_by = models.ForeignKey(
        UnionUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    follower_count = models.PositiveIntegerField(default=0)
    interest_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("startup")
        verbose_name_plural = _("startups")
        indexes = [models.Index(fields=["published", "-created"], name="startup_public_new")]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_by_id is not None


class TeamMember(models.Model):
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role"), max_length=100)
    role_en = models.CharField(_("role in English"), max_length=100, blank=True)
    photo = UploadImageField(
        _("photo"),
        upload_to=UploadTo("startups/team/%Y/%m"),
        validators=[validate_team_photo],
        blank=True,
        max_length=255,
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"),
        validators=[MinValueValidator(1900)],
    )
    is_founder = models.BooleanField(_("founder"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team")

    def __str__(self):
        return self.name


class Award(models.Model):
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="awards")
    name = models.CharField(_("award or contest"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1945)])
    rank = models.CharField(_("rank"), max_length=100, blank=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards and contests")

    def __str__(self):
        return f"{self.name} ({self.year})"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="follows")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "startup"], name="follow_once"),
        ]
        indexes = [models.Index(fields=["startup", "created"], name="follow_startup_created")]

    def __str__(self):
        return f"{self.user_id} → {self.startup_id}"
