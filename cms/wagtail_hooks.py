"""Wagtail admin hooks of the CMS: the product and startup choosers of the blocks."""

from wagtail import hooks

from cms.choosers import product_chooser, startup_chooser


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser, startup_chooser]
