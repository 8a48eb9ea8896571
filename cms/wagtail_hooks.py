"""Wagtail hooks of the CMS: the product and startup choosers of the blocks, and the page being
served, for the header's language links (cms.context_processors)."""

from wagtail import hooks

from cms.choosers import product_chooser, startup_chooser


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser, startup_chooser]


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The shared header links this page's own versions in each language, not a guessed
    address (``cms.translation.page_language_links``)."""
    request.cms_page = page
