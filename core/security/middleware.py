"""Response headers: the Content-Security-Policy (strict on the site, relaxed in the admin
areas whose vendor templates carry inline scripts) and ``no-store`` on secret-link pages."""

import re

from csp.constants import UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

# Oscar's dashboard, Wagtail's admin and Django's admin are written with inline scripts and
# event attributes: there, scripts from our own origin and inline ones run, nothing from
# elsewhere. They are reached only by signed-in staff, sellers and editors.
ADMIN_PATHS = re.compile(r"^/(?:en/)?(?:shop/dashboard/|cms-admin/|django-admin/)")

# Pages reachable with a secret in the address (the order's hash) or showing one person's
# order: never kept by a browser's or a proxy's cache, so the back button on a shared
# computer or a proxy cannot show them to someone else.
SECRET_VIEWS = {"checkout:thank-you", "password-reset-confirm"}
SECRET_NAMESPACES = ("orders:", "customer:order", "payments:")


class SitePolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and ADMIN_PATHS.match(request.path_info):
            relaxed = {"script-src": ["'self'", UNSAFE_INLINE, UNSAFE_EVAL]}
            parts.replace = {**relaxed, **(parts.replace or {})}
            parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
        return parts

    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        name = match.view_name if match else ""
        if name in SECRET_VIEWS or name.startswith(SECRET_NAMESPACES):
            response["Cache-Control"] = "private, no-store"
        return super().process_response(request, response)
