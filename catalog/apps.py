import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Our fork of Oscar's catalogue; the app label stays ``catalogue``."""

    name = "catalog"
    label = "catalogue"

    def ready(self):
        super().ready()
        from catalog import caching

        caching.connect()
