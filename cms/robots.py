"""robots.txt: crawlers may read every public page, not the private ones (the shop's
dashboard, the union's desks, the CMS and Django admin, a visitor's basket, checkout,
account and orders) nor search results with a query string (endless combinations of the
same products; every product, startup and expo is in the sitemap instead). It names the
sitemap index. Both languages' addresses are listed (English pages are under /en/)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms.seo import PRIVATE_PATHS
from core.siteurl import absolute_url

NOT_LOCALISED = ("/cms-admin/", "/django-admin/", "/i18n/", "/documents/")
SEARCHES = ("search:search", "search:suggest", "startup-directory")


def _rules() -> list[str]:
    disallow = list(NOT_LOCALISED)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            home = reverse("home")  # "/" or "/en/"
            disallow += [home + path for path in PRIVATE_PATHS]
            disallow += [reverse(name) + "?" for name in SEARCHES]
            expo_search = reverse("expo-search", kwargs={"slug": "x"})
            disallow.append(expo_search.replace("/x/", "/*/", 1) + "?")
    return list(dict.fromkeys(disallow))


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in _rules()]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap-index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
