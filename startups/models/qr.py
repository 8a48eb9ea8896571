"""QR visits: how many times a printed poster's code was scanned, per page and day.

Nothing about the visitor is kept: a row is (kind, object id, day, count), incremented with an
``F()`` update. Known bots are not counted (``startups.services.qr``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QRVisitDay(models.Model):
    class Kind(models.TextChoices):
        PRODUCT = "product", _("Product")
        STARTUP = "startup", _("Startup")
        PITCH = "pitch", _("Pitch")
        EXPO = "expo", _("Expo")
        BOOTH = "booth", _("Booth")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "day"], name="qr_visit_day"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.day}: {self.count}"
