from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "startups"
    verbose_name = _("Youth union and sellers")
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from django.apps import apps

        from startups.views.reports import MarketplaceClicksView

        # A union report shown inside the shop's dashboard, which must not import this app.
        apps.get_app_config("dashboard").register_url(
            "marketplace-clicks/", MarketplaceClicksView.as_view(), "marketplace-clicks"
        )
