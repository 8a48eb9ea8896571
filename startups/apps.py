from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "startups"
    verbose_name = _("Youth union and sellers")
    default_auto_field = "django.db.models.AutoField"
