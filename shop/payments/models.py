from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CardPayment(models.Model):
    """One Stripe Checkout payment for one order: the platform collects the whole order."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the card")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="card_payment"
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=0)
    currency = models.CharField(max_length=3, default="VND")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    checkout_session_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    checkout_url = models.URLField(max_length=1000, blank=True)
    payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # The current Checkout Session: which try it is (part of Stripe's idempotency key), when
    # it was made (parts cancelled after that were still in its amount) and when Stripe
    # closes it (after that the buyer gets a new one instead of a dead link).
    attempt = models.PositiveSmallIntegerField(default=0)
    session_created_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("card payment")
        verbose_name_plural = _("card payments")

    def __str__(self):
        return f"{self.order.number}: {self.amount:.0f} ₫ ({self.status})"


class CardRefund(models.Model):
    """Money sent back to the card for a cancelled order part."""

    payment = models.ForeignKey(CardPayment, on_delete=models.PROTECT, related_name="refunds")
    part = models.OneToOneField(
        "order.OrderPart",
        on_delete=models.PROTECT,
        related_name="card_refund",
        null=True,
        blank=True,
    )
    amount = models.DecimalField(max_digits=12, decimal_places=0)
    stripe_refund_id = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=32)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.stripe_refund_id}: {self.amount:.0f} ₫"


class StripeEvent(models.Model):
    """Every webhook event applied, so a replayed or duplicated delivery is applied once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.event_id} ({self.type})"


class SellerPayout(models.Model):
    """Money the platform has passed on to a seller for card sales (recorded by staff)."""

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="payouts",
        verbose_name=_("seller"),
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=0)
    reference = models.CharField(_("transfer reference"), max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("payout to a seller")
        verbose_name_plural = _("payouts to sellers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=Decimal(0)), name="payout_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.amount:.0f} ₫"
