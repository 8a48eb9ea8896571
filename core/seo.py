"""What search engines and link previews read, as plain functions: JSON-LD written safely
into a page, absolute addresses, times with their offset, the canonical address and the
language alternates of a page.

Lowest layer on purpose (no app of ours is imported): the schema builders that know our
models are in ``cms/seo.py``, the template tags in ``cms/templatetags/seo_tags.py``.
"""

import datetime
import html
import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from core.siteurl import absolute_url, site_url

SCHEMA = "https://schema.org"
DEFAULT_SHARE_IMAGE = "img/share-default.png"  # 1200 x 630, static/
SITE_LOGO = "img/logo.png"  # 512 x 512, static/
# Query parameters that make another page of the same thing (kept in canonical addresses);
# every other one (filters, sort, tracking such as ?src=qr) is dropped.
CANONICAL_PARAMS = ("page",)
DESCRIPTION_LENGTH = 300

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def jsonld_dumps(data) -> str:
    """``data`` as JSON that is safe inside a ``<script>``: ``<``, ``>`` and ``&`` are
    written as ``\\u003c``... so no text of a seller or an editor can close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.translate(_JSON_ESCAPES)


def jsonld_script(data) -> SafeString:
    """A ``<script type="application/ld+json">`` holding ``data`` ("" for no data).

    Usable by any template tag or page (the news article's JSON-LD is written with it)."""
    if not data:
        return mark_safe("")
    return mark_safe(f'<script type="application/ld+json">{jsonld_dumps(data)}</script>')


def plain_text(value, limit: int = DESCRIPTION_LENGTH) -> str:
    """Rendered HTML or text as one line of plain text (tags gone, entities read, spaces
    collapsed), cut at a word before ``limit`` characters."""
    text = re.sub(r"\s+", " ", html.unescape(strip_tags(str(value or "")))).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"
    return text


def absolute(url) -> str:
    """An absolute address for a path of our site, a stored file's URL or a static file's:
    full URLs (media on another host) are kept, ``//host/x`` gets the site's scheme."""
    url = str(url or "")
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        return url
    if url.startswith("//"):
        return f"{urlsplit(site_url()).scheme}:{url}"
    return absolute_url(url)


def static_absolute(path: str) -> str:
    return absolute(static(path))


def default_share_image() -> str:
    return static_absolute(DEFAULT_SHARE_IMAGE)


def site_logo() -> str:
    return static_absolute(SITE_LOGO)


def iso_datetime(value: datetime.datetime | None) -> str:
    """ISO 8601 in the site's time zone with its offset, e.g. ``2026-05-02T09:00:00+07:00``."""
    if value is None:
        return ""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value, timezone.get_default_timezone()).isoformat(timespec="seconds")


def clean_url(url: str) -> str:
    """A page's address without the query parameters that do not make another page."""
    parts = urlsplit(str(url or ""))
    kept = [(k, v) for k, v in parse_qsl(parts.query) if k in CANONICAL_PARAMS and v != "1"]
    return parts.path + (f"?{urlencode(kept)}" if kept else "")


def canonical_url(request) -> str:
    return absolute(clean_url(request.get_full_path()))


def language_alternates(language_links) -> list[dict]:
    """``[{"code", "url"}]``: the page in every language (the header's language links, their
    query strings cleaned) and ``x-default``, the Vietnamese one (the default language)."""
    alternates = [
        {"code": link["code"], "url": absolute(clean_url(link["url"]))}
        for link in language_links or ()
        if link.get("url")
    ]
    default = next((a for a in alternates if a["code"] == settings.LANGUAGE_CODE), None)
    if default:
        alternates.append({"code": "x-default", "url": default["url"]})
    return alternates


def breadcrumb_list(crumbs) -> dict:
    """A BreadcrumbList of ``(name, path or URL)`` pairs, in order; empty names are skipped
    (a crumb a page shows only sometimes)."""
    items = [
        {
            "@type": "ListItem",
            "position": position,
            "name": plain_text(name, 0),
            "item": absolute(url),
        }
        for position, (name, url) in enumerate(
            ((n, u) for n, u in crumbs if str(n or "").strip() and u), start=1
        )
    ]
    if not items:
        return {}
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": items}
