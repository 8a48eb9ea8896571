from django.apps import AppConfig


class CoreConfig(AppConfig):
    """No models: management commands (``uploads_check``) and template tags (``site_links``)."""

    name = "core"
    verbose_name = "Core"
