"""The Wagtail site that answers a request, without a query on every request.

Wagtail finds it by host and port each time (``Site.find_for_request``: one query with a
``CASE`` ordering, about 2 ms of the home page's uncached render). The answer per host and
port is kept in the shared cache with the root page's translation key (how the home page is
found in each language, ``cms.views``) until any site is saved or deleted (``cms.receivers``
calls ``sites_changed``). The site is kept without its root page: a page that needs it reads
it fresh.
"""

from __future__ import annotations

import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site

logger = logging.getLogger(__name__)

VERSION_KEY = "cms:sites:version"
SECONDS = 24 * 3600


def _key(request) -> str | None:
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.add(VERSION_KEY, version, None)
            version = cache.get(VERSION_KEY) or version
    except Exception:
        logger.exception("The site cache is unreadable")
        return None
    host = split_domain_port(request._get_raw_host())[0]  # as Wagtail does: no host check
    return f"cms:site:{version}:{host}:{request.get_port()}"


def _bare(site: Site) -> Site:
    """A copy of the site's row alone (no root page read with it) to keep in the cache."""
    fields = [f.attname for f in Site._meta.concrete_fields]
    return Site.from_db(site._state.db, fields, [getattr(site, f) for f in fields])


def site_for_request(request) -> tuple[Site | None, str | None]:
    """The request's site and its root page's translation key; the site is also where
    Wagtail looks for it first (``request._wagtail_site``), so Wagtail asks no more."""
    if hasattr(request, "_wagtail_site"):
        site = request._wagtail_site
        return site, (site.root_page.translation_key if site is not None else None)
    key = _key(request)
    found = None
    if key is not None:
        try:
            found = cache.get(key)
        except Exception:
            logger.exception("The site cache is unreadable")
    if found is None:
        site = Site.find_for_request(request)
        found = (_bare(site), site.root_page.translation_key) if site is not None else (None, None)
        if key is not None:
            try:
                cache.set(key, found, SECONDS)
            except Exception:
                logger.exception("Could not keep the site of %s", key)
        return site, found[1]
    request._wagtail_site = found[0]
    return found


def _renew() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not renew the site cache")


def sites_changed(**kwargs) -> None:
    """Any site saved or deleted: every host's answer is read again, at once (the saving
    request) and after the commit (an answer another request kept meanwhile is the old one)."""
    _renew()
    transaction.on_commit(_renew)
