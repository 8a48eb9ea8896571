"""Links to the same product on other marketplaces ("Also on Lazada") and their click counts.

Which hosts belong to which marketplace lives in ``catalog/data/marketplaces.json``: a link's
host must equal one of them or end with ``"." + one of them`` (``www.lazada.vn`` is Lazada,
``lazada.vn.evil.com`` and ``evil-lazada.vn`` are not). Only https on the default port, without
user name or password, is accepted, so that the redirect at ``/shop/go/<id>/`` can never send a
buyer anywhere else. The database repeats the https rule as a check constraint.

This module holds the rules (hosts, addresses, crawlers, referring paths). The writes are in
``catalog.services.marketplaces``, the click report in ``catalog.selectors``. Buyers reach a
marketplace through ``catalog.views.MarketplaceRedirectView``, which records one
``MarketplaceClick`` (no personal data: only the path of our page it came from).
"""

from __future__ import annotations

import ipaddress
import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext_lazy as _

from catalog.models import Marketplace

DATA_FILE = Path(__file__).resolve().parent / "data" / "marketplaces.json"
MAX_URL_LENGTH = 500  # MarketplaceLink.url max_length
MAX_FROM_PATH_LENGTH = 300  # MarketplaceClick.from_path max_length

_HOST_RE = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
# Clients that follow links without a person behind them: crawlers, link previews, scripts.
_BOT_RE = re.compile(
    r"bot|crawl|spider|slurp|facebookexternalhit|headless|python-requests|python-urllib|"
    r"aiohttp|httpx|go-http-client|okhttp|java/|curl|wget|libwww|scrapy|preview|lighthouse|"
    r"pingdom|monitor",
    re.IGNORECASE,
)

MESSAGES = {
    "marketplace": _("Choose one of the marketplaces."),
    "required": _("Enter the product's address on %(marketplace)s."),
    "max_length": _("The address is too long: at most %(limit)d characters."),
    "whitespace": _("The address must not contain spaces or control characters."),
    "scheme": _("The address must start with https://."),
    "invalid": _("Enter a valid web address."),
    "userinfo": _("The address must not contain a user name or password."),
    "port": _("The address must not include a port number."),
    "ip": _("Use the marketplace's domain name, not an IP address."),
    "host": _("This address is not on %(marketplace)s (allowed: %(hosts)s)."),
}


@cache
def marketplace_hosts() -> dict[str, tuple[str, ...]]:
    """The allowed hosts of each marketplace, read once per process from the data file."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))["marketplaces"]
    hosts = {key: tuple(h.lower() for h in data[key]["hosts"]) for key in data}
    missing = set(Marketplace.values) - set(hosts)
    if missing:
        raise ValueError(f"{DATA_FILE.name} lists no hosts for {sorted(missing)}")
    return hosts


def host_belongs_to(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == a or host.endswith("." + a) for a in allowed)


def _error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def validate_marketplace_url(marketplace: str, url: str) -> str:
    """Return ``url`` normalised (lower-case scheme and host, no default port, ASCII) if it is
    an https address on ``marketplace``; raise ``ValidationError`` in the active language."""
    hosts = marketplace_hosts()
    if marketplace not in hosts:
        raise _error("marketplace")
    name = Marketplace(marketplace).label
    if not isinstance(url, str) or not url:
        raise _error("required", marketplace=name)
    return https_url_check(
        url,
        max_length=MAX_URL_LENGTH,
        error=_error,
        hosts=hosts[marketplace],
        host_params={"marketplace": name},
    )


def https_url_check(
    url: str,
    *,
    max_length: int,
    error,
    hosts: tuple[str, ...] | None = None,
    host_params: dict | None = None,
    local_suffixes: tuple[str, ...] = (),
) -> str:
    """``url`` normalised (lower-case host, ASCII) if it is a public https address, on one of
    ``hosts`` when given; ``error(code, **params)`` makes the ValidationError of each refusal
    (codes of ``MESSAGES``, "local" for a host under ``local_suffixes``). Shared by the
    marketplace links and the startups' links, so both refuse the same tricks."""
    if len(url) > max_length:
        raise error("max_length", limit=max_length)
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in url):
        raise error("whitespace")
    if "\\" in url:  # browsers read "\" as "/": "https://evil.com\.lazada.vn" is evil.com
        raise error("invalid")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise error("invalid") from exc
    if parts.scheme.lower() != "https":
        raise error("scheme")
    if not parts.netloc:
        raise error("invalid")
    if "@" in parts.netloc:
        raise error("userinfo")
    if port not in (None, 443):
        raise error("port")
    host = (parts.hostname or "").lower()  # "lazada.vn." is refused: not a name we list
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise error("ip")
    if local_suffixes and host_belongs_to(host, local_suffixes):
        raise error("local")
    if not _HOST_RE.fullmatch(host):
        raise error("invalid")
    if hosts is not None and not host_belongs_to(host, hosts):
        raise error("host", **(host_params or {}), hosts=", ".join(hosts))
    normalised = iri_to_uri(
        urlunsplit(("https", host, parts.path or "/", parts.query, parts.fragment))
    )
    if len(normalised) > max_length:
        raise error("max_length", limit=max_length)
    return normalised


def is_bot(user_agent: str | None) -> bool:
    return not (user_agent or "").strip() or bool(_BOT_RE.search(user_agent))


def clean_from_path(path: str | None) -> str:
    """The path of one of our pages, without query string or fragment; "" for anything else
    (an absolute URL, a scheme-relative ``//host`` address)."""
    path = (path or "").split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("/") or path.startswith("//"):
        return ""
    path = "".join(ch for ch in path if not ch.isspace() and unicodedata.category(ch)[0] != "C")
    return path[:MAX_FROM_PATH_LENGTH]


def referer_path(*, referer: str | None, host: str) -> str:
    """The path of the referring page when it is on our own site (same host and port), else ""."""
    try:
        parts = urlsplit(referer or "")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not host or parts.netloc.lower() != host.lower():
        return ""
    return clean_from_path(parts.path)
