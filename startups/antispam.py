"""The rules against spam for every form a stranger can send a startup: interest (leads), the
expo booth's contact form, pitch questions. One place, so each form refuses the same things
with the same words.

- Rate limits per client address and per account (``rate_limit_check``), counted in the
  shared cache in fixed windows, as the stock alerts are (``shop.views``): a refusal answers
  429 and says how long to wait. If the cache is down, senders are let through: a lost
  message costs more than a little spam, and the other rules still hold.
- A honeypot field (``HoneypotField``, ``honeypot_check``): hidden from people, filled in by
  programs that fill in every field.
- No links in messages of senders who are not signed in (``links_check``): ``http(s)://``,
  ``www.`` and bare domains such as ``abc.com``; e-mail addresses are not links.
- The same message from the same sender to the same recipient within a day is refused
  (``fingerprint``, ``duplicate_check``).

Each refusal is a ``Refused`` whose ``reason`` the sender reads, in their language.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django import forms
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.text import fold_vietnamese

logger = logging.getLogger(__name__)

HOUR = 3600
DAY = 24 * HOUR
DUPLICATE_WINDOW = timedelta(hours=24)
HONEYPOT_FIELD = "company_website"


class Refused(Exception):
    """A message not accepted; ``reason`` says why, ``status`` is the HTTP answer."""

    status = 400

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


class RateLimited(Refused):
    status = 429


# --- who is sending -----------------------------------------------------------------------


def client_address(request) -> str:
    """The client's address as the login throttle sees it (proxies per ``AXES_PROXY_COUNT``)."""
    return get_client_ip_address(request) or "unknown"


# --- rate limits --------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """At most ``count`` messages in a window of ``seconds``."""

    count: int
    seconds: int


def _window_text(seconds: int) -> str:
    if seconds == HOUR:
        return gettext("an hour")
    if seconds == DAY:
        return gettext("a day")
    minutes = max(1, seconds // 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def _wait_text(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))  # rounded up: "1 minute" rather than "0 minutes"
    if minutes <= 90:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = -(-minutes // 60)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def _count(key: str, limit: Limit, now: float) -> int | None:
    """Count one message under ``key`` in the current window; seconds left in the window
    when that is beyond the limit, else None. A cache outage counts nothing."""
    window = int(now // limit.seconds)
    full_key = f"antispam:{key}:{limit.seconds}:{window}"
    try:
        cache.add(full_key, 0, limit.seconds + 60)
        sent = cache.incr(full_key)
    except Exception:  # any cache error: degrade to allowing, never refuse
        logger.warning("antispam: cache unavailable, %s not counted", key, exc_info=True)
        return None
    if sent <= limit.count:
        return None
    return int((window + 1) * limit.seconds - now)


def rate_limit_check(
    *,
    scope: str,
    address: str,
    user=None,
    per_address: Limit,
    per_account: Limit | None = None,
    now: float | None = None,
) -> None:
    """Count one message of ``scope`` (e.g. "leads") from ``address`` and, when signed in,
    from ``user``'s account; raise ``RateLimited`` when either is over its limit."""
    now = time.time() if now is None else now
    left = _count(f"{scope}:ip:{address}", per_address, now)
    if left is not None:
        raise RateLimited(
            gettext(
                "Too many messages were sent from this connection: at most %(limit)d in "
                "%(window)s. Nothing was sent; please try again in %(wait)s."
            )
            % {
                "limit": per_address.count,
                "window": _window_text(per_address.seconds),
                "wait": _wait_text(left),
            },
            "rate_address",
        )
    if per_account is None or user is None or not user.is_authenticated:
        return
    left = _count(f"{scope}:user:{user.pk}", per_account, now)
    if left is not None:
        raise RateLimited(
            gettext(
                "You have sent too many messages from your account: at most %(limit)d in "
                "%(window)s. Nothing was sent; please try again in %(wait)s."
            )
            % {
                "limit": per_account.count,
                "window": _window_text(per_account.seconds),
                "wait": _wait_text(left),
            },
            "rate_account",
        )


# --- honeypot -----------------------------------------------------------------------------


class HoneypotField(forms.CharField):
    """A field people never see (the template hides it) and programs fill in; name it
    ``HONEYPOT_FIELD`` in the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault("strip", False)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        super().__init__(**kwargs)


def honeypot_check(value) -> None:
    if value:
        raise Refused(
            gettext(
                "This message was not sent: the hidden field “Leave this field empty” was "
                "filled in, as automatic senders do. Please leave it empty and send again."
            ),
            "honeypot",
        )


# --- links --------------------------------------------------------------------------------

# Top-level domains spam uses, and Viet Nam's; not every one there is, and not words that a
# sentence missing its space after a full stop would join ("...tot.Shop"), nor abbreviations
# such as "TP.HCM" or "Q.1". Labels are ASCII, so "tốt.Top" is a typo, not an address.
_TLDS = (
    "com|net|org|info|biz|vn|io|co|me|ly|gl|cc|tk|ml|ga|cf|gq|xyz|top|site|app|dev|pro|tv|"
    "ws|ai|asia|club|icu|vip|tech|website|ru|cn|us|uk|de|fr|jp|kr|eu|mobi|gov|edu|su|pw|buzz"
)
_LINK = re.compile(
    r"(?:https?\s*:\s*//|\bwww\s*\.\s*[a-z0-9])"  # a scheme, or www.
    rf"|(?<![\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:{_TLDS})(?![\w-])",  # abc.com, a.abc.vn
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def has_link(text: str) -> bool:
    """True when ``text`` holds a web address; e-mail addresses do not count."""
    return bool(_LINK.search(_EMAIL.sub(" ", text or "")))


def links_check(*texts: str, signed_in: bool) -> None:
    """Refuse links in the texts of a sender who is not signed in."""
    if signed_in or not any(has_link(text) for text in texts):
        return
    raise Refused(
        gettext(
            "Links are not accepted from visitors who are not signed in. Please remove the "
            "web address (or sign in) and send again."
        ),
        "link",
    )


# --- duplicates ---------------------------------------------------------------------------


def _normal(text) -> str:
    return " ".join(fold_vietnamese(str(text or "")).split())


def fingerprint(*parts) -> str:
    """One value for the same message: the parts (recipient, sender, text) compared without
    case, accents or spacing."""
    joined = "\x1f".join(_normal(part) for part in parts)
    return hashlib.sha256(joined.encode()).hexdigest()


def duplicate_check(*, queryset, fingerprint: str, now=None) -> None:
    """Refuse a message whose fingerprint ``queryset`` (rows with ``fingerprint`` and
    ``created`` fields) holds from the last 24 hours."""
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    if queryset.filter(fingerprint=fingerprint, created__gte=since).exists():
        raise Refused(
            gettext("You sent this same message less than a day ago; it was not sent again."),
            "duplicate",
        )
