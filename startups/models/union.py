"""Youth-union units and officers.

Units form a tree of any depth (central, the 34 provinces and cities, grassroots units and
branches below); an officer acts on its unit and everything below it (``startups.access``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class UnionUnit(MP_Node):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Central (Trung ương Đoàn)")
        PROVINCE = "province", _("Province or city (Tỉnh đoàn / Thành đoàn)")
        GRASSROOTS = "grassroots", _("Grassroots (Đoàn cơ sở)")
        BRANCH = "branch", _("Branch (Chi đoàn)")

    name = models.CharField(_("name"), max_length=255)
    code = models.SlugField(_("code"), max_length=64, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province or city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="union_units",
    )
    node_order_by = ["name"]

    class Meta:
        verbose_name = _("youth union unit")
        verbose_name_plural = _("youth union units")

    def __str__(self):
        return self.name


class Officer(models.Model):
    """A user who acts for a union unit (and every unit below it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="union_officer"
    )
    unit = models.ForeignKey(UnionUnit, on_delete=models.PROTECT, related_name="officers")
    title = models.CharField(_("position"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("union officer")
        verbose_name_plural = _("union officers")

    def __str__(self):
        return f"{self.user} ({self.unit})"
