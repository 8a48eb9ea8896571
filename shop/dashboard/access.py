"""Who may open which page of Oscar's dashboard: one table, applied to every dashboard URL.

Oscar lets partner users into some of its dashboard views and trusts each view to narrow what
they see; several did not (a seller could edit the delivery address of an order it shared with
another seller, or read whole-order statistics and CSVs). Here every URL pattern of the
dashboard, Oscar's sub-apps and our own pages included, is wrapped once when the URLs are
built (``DashboardConfig.post_process_urls``), and Oscar's permission map for our pages is
made from the same table (``oscar_permissions``), so the dashboard menu shows a page to those
who may open it:

- ``SELLER_VIEWS``: open to sellers, and each of these views shows and changes only the
  seller's own products and order lines (``shop.dashboard.orders.views``,
  ``shop.dashboard.catalogue.views``); another seller's ids answer 404.
- ``SCOPED_VIEWS``: pages shared with union officers, which decide themselves whose rows
  a user sees (the marketplace click report: staff all, an officer the sellers of their unit
  tree, a seller itself); this table only asks for a signed-in user.
- every other name, including any URL added later: staff only.
- ``OPEN_VIEWS``: the dashboard's login and logout.

A refusal is the same everywhere: a visitor who is not signed in is sent to the dashboard's
login page; a signed-in user gets 404 (a page's existence, or another seller's object, is not
confirmed), also where a view itself refuses with 403.

Our own dashboard pages are added in ``DashboardConfig.get_urls`` (or, for an app above the
shop, ``DashboardConfig.register_url``) and named in the same table.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import URLPattern, URLResolver, reverse

SELLER_VIEWS = frozenset(
    {
        "index",  # the seller's own figures (shop.dashboard.views.seller_stats)
        "catalogue-product-list",
        "catalogue-product",
        "catalogue-product-create",
        "catalogue-product-create-child",
        "catalogue-product-delete",
        "catalogue-product-bulk-action",  # own products only (Oscar filters by the partner)
        "catalogue-product-lookup",  # public products and the seller's own
        "order-list",  # orders with the seller's lines; own totals; no CSV
        "order-detail",  # the seller's lines and part only
        "order-line-detail",  # a line of the seller's
        # Ours (``DashboardConfig.get_urls``):
        "product-import",
        "product-import-template-xlsx",
        "product-import-template-csv",
        "product-submit",  # the seller's own product
        "order-part-action",  # the seller's own part of an order
        "payments-owed",  # the seller's own balance
        "seller-page",  # the seller's own shop page: its English name and story (no id)
        "startup-edit",  # the seller's own startup profile (no id: it is the seller's one)
        # The startups' pages (startups.views.*, registered from StartupsConfig.ready):
        "lead-list",  # the leads of the seller's own startup
        "lead-detail",  # a lead of the seller's own startup (another's: 404)
        "lead-export",  # every lead of the seller's own startup, CSV or XLSX
        "qr-posters",  # the posters and QR visits of the seller's own pages
        "qr-poster",  # one poster of a public page of the seller's (another's: 404)
        "booth-poster",  # the QR poster of the seller's own approved booth (another's: 404)
        "cashless-stall",  # the VietQR card of the seller's own bank account
        "pitch-list",  # the pitches of the seller's own startup
        "pitch-create",  # a new pitch of the seller's own startup
        "pitch-edit",  # a pitch of the seller's own startup (another's: 404)
        "pitch-submit",  # send the seller's own pitch for review (POST)
        "pitch-updates",  # updates on the seller's own pitch
        "pitch-questions",  # questions on the seller's own pitch: answer, mark seen
        # Expo booths (startups.views.booths, startups.views.expo_stats):
        "booth-list",  # the seller's own booths, and the expos open for applications
        "booth-apply",  # apply for a booth of an expo open for applications
        "booth-edit",  # the seller's own booth (another's: 404)
        "booth-questions",  # questions at the seller's own booth: answer
        "booth-presence",  # "staff online" heartbeat of the seller's own booth (POST)
        "booth-leads",  # the leads of the seller's own booth
        "followup-create",  # one follow-up message to the leads of the seller's own booth
        "booth-numbers",  # the figures of the seller's own booth
        "booth-numbers-export",  # the same, CSV or XLSX
    }
)
OPEN_VIEWS = frozenset({"login", "logout"})
# Pages that decide themselves what each signed-in user sees: the marketplace click report
# shows staff everything, officers their unit tree, sellers their own products.
SCOPED_VIEWS = frozenset({"marketplace-clicks"})


SELLER_PERMISSION = "partner.dashboard_access"


def is_seller_user(user) -> bool:
    """A signed-in account that runs a seller's shop (given when its application is approved)."""
    return user.is_active and user.has_perm(SELLER_PERMISSION)


def may_open(user, name: str | None) -> bool:
    """May this signed-in user open the dashboard page called ``name``?"""
    if user.is_staff or name in OPEN_VIEWS or name in SCOPED_VIEWS:
        return True
    return name in SELLER_VIEWS and is_seller_user(user)


def oscar_permissions() -> dict:
    """Oscar's permission map for the dashboard pages of the table: what its menu and its own
    decorator check. Scoped pages get none (they decide themselves); the guard still asks
    for a signed-in user."""
    staff_or_seller = (["is_staff"], [SELLER_PERMISSION])
    return {
        **{name: staff_or_seller for name in SELLER_VIEWS},
        **{name: None for name in SCOPED_VIEWS},
    }


def _guard(view, name):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if name not in OPEN_VIEWS and not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("dashboard:login"))
        if name in OPEN_VIEWS:
            return view(request, *args, **kwargs)
        if not user.is_active or not may_open(user, name):
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:  # one refusal for the whole dashboard
            raise Http404 from None

    guarded.dashboard_policy = name  # for the test that enumerates every dashboard URL
    return guarded


def guard_patterns(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guard_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and not hasattr(pattern.callback, "dashboard_policy"):
            pattern.callback = _guard(pattern.callback, pattern.name)
