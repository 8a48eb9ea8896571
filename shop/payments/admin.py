"""Card payments in Django admin: for looking up, not for editing. Money moves only through
Stripe's webhook, the refund on cancellation and the payout form in the dashboard."""

from django.contrib import admin

from shop.payments.models import CardPayment, CardRefund, SellerPayout, StripeEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CardRefundInline(admin.TabularInline):
    model = CardRefund
    extra = 0
    can_delete = False
    fields = ("part", "amount", "stripe_refund_id", "status", "created")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CardPayment)
class CardPaymentAdmin(ReadOnlyAdmin):
    list_display = (
        "order",
        "amount",
        "status",
        "paid_at",
        "checkout_session_id",
        "payment_intent_id",
        "created",
    )
    list_filter = ("status",)
    search_fields = ("order__number", "checkout_session_id", "payment_intent_id")
    list_select_related = ("order",)
    inlines = [CardRefundInline]


@admin.register(CardRefund)
class CardRefundAdmin(ReadOnlyAdmin):
    list_display = ("stripe_refund_id", "payment", "part", "amount", "status", "created")
    search_fields = ("stripe_refund_id", "payment__order__number")
    list_select_related = ("payment__order", "part__order")


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "received_at")
    list_filter = ("type",)
    search_fields = ("event_id",)


@admin.register(SellerPayout)
class SellerPayoutAdmin(ReadOnlyAdmin):
    list_display = ("partner", "amount", "reference", "created", "created_by")
    search_fields = ("partner__name", "reference")
    list_select_related = ("partner", "created_by")
