from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403

from catalog.models import Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region")
    search_fields = ("name", "name_ascii", "code")
