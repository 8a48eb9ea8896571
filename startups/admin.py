from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from startups.models import Officer, SellerApplication, SellerHandover, UnionUnit


@admin.register(UnionUnit)
class UnionUnitAdmin(TreeAdmin):
    form = movenodeform_factory(UnionUnit)
    list_display = ("name", "level", "province")
    search_fields = ("name", "code")


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "title")
    autocomplete_fields = ("user",)
    search_fields = ("user__username", "user__email", "unit__name")


@admin.register(SellerApplication)
class SellerApplicationAdmin(admin.ModelAdmin):
    list_display = ("display_name", "kind", "status", "union_unit", "submitted_at")
    list_filter = ("status", "kind")
    readonly_fields = ("submitted_at", "reviewed_at")


@admin.register(SellerHandover)
class SellerHandoverAdmin(admin.ModelAdmin):
    """The handover record, read-only: it is written by the handover itself."""

    list_display = ("partner", "producer_email", "officer", "handed_over_at")
    search_fields = ("partner__name", "producer_email")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
