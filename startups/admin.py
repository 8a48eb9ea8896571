from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from startups.models import Officer, SellerApplication, UnionUnit


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
