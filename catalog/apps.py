import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Our fork of Oscar's catalogue; the app label stays ``catalogue``."""

    name = "catalog"
    label = "catalogue"

    def ready(self):
        super().ready()
        from django.db.models.signals import post_migrate

        from catalog import counters, receivers
        from core import pagecache, siteurl

        receivers.connect()
        pagecache.hit_action("product_viewed", counters.product_viewed)
        # The Site record follows SITE_URL after every migrate (deployments and bin/run).
        post_migrate.connect(siteurl.site_sync, sender=self, dispatch_uid="catalog-site-sync")
