"""Virtual expos: an online fair that a union unit runs, with halls, booths and sessions.

An expo belongs to the union unit that organises it; the officers of that unit and of the
units above edit it (``startups.access``). Its phase follows from ``published`` and its dates
(``Expo.phase``): draft, open for applications, scheduled, live, closed. After closing it stays
online, read-only, with its replays.

Sellers apply for a booth through their startup profile (the booth shows the startup's story
and team); officers approve or refuse with a reason. Approved booths show once the expo opens.

Counting: visits are raw ``ExpoEvent`` rows, one per page view, with an id the browser makes
(a retried request carries the same id and is not counted twice); ``ExpoDayStat`` keeps the
closed days rolled up. Leads (``Lead.booth``), questions and attributed orders (``ExpoOrder``)
are counted from their own rows.

Why not Wagtail pages: see docs/architecture.md ("Expos are not Wagtail pages").
"""

from __future__ import annotations

import uuid

from django.conf import settings
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
from startups.models.union import UnionUnit


def validate_banner(upload) -> None:
    check_upload(
        upload,
        PICTURES,
        _("Please upload the banner as a JPEG, PNG or WebP picture."),
        min_side=200,
    )


def validate_brochure(upload) -> None:
    check_upload(upload, DOCUMENTS, _("Please upload the brochure as a PDF file."))


class Expo(models.Model):
    class Phase(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("expo phase", "Draft")
        APPLICATIONS = "applications", _("Open for applications")
        SCHEDULED = "scheduled", pgettext_lazy("expo phase", "Scheduled")
        LIVE = "live", pgettext_lazy("expo phase", "Live")
        CLOSED = "closed", pgettext_lazy("expo phase", "Closed")

    class Reward(models.TextChoices):
        NONE = "none", _("No reward")
        VOUCHER = "voucher", _("A voucher code")
        DRAW = "draw", _("Entry into a prize draw")

    unit = models.ForeignKey(
        UnionUnit, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="expos"
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=160)
    title_en = models.CharField(_("title in English"), max_length=160, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    theme_en = models.CharField(_("theme in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    banner = UploadImageField(
        _("banner"),
        upload_to=UploadTo("expos/banners/%Y/%m"),
        validators=[validate_banner],
        blank=True,
    )
    # Times are stored in UTC and entered and shown in Asia/Ho_Chi_Minh (TIME_ZONE).
    applications_close_at = models.DateTimeField(_("applications close at"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    published = models.BooleanField(_("announced to the public"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)

    # The visitor's passport: visiting ``passport_goal`` booths unlocks the reward.
    passport_goal = models.PositiveSmallIntegerField(
        _("booths to visit for the reward"), default=0, help_text=_("0: no passport.")
    )
    reward = models.CharField(
        _("reward"), max_length=8, choices=Reward.choices, default=Reward.NONE
    )
    reward_voucher_code = models.CharField(_("voucher code"), max_length=128, blank=True)
    reward_text = models.CharField(_("what the reward is"), max_length=200, blank=True)
    reward_text_en = models.CharField(
        _("what the reward is, in English"), max_length=200, blank=True
    )
    # The draw: the seed is published before the draw is run; anyone can repeat it.
    draw_prizes = models.PositiveSmallIntegerField(_("prizes in the draw"), default=0)
    draw_seed = models.CharField(_("draw seed"), max_length=128, blank=True)
    draw_run_at = models.DateTimeField(null=True, blank=True)
    draw_winners = models.JSONField(default=list, blank=True)  # ticket codes, in prize order

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("expo")
        verbose_name_plural = _("expos")
        indexes = [models.Index(fields=["published", "-opens_at"], name="expo_public_opens")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")), name="expo_opens_first"
            ),
            models.CheckConstraint(
                condition=models.Q(applications_close_at__lte=models.F("opens_at")),
                name="expo_applications_before_opening",
            ),
        ]

    def __str__(self):
        return self.title

    def phase_at(self, now) -> str:
        if not self.published:
            return self.Phase.DRAFT
        if now < self.applications_close_at:
            return self.Phase.APPLICATIONS
        if now < self.opens_at:
            return self.Phase.SCHEDULED
        if now < self.closes_at:
            return self.Phase.LIVE
        return self.Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def is_open(self) -> bool:
        """Booths show to visitors (live, or closed and read-only)."""
        return self.phase in (self.Phase.LIVE, self.Phase.CLOSED)

    @property
    def token_key(self) -> str:
        """The page-cache token of the expo's public pages."""
        return self.token_key_of(self.pk)

    @staticmethod
    def token_key_of(pk: int) -> str:
        return f"expo:{int(pk)}"


class Hall(models.Model):
    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        OCOP_GROUP = "ocop", _("OCOP product group")
        PROVINCE = "province", _("Province")

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    kind = models.CharField(_("hall by"), max_length=8, choices=Kind.choices, default=Kind.THEME)
    ocop_group = models.CharField(_("OCOP product group"), max_length=32, blank=True)
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province or city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("hall")
        verbose_name_plural = _("halls")

    def __str__(self):
        return self.name


class ExpoSession(models.Model):
    """A scheduled session: a pitch session, livestream, talk show or workshop."""

    class Kind(models.TextChoices):
        PITCH = "pitch", _("Pitch session")
        LIVESTREAM = "livestream", _("Livestream")
        TALK = "talk", _("Talk show")
        WORKSHOP = "workshop", _("Workshop")

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="sessions")
    hall = models.ForeignKey(
        Hall, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    title_en = models.CharField(_("title in English"), max_length=160, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    description_en = models.TextField(_("description in English"), blank=True, max_length=2000)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    startups = models.ManyToManyField(
        Startup, blank=True, verbose_name=_("startups pitching"), related_name="expo_sessions"
    )
    stream_url = models.URLField(_("livestream address"), max_length=300, blank=True)
    replay_url = models.URLField(_("replay address"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="session_starts_first"
            ),
        ]

    def __str__(self):
        return self.title


class Booth(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Waiting for review")
        APPROVED = "approved", pgettext_lazy("booth", "Approved")
        REFUSED = "refused", pgettext_lazy("booth", "Refused")
        WITHDRAWN = "withdrawn", pgettext_lazy("booth", "Withdrawn")

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="booths")
    hall = models.ForeignKey(
        Hall, verbose_name=_("hall"), on_delete=models.PROTECT, related_name="booths"
    )
    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="booths")
    pitch = models.CharField(_("short pitch"), max_length=500)
    pitch_en = models.CharField(_("short pitch in English"), max_length=500, blank=True)
    products = models.ManyToManyField(
        "catalogue.Product",
        through="BoothProduct",
        verbose_name=_("products to feature"),
        related_name="booths",
        blank=True,
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff who answer"),
        related_name="expo_booths",
        blank=True,
    )
    video_url = models.URLField(_("video"), max_length=300, blank=True)
    brochure = UploadFileField(
        _("brochure (PDF)"),
        upload_to=UploadTo("expos/brochures/%Y/%m"),
        validators=[validate_brochure],
        blank=True,
    )
    # The expo-only offer: an Oscar voucher valid during the expo on this seller's products.
    offer_voucher = models.OneToOneField(
        "voucher.Voucher", null=True, blank=True, on_delete=models.SET_NULL, related_name="booth"
    )
    offer_text = models.CharField(_("offer"), max_length=160, blank=True)
    offer_text_en = models.CharField(_("offer in English"), max_length=160, blank=True)
    featured = models.BooleanField(_("featured in the lobby"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    refusal_reason = models.TextField(_("reason"), blank=True, max_length=1000)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    staff_seen_at = models.DateTimeField(null=True, blank=True)  # a staff member's desk is open

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(fields=["expo", "startup"], name="booth_one_per_startup"),
        ]
        indexes = [models.Index(fields=["expo", "status"], name="booth_expo_status")]

    def __str__(self):
        return f"{self.startup} @ {self.expo}"


class BoothProduct(models.Model):
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="booth_products")
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["booth", "product"], name="booth_product_once"),
        ]

    def __str__(self):
        return f"{self.booth_id}: {self.product_id}"


class BoothQuestion(models.Model):
    """A public question at a booth: visitors ask (signed in), the booth's staff answer,
    officers of the organising unit hide abuse. A new asker's question is held until the
    booth's staff or an officer has seen it, as on pitches."""

    class Status(models.TextChoices):
        HELD = "held", _("Waiting to be seen")
        SHOWN = "shown", _("Shown")
        HIDDEN = "hidden", _("Hidden")

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="questions")
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
    fingerprint = models.CharField(max_length=64, db_index=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["booth", "status"], name="boothq_booth_status")]

    def __str__(self):
        return self.text[:60]


# --- counting ----------------------------------------------------------------------------


class ExpoEvent(models.Model):
    """One counted thing a visitor did in an expo. ``event_id`` is made by the browser per
    page view (or by the server from the request, for redirects), so a retried request finds
    its row already there and nothing is counted twice. ``visitor`` is a random id the
    browser keeps for the expo (a first-party cookie), never a person."""

    class Kind(models.TextChoices):
        LOBBY = "lobby", _("Lobby visit")
        HALL = "hall", _("Hall visit")
        BOOTH = "booth", _("Booth visit")
        SESSION = "session", _("Session view")
        PRODUCT = "product", _("Product view")
        MARKETPLACE = "market", _("Marketplace click")
        QR = "qr", _("QR visit")

    event_id = models.UUIDField(unique=True, default=uuid.uuid4)
    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    hall = models.ForeignKey(
        Hall, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    booth = models.ForeignKey(
        Booth, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_id = models.PositiveIntegerField(null=True, blank=True)
    visitor = models.CharField(max_length=32)
    day = models.DateField()  # Viet Nam's day
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["expo", "day", "kind"], name="expoevent_expo_day"),
            models.Index(fields=["visitor", "expo"], name="expoevent_visitor"),
        ]

    def __str__(self):
        return f"{self.kind} {self.expo_id} {self.day}"


class ExpoDayStat(models.Model):
    """A closed day's figures, rolled up from the raw rows by a periodic job (re-running it
    rewrites the same numbers). ``hall_id``/``booth_id`` 0 is the whole expo or hall."""

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="day_stats")
    day = models.DateField()
    hall_id = models.PositiveIntegerField(default=0)
    booth_id = models.PositiveIntegerField(default=0)
    metric = models.CharField(max_length=16)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["expo", "day", "hall_id", "booth_id", "metric"], name="expo_day_stat"
            ),
        ]

    def __str__(self):
        return f"{self.metric} {self.day}: {self.value}"


class PassportStamp(models.Model):
    """A booth stamped in a visitor's passport (once per booth)."""

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="stamps")
    visitor = models.CharField(max_length=32)
    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["expo", "visitor", "booth"], name="passport_stamp_once"
            ),
        ]

    def __str__(self):
        return f"{self.visitor} @ {self.booth_id}"


class DrawEntry(models.Model):
    """A visitor who completed the passport entered the expo's draw with a ticket code."""

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="draw_entries")
    visitor = models.CharField(max_length=32)
    ticket = models.CharField(max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ticket"]
        constraints = [
            models.UniqueConstraint(fields=["expo", "visitor"], name="draw_entry_once"),
            models.UniqueConstraint(fields=["expo", "ticket"], name="draw_ticket_unique"),
        ]

    def __str__(self):
        return self.ticket


class ExpoOrder(models.Model):
    """An order attributed to an expo: placed by a browser that visited the expo within its
    dates, or with one of the expo's vouchers. Revenue is read from the order's parts of the
    expo's exhibitors, cancelled parts left out."""

    class Via(models.TextChoices):
        VISIT = "visit", _("Visited the expo")
        VOUCHER = "voucher", _("Expo voucher")

    expo = models.ForeignKey(Expo, on_delete=models.CASCADE, related_name="orders")
    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="+")
    via = models.CharField(max_length=8, choices=Via.choices)
    visitor = models.CharField(max_length=32, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["expo", "order"], name="expo_order_once"),
        ]

    def __str__(self):
        return f"{self.order_id} → {self.expo_id}"


# --- after the expo ----------------------------------------------------------------------


class FollowUp(models.Model):
    """One message a booth sends to all or chosen leads, with links to its products."""

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="followups")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=4000)
    products = models.ManyToManyField("catalogue.Product", blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.subject


class FollowUpDelivery(models.Model):
    """One lead to be sent one follow-up, once: the unique pair is claimed before sending."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="deliveries")
    lead = models.ForeignKey("startups.Lead", on_delete=models.CASCADE, related_name="followups")
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped = models.CharField(max_length=16, blank=True)  # "opted_out", "no_email"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["followup", "lead"], name="followup_once_per_lead"),
        ]

    def __str__(self):
        return f"{self.followup_id} → {self.lead_id}"
