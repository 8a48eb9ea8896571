from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShippingRule(models.Model):
    """What one seller's parcel costs to deliver into a region, set by the platform's admin.

    A rule for a region wins over the rule for "everywhere" (blank region). A parcel whose
    goods reach ``free_above`` ships free. With no rule at all, delivery is free.
    """

    class Region(models.TextChoices):
        EVERYWHERE = "", _("Everywhere")
        NORTH = "north", _("North")
        CENTRAL = "central", _("Central")
        SOUTH = "south", _("South")

    region = models.CharField(
        _("buyer's region"), max_length=16, choices=Region.choices, blank=True, unique=True
    )
    charge = models.DecimalField(
        _("charge per seller parcel (₫)"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(0)],
    )
    free_above = models.DecimalField(
        _("free when the parcel's goods reach (₫)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty for no free delivery."),
    )

    class Meta:
        ordering = ["region"]
        verbose_name = _("shipping rule")
        verbose_name_plural = _("shipping rules")

    def __str__(self):
        return f"{self.get_region_display()}: {self.charge:.0f} ₫"


from oscar.apps.shipping.models import *  # noqa: E402, F403
