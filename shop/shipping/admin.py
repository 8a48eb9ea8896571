from django.contrib import admin

from shop.shipping.models import ShippingRule


@admin.register(ShippingRule)
class ShippingRuleAdmin(admin.ModelAdmin):
    list_display = ("region", "charge", "free_above")
