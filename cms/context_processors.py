"""What the shared header and footer need on every page: language links and the OCOP
product groups for the navigation. On a CMS page the language links lead to that page's
own versions and an untranslated copy says so (cms/translation.py)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from catalog.selectors import request_product_groups
from cms import translation


def site_chrome(request):
    current = get_language() or settings.LANGUAGE_CODE
    page = getattr(request, "cms_page", None)  # set by cms.wagtail_hooks when Wagtail serves
    if page is not None:
        links, untranslated = translation.page_versions(page, request)
    else:
        links, untranslated = translation.prefix_links(request, current), None
    return {
        "language_links": links,
        "current_language": current,
        "untranslated": untranslated,
        "nav_groups": SimpleLazyObject(lambda: request_product_groups(request)),
    }
