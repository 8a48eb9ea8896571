from django.apps import AppConfig


class FlatpagesStubConfig(AppConfig):
    """The ``flatpages`` label with no model: see this package's docstring."""

    name = "core.flatpages_stub"
    label = "flatpages"
    verbose_name = "Flat pages (removed)"
