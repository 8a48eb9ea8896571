from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from oscar.apps.catalogue.admin import *  # noqa: F403

from catalog.marketplaces import validate_marketplace_url
from catalog.models import MarketplaceClick, MarketplaceLink, Province
from catalog.services.marketplaces import marketplace_link_set


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "region")
    search_fields = ("name", "name_ascii", "code")


class MarketplaceLinkForm(forms.ModelForm):
    """Accepts only https addresses on the chosen marketplace's own hosts (see
    ``catalog/data/marketplaces.json``) and stores them normalised."""

    # A plain text field so that the marketplace rules give the message, not URLField's.
    url = forms.CharField(label=MarketplaceLink._meta.get_field("url").verbose_name)

    class Meta:
        model = MarketplaceLink
        fields = ("product", "marketplace", "url")

    def clean(self):
        cleaned = super().clean()
        marketplace, url = cleaned.get("marketplace"), cleaned.get("url")
        if marketplace and url:
            try:
                cleaned["url"] = validate_marketplace_url(marketplace, url)
            except ValidationError as error:
                self.add_error("url", error)
        return cleaned


@admin.register(MarketplaceLink)
class MarketplaceLinkAdmin(admin.ModelAdmin):
    form = MarketplaceLinkForm
    list_display = ("product", "marketplace", "url", "updated_at")
    list_filter = ("marketplace",)
    list_select_related = ("product",)
    search_fields = ("product__title", "url")
    raw_id_fields = ("product",)

    def save_model(self, request, obj, form, change):
        """Through the one write path, which checks the address again inside its
        transaction."""
        saved = marketplace_link_set(
            product=obj.product, marketplace=obj.marketplace, url=obj.url, link=obj
        )
        obj.pk = saved.pk


@admin.register(MarketplaceClick)
class MarketplaceClickAdmin(admin.ModelAdmin):
    """Read-only: clicks are recorded by the redirect view, never typed in."""

    list_display = ("clicked_at", "link", "from_path")
    list_filter = ("link__marketplace",)
    list_select_related = ("link",)
    date_hierarchy = "clicked_at"
    search_fields = ("link__product__title", "from_path")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
