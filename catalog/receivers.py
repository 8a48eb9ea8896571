"""What a catalogue change invalidates in the page cache (``core.pagecache``).

Connected in the catalogue app's ``ready()``. Search index writes bump ``index`` (and the
written products) in ``search.services``; stock allocated by an order sends the stock record's
post_save in ``shop.order.utils``, as Oscar's own ``allocate()`` does. Wagtail pages bump the
site token in ``cms.receivers``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from oscar.core.loading import get_model

from catalog.signals import products_imported
from core import pagecache


def product_saved(sender, instance, **kwargs):
    pagecache.bump_products([instance.pk, instance.parent_id], using=kwargs.get("using"))


def product_part_saved(sender, instance, **kwargs):
    """A stock record, picture, marketplace link, category row or attribute of a product."""
    pagecache.bump_products([instance.product_id], using=kwargs.get("using"))


def product_categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:  # category.product_set changed: the products are in pk_set
        pagecache.bump_products(pk_set or [], using=kwargs.get("using"))
    else:
        pagecache.bump_products([instance.pk], using=kwargs.get("using"))


def products_were_imported(sender, product_ids, **kwargs):
    """A bulk import writes without model signals."""
    pagecache.bump_products(product_ids)


def site_changed(sender, **kwargs):
    """Categories, sellers and provinces show around every page (header, filters, names)."""
    pagecache.bump(pagecache.SITE, using=kwargs.get("using"))


def connect() -> None:
    Product = get_model("catalogue", "Product")
    parts = [
        get_model("partner", "StockRecord"),
        get_model("catalogue", "ProductImage"),
        get_model("catalogue", "MarketplaceLink"),
        get_model("catalogue", "ProductCategory"),
        get_model("catalogue", "ProductAttributeValue"),
    ]
    site = [
        get_model("catalogue", "Category"),
        get_model("partner", "Partner"),
        get_model("catalogue", "Province"),
    ]
    for signal in (post_save, post_delete):
        signal.connect(product_saved, sender=Product, dispatch_uid=f"pc-product-{signal}")
        for model in parts:
            signal.connect(
                product_part_saved, sender=model, dispatch_uid=f"pc-{model._meta.label}-{signal}"
            )
        for model in site:
            signal.connect(
                site_changed, sender=model, dispatch_uid=f"pc-{model._meta.label}-{signal}"
            )
    m2m_changed.connect(
        product_categories_changed,
        sender=Product.categories.through,
        dispatch_uid="pc-product-categories",
    )
    products_imported.connect(products_were_imported, dispatch_uid="pc-products-imported")
