"""Error pages in the site's own look (Oscar's and Wagtail's pages share one layout)."""

from django.shortcuts import render


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Keep this template free of database lookups: the database may be the failure.
    return render(request, "500.html", status=500)
