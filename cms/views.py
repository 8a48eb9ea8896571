"""The home page's way in, and error pages in the site's own look (Oscar's and Wagtail's
pages share one layout)."""

from django.http import Http404
from django.shortcuts import render
from wagtail.views import serve as wagtail_serve

from core import pagecache


def home(request):
    """``/``: from the page cache before Wagtail routes the request (finding the site and the
    page costs five queries a visit). Wagtail serves it on a miss, so the page is still the
    site's root page as edited in the CMS."""
    return pagecache.cached_page(
        request, lambda: wagtail_serve(request, ""), keys=[pagecache.INDEX]
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep this template free of database lookups: the database may be the failure.
    return render(request, "500.html", status=500)


def closed_feature(request, *args, **kwargs):
    """Oscar features the site does not offer (wish lists, which would show other people's lists by id); Oscar's customer app
    wires their URLs itself, whatever ``OSCAR_HIDDEN_FEATURES`` says."""
    raise Http404
