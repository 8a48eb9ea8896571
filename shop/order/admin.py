from django.contrib import admin
from oscar.apps.order.admin import *  # noqa: F403

from shop.order.models import OrderPart, PaymentTerms


@admin.register(PaymentTerms)
class PaymentTermsAdmin(admin.ModelAdmin):
    """One row: when unpaid transfers and card payments are reminded and cancelled."""

    list_display = ("__str__", "reminder_after_hours", "cancel_after_hours")

    def has_add_permission(self, request):
        return not PaymentTerms.objects.exists()


@admin.register(OrderPart)
class OrderPartAdmin(admin.ModelAdmin):
    """Parts are changed by their sellers and buyers through the site; here they are read."""

    list_display = (
        "__str__",
        "partner",
        "status",
        "payment_method",
        "goods_total",
        "shipping_charge",
        "created",
    )
    list_filter = ("status", "payment_method")
    search_fields = ("order__number", "partner__name", "tracking_number")
    list_select_related = ("order", "partner")
    readonly_fields = [field.name for field in OrderPart._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
