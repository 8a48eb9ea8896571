"""Sellers. An Oscar partner is the seller: a youth startup, a cooperative or a household
business, with its story and place. Bank details for transfers arrive with the payment work."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner, AbstractStockRecord


class Partner(AbstractPartner):
    class Kind(models.TextChoices):
        STARTUP = "startup", _("Youth startup")
        COOPERATIVE = "cooperative", _("Cooperative")
        HOUSEHOLD = "household", _("Household business")

    kind = models.CharField(
        _("seller kind"), max_length=16, choices=Kind.choices, default=Kind.STARTUP
    )
    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    description = models.TextField(_("story"), blank=True)
    # Optional English texts for English pages (``core.text.shown_text``).
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    description_en = models.TextField(_("English story"), blank=True)
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province or city"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sellers",
    )
    commune = models.CharField(_("commune or ward"), max_length=128, blank=True)
    phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        SUSPENDED = "suspended", _("Suspended")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPROVED, db_index=True
    )
    # Where buyers pay by bank transfer (VietQR): a NAPAS member bank and an account.
    bank_bin = models.CharField(_("bank (NAPAS BIN)"), max_length=6, blank=True)
    bank_account_number = models.CharField(_("account number"), max_length=19, blank=True)
    bank_account_holder = models.CharField(_("account holder"), max_length=100, blank=True)
    managed_by_union = models.BooleanField(
        _("run by a union officer"),
        default=False,
        help_text=_("A union officer runs this seller on the producer's behalf."),
    )

    class Meta(AbstractPartner.Meta):
        pass

    def get_absolute_url(self):
        return reverse("seller-detail", kwargs={"slug": self.code})


class StockRecord(AbstractStockRecord):
    class Meta(AbstractStockRecord.Meta):
        # A seller's products (seller page, dashboard list) by an index-only scan of the
        # seller's stock records, instead of a scan of every stock record.
        indexes = [models.Index(fields=["partner", "product"], name="stockrecord_seller_product")]


from oscar.apps.partner.models import *  # noqa: E402, F403
