"""What the shared header and footer need on every page: language links and the OCOP
product groups for the navigation."""

from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from catalog.selectors import product_groups


def site_chrome(request):
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "active": code == current,
            }
        )
    return {
        "language_links": links,
        "current_language": current,
        "nav_groups": SimpleLazyObject(lambda: list(product_groups())),
    }
