from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.order.abstract_models import AbstractOrder


class Order(AbstractOrder):
    language = models.CharField(
        _("language"),
        max_length=8,
        default="vi",
        help_text=_("The language the buyer ordered in; e-mails about the order use it."),
    )

    class Meta(AbstractOrder.Meta):
        pass


class OrderPart(models.Model):
    """One seller's share of an order: its lines, its parcel, its payment and its progress.

    An order is placed once; every seller in it confirms, ships and completes only its own
    part, and the buyer follows (and may cancel) each part separately.
    """

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        PLACED = "placed", _("Waiting for the seller")
        CONFIRMED = "confirmed", _("Being prepared")
        SHIPPED = "shipped", _("Shipped")
        COMPLETED = "completed", _("Delivered")
        CANCELLED = "cancelled", _("Cancelled")

    class Payment(models.TextChoices):
        CASH = "cod", pgettext_lazy("payment method of an order part", "Cash on delivery")
        BANK_TRANSFER = "vietqr", _("Bank transfer (VietQR)")
        CARD = "card", _("Card")

    class CancelledBy(models.TextChoices):
        BUYER = "buyer", _("the buyer")
        SELLER = "seller", _("the seller")
        SYSTEM = "system", _("unpaid in time")

    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="parts")
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        related_name="order_parts",
        verbose_name=_("seller"),
    )
    number = models.PositiveSmallIntegerField(_("part number"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    payment_method = models.CharField(_("payment method"), max_length=8, choices=Payment.choices)
    goods_total = models.DecimalField(_("goods"), max_digits=12, decimal_places=0)
    shipping_charge = models.DecimalField(
        _("delivery"), max_digits=12, decimal_places=0, default=Decimal(0)
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=8, blank=True, choices=CancelledBy.choices
    )
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    payment_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=0, default=Decimal(0)
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["order_id", "number"]
        verbose_name = _("order part")
        verbose_name_plural = _("order parts")
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="order_part_one_per_seller"),
            models.UniqueConstraint(fields=["order", "number"], name="order_part_number_unique"),
            models.CheckConstraint(
                condition=models.Q(goods_total__gte=0) & models.Q(shipping_charge__gte=0),
                name="order_part_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def code(self) -> str:
        """What buyer and seller quote: the order number and the part, e.g. ``100042-2``."""
        return f"{self.order.number}-{self.number}"

    @property
    def total(self) -> Decimal:
        return self.goods_total + self.shipping_charge

    @property
    def is_cancellable(self) -> bool:
        """Until the parcel leaves, the buyer can cancel."""
        return self.status in (
            self.Status.AWAITING_PAYMENT,
            self.Status.PLACED,
            self.Status.CONFIRMED,
        )

    @property
    def amount_to_collect(self) -> Decimal:
        """What the courier collects in cash for this parcel."""
        if self.payment_method != self.Payment.CASH or self.status == self.Status.CANCELLED:
            return Decimal(0)
        return self.total

    def lines(self):
        return self.order.lines.filter(partner_id=self.partner_id)


class OrderPartNotice(models.Model):
    """An e-mail sent to the buyer about a part, recorded so it is sent once (a retried or
    duplicated task finds the row and stops)."""

    part = models.ForeignKey(OrderPart, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=32)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["part", "kind"], name="order_part_notice_once")
        ]

    def __str__(self):
        return f"{self.part_id}: {self.kind}"


class EmailClaim(models.Model):
    """An e-mail that must go out once, claimed before it is sent (``shop.order.outbox``).

    The claim is committed before the send, so a task redelivered after its worker died finds
    it and does not send again; a claim never marked sent is taken over once its lease ran out
    (the worker died before or while sending)."""

    key = models.CharField(max_length=120, unique=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.key


class PaymentTerms(models.Model):
    """The admin's deadlines for unpaid transfers and card payments (one row)."""

    reminder_after_hours = models.PositiveSmallIntegerField(
        _("remind the buyer after (hours)"), default=12
    )
    cancel_after_hours = models.PositiveSmallIntegerField(
        _("cancel unpaid parts after (hours)"), default=48
    )

    class Meta:
        verbose_name = _("payment terms")
        verbose_name_plural = _("payment terms")

    def __str__(self):
        return str(_("Payment terms"))

    def clean(self):
        if self.reminder_after_hours < 1:
            raise ValidationError({"reminder_after_hours": _("Remind after at least one hour.")})
        if self.cancel_after_hours <= self.reminder_after_hours:
            raise ValidationError(
                {
                    "cancel_after_hours": _(
                        "Cancel later than the reminder, so the buyer has time to pay after it."
                    )
                }
            )

    @classmethod
    def current(cls) -> "PaymentTerms":
        terms = cls.objects.order_by("pk").first()
        return terms or cls(
            reminder_after_hours=settings.PAYMENT_REMINDER_HOURS,
            cancel_after_hours=settings.PAYMENT_CANCEL_HOURS,
        )


from oscar.apps.order.models import *  # noqa: E402, F403
