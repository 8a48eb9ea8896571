"""Leads: non-binding interest in a startup (from its pitch page today, from an expo booth
later). The platform takes no money and offers no securities: a lead is a message and a way
to reach its sender. Contact details are seen only by the startup and the officers of its
unit tree (``startups.access``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from startups.models.expos import Booth
from startups.models.pitches import Pitch
from startups.models.profiles import Startup


class Lead(models.Model):
    class Role(models.TextChoices):
        INVESTOR = "investor", _("Investor")
        MENTOR = "mentor", _("Mentor")
        BUYER = "buyer", _("Buyer")
        DISTRIBUTOR = "distributor", _("Distributor")

    class AmountRange(models.TextChoices):
        UNDER_100M = "lt100m", _("Under 100 million ₫")
        TO_500M = "100m-500m", _("100 to 500 million ₫")
        TO_2B = "500m-2b", _("500 million to 2 billion ₫")
        OVER_2B = "gt2b", _("Over 2 billion ₫")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        IN_TALKS = "in_talks", _("In talks")
        CLOSED = "closed", pgettext_lazy("lead", "Closed")

    class Source(models.TextChoices):
        PITCH = "pitch", _("Pitch page")
        STARTUP = "startup", _("Startup page")
        BOOTH = "booth", _("Expo booth")

    startup = models.ForeignKey(Startup, on_delete=models.CASCADE, related_name="leads")
    pitch = models.ForeignKey(
        Pitch, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    booth = models.ForeignKey(
        Booth, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.PITCH)
    role = models.CharField(_("you are"), max_length=12, choices=Role.choices)
    message = models.TextField(_("message"), max_length=2000)
    amount_range = models.CharField(
        _("amount"), max_length=12, choices=AmountRange.choices, blank=True
    )
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)  # E.164 (+84...)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="vi")
    fingerprint = models.CharField(max_length=64, db_index=True)  # sender + message, for duplicates
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    created = models.DateTimeField(default=timezone.now)
    status_changed = models.DateTimeField(null=True, blank=True)
    # The sender asked for no more follow-up messages (the link in every follow-up).
    opted_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        indexes = [models.Index(fields=["startup", "-created"], name="lead_startup_new")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(email="", phone=""), name="lead_reachable"),
        ]

    def __str__(self):
        return f"{self.name} → {self.startup}"
