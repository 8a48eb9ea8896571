from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCUMENTS, PICTURES, StoredUpload, register_stored_upload


class StartupsConfig(AppConfig):
    name = "startups"
    verbose_name = _("Youth union and sellers")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        # Views load models and forms, which needs the app registry: imported here.
        from django.apps import apps

        from shop.dashboard.views import seller_home_set
        from startups import receivers
        from startups.views import booths, expo_stats, leads, pitches, profiles, qr
        from startups.views.reports import MarketplaceClicksView
        from startups.views.seller_centre import seller_centre_view

        # Pages shown inside the shop's dashboard, which must not import this app; each is
        # named in shop.dashboard.access.
        dashboard = apps.get_app_config("dashboard")
        dashboard.register_url(
            "marketplace-clicks/", MarketplaceClicksView.as_view(), "marketplace-clicks"
        )
        for module in (profiles, pitches, leads, qr, booths, expo_stats):
            for route, view, name in module.DASHBOARD_URLS:
                dashboard.register_url(route, view, name)
        seller_home_set(seller_centre_view)  # the seller's dashboard home: the seller centre

        receivers.connect()  # orders attributed to expos after checkout

        # Files of ours that `manage.py uploads_check` re-checks with the catalogue's.
        for entry in (
            StoredUpload("startups.Startup", "logo", PICTURES, "startups/logos/%Y/%m"),
            StoredUpload("startups.TeamMember", "photo", PICTURES, "startups/team/%Y/%m"),
            StoredUpload("startups.Pitch", "deck", DOCUMENTS, "startups/decks/%Y/%m"),
            StoredUpload(
                "startups.Pitch", "deck_preview", PICTURES, "startups/decks/previews/%Y/%m"
            ),
            StoredUpload("startups.PitchUpdate", "picture", PICTURES, "startups/updates/%Y/%m"),
            StoredUpload("startups.Expo", "banner", PICTURES, "expos/banners/%Y/%m"),
            StoredUpload("startups.Booth", "brochure", DOCUMENTS, "expos/brochures/%Y/%m"),
        ):
            register_stored_upload(entry)
