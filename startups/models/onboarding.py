"""Applications to sell, by the producer or by an officer on the producer's behalf, and the
handover of a union-run seller to the producer's own account."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalog.partner.models import Partner
from startups.models.union import UnionUnit


class SellerApplication(models.Model):
    """An application to sell, by the producer or by an officer on the producer's behalf."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    Kind = Partner.Kind  # an applicant becomes a seller of the same kind

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("producer's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seller_applications",
        help_text=_("Empty while a union officer runs the seller for the producer."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = models.BooleanField(_("made by an officer for the producer"), default=False)
    consent_note = models.TextField(
        _("producer's consent"),
        blank=True,
        help_text=_("How and when the producer agreed that the union runs the shop for them."),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    kind = models.CharField(_("seller kind"), max_length=16, choices=Kind.choices)
    display_name = models.CharField(_("display name"), max_length=128)
    legal_name = models.CharField(_("legal name"), max_length=255)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    province = models.ForeignKey(
        "catalogue.Province",
        verbose_name=_("province or city"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.CharField(_("commune or ward"), max_length=128)
    phone = models.CharField(_("contact phone"), max_length=20)
    union_unit = models.ForeignKey(
        UnionUnit,
        verbose_name=_("youth union unit that knows you"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    bank_bin = models.CharField(_("bank"), max_length=6)
    bank_account_number = models.CharField(_("account number"), max_length=19)
    bank_account_holder = models.CharField(_("account holder"), max_length=100)
    description = models.TextField(_("your story"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason"), blank=True)
    partner = models.OneToOneField(
        "partner.Partner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("seller application")
        verbose_name_plural = _("seller applications")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="sellerapplication_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(on_behalf=False) | ~Q(consent_note=""),
                name="sellerapplication_on_behalf_records_consent",
            ),
        ]

    def __str__(self):
        return self.display_name


class SellerHandover(models.Model):
    """The record of a union-run seller given to the producer's own account: who handed it
    over, to whom, and which accounts ran it before."""

    application = models.ForeignKey(
        SellerApplication, on_delete=models.PROTECT, related_name="handovers"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="handovers"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    producer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("producer's account"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    producer_email = models.EmailField(_("producer's e-mail"))
    previous_users = models.JSONField(_("accounts that ran the shop before"), default=list)
    handed_over_at = models.DateTimeField(_("handed over at"), auto_now_add=True)

    class Meta:
        ordering = ["-handed_over_at"]
        verbose_name = _("seller handover")
        verbose_name_plural = _("seller handovers")

    def __str__(self):
        return f"{self.partner} → {self.producer_email}"
