"""A published or unpublished Wagtail page changes what every page shows around its content
(the menu, the home page's text): it invalidates the page cache's site token. So does a page
moved (the menu's and footer's links follow it) and the site settings saved (contact, logo,
menu and footer columns, ``cms.site_settings``). A site saved or deleted renews the sites'
cache (``cms.sites``)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import site_settings, sites
from cms.models import MainMenuItem, SiteSettings
from core import pagecache


def page_changed(sender, **kwargs):
    pagecache.bump(pagecache.SITE)


def settings_saved(sender, instance, **kwargs):
    site_settings.settings_forget(instance.site_id)
    pagecache.bump(pagecache.SITE)


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="pc-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="pc-page-unpublished")
    post_page_move.connect(page_changed, dispatch_uid="pc-page-moved")
    post_save.connect(settings_saved, sender=SiteSettings, dispatch_uid="pc-settings-saved")
    post_delete.connect(page_changed, sender=SiteSettings, dispatch_uid="pc-settings-deleted")
    # The menu items are saved after the settings row; outside a transaction (a shell) the
    # row's own bump would come before them.
    post_save.connect(page_changed, sender=MainMenuItem, dispatch_uid="pc-menu-item-saved")
    post_delete.connect(page_changed, sender=MainMenuItem, dispatch_uid="pc-menu-item-deleted")
    post_save.connect(sites.sites_changed, sender=Site, dispatch_uid="cms-site-saved")
    post_delete.connect(sites.sites_changed, sender=Site, dispatch_uid="cms-site-deleted")
