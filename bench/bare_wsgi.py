"""The "limit" of the site benchmark: the same Django, settings and middleware as the site
(``bench.settings_production``), but one bare view that answers a fixed page of a given size
(``/bare/<bytes>/``) without touching the database or a template.

    gunicorn bench.bare_wsgi:application --workers 2

``bench/bench_site.py`` compares each page's throughput with this view's at the page's size.
"""

import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_production")

_PAGES: dict[int, bytes] = {}


def bare(request, size: int):
    body = _PAGES.get(size)
    if body is None:
        head, tail = b"<!doctype html><html><body><p>", b"</p></body></html>"
        body = head + b"x" * max(0, size - len(head) - len(tail)) + tail
        _PAGES[size] = body
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bare/<int:size>/", bare)]

application = get_wsgi_application()

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = __name__  # this module's one URL instead of the site's
