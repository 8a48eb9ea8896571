"""The site's public address: one setting (``SITE_URL``) for every absolute link.

E-mails are read outside the site, so their links cannot be relative; they are built here from
``settings.SITE_URL`` and nowhere else. Oscar and Django read the address from the Site record
of django.contrib.sites (password reset, stock alerts): ``site_sync`` keeps that record's
domain and name in step with the setting after every ``migrate`` (the run command and every
deployment migrate before serving), so no e-mail can point at Django's ``example.com``.

Lowest layer on purpose: every app (catalog, shop, startups, cms) may import it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site

SITE_NAME = "Chợ OCOP Thanh niên"


def site_url() -> str:
    """``SITE_URL`` without a trailing slash, e.g. ``https://choocop.vn``."""
    return settings.SITE_URL.rstrip("/")


def site_domain() -> str:
    """Host and port of ``SITE_URL`` (what the Site record's ``domain`` holds)."""
    return urlsplit(site_url()).netloc


def absolute_url(path: str) -> str:
    """The absolute address of a path of our site; "" for no path. Full URLs are refused."""
    if not path:
        return ""
    if "://" in path or path.startswith("//"):
        raise ValueError(f"absolute_url takes a path of this site, not {path!r}")
    return site_url() + ("" if path.startswith("/") else "/") + path


def site_sync(**_kwargs) -> None:
    """Make the Site record (``SITE_ID``) name ``SITE_URL``'s host; a post_migrate receiver."""
    domain = site_domain()
    name = getattr(settings, "OSCAR_SHOP_NAME", "") or SITE_NAME
    site, created = Site.objects.get_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": name}
    )
    if not created and (site.domain, site.name) != (domain, name):
        site.domain, site.name = domain, name
        site.save(update_fields=["domain", "name"])
    Site.objects.clear_cache()
