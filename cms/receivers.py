"""A published or unpublished Wagtail page changes what every page shows around its content
(the menu, the home page's text): it invalidates the page cache's site token."""

from wagtail.signals import page_published, page_unpublished

from core import pagecache


def page_changed(sender, **kwargs):
    pagecache.bump(pagecache.SITE)


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="pc-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="pc-page-unpublished")
