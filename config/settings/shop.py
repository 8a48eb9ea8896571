"""django-oscar settings: VND, Vietnamese addresses, Oscar mounted under /shop/."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

OSCAR_SHOP_NAME = "Chợ OCOP Thanh niên"
OSCAR_SHOP_TAGLINE = _("Youth startup and OCOP products")
OSCAR_DEFAULT_CURRENCY = "VND"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_ANON_REVIEWS = False
# Product reviews are closed (their URLs answer 404, the dashboard's review pages go too):
# nobody moderates them and nothing shows them; reopen with a moderation desk.
# Wish lists are closed too: no page of ours offers them, and Oscar's "add to wish list" read
# any product by id and named it in its message, a draft's title included.
OSCAR_HIDDEN_FEATURES = ["reviews", "wishlists"]
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MAX_BASKET_QUANTITY_THRESHOLD = 50
OSCAR_HOMEPAGE = "/"
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "country", "phone_number")
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Being processed", "Cancelled"),
    "Being processed": ("Shipped", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_GOOGLE_ANALYTICS_ID = None
OSCAR_SEARCH_FACETS = {"fields": {}, "queries": {}}
THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"
OSCAR_SLUG_FUNCTION = "core.text.vn_slugify"
OSCAR_DYNAMIC_CLASS_LOADER = "search.oscar_loading.class_loader"

# Oscar's menu plus our pages: bulk import, the seller's shop page, the marketplace click report,
# what is owed.
import copy  # noqa: E402

from oscar.defaults import OSCAR_DASHBOARD_NAVIGATION as _OSCAR_NAV  # noqa: E402

OSCAR_DASHBOARD_NAVIGATION = copy.deepcopy(_OSCAR_NAV)
for _section in OSCAR_DASHBOARD_NAVIGATION:
    if _section.get("url_name") is None and _section.get("icon") == "fas fa-sitemap":
        _section["children"] += [
            {
                "label": _("Import products"),
                "url_name": "dashboard:product-import",
            },
            {
                "label": _("Your shop page"),
                "url_name": "dashboard:seller-page",
            },
            {
                "label": pgettext_lazy("dashboard menu", "Marketplace clicks"),
                "url_name": "dashboard:marketplace-clicks",
            },
        ]
    if _section.get("url_name") is None and _section.get("icon") == "fas fa-shopping-cart":
        _section["children"] += [
            {
                "label": _("Owed to sellers"),
                "url_name": "dashboard:payments-owed",
            },
        ]
# Oscar's page dashboard is gone (issue 15: Wagtail is the one page system): no "Pages" entry.
for _section in OSCAR_DASHBOARD_NAVIGATION:
    if "children" in _section:
        _section["children"] = [
            child
            for child in _section["children"]
            if child.get("url_name") != "dashboard:page-list"
        ]
# The seller's startup (issue 13): its profile, pitches, the interest it received, and the QR
# posters and cashless-stall card. Oscar shows each entry only to those the dashboard's access
# table lets open it (shop.dashboard.access).
OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Startup"),
        "icon": "fas fa-rocket",
        "children": [
            {"label": _("Startup profile"), "url_name": "dashboard:startup-edit"},
            {"label": _("Pitches"), "url_name": "dashboard:pitch-list"},
            {"label": _("Interest received"), "url_name": "dashboard:lead-list"},
            {"label": _("QR posters"), "url_name": "dashboard:qr-posters"},
        ],
    }
)
# The seller's expo booths (issue 14): apply, edit, answer questions, follow up leads, figures.
OSCAR_DASHBOARD_NAVIGATION.append(
    {
        "label": _("Expos"),
        "icon": "fas fa-store",
        "children": [
            {"label": _("My expo booths"), "url_name": "dashboard:booth-list"},
        ],
    }
)
