"""Cached public pages and product cards, kept right by version tokens.

A public page depends on four kinds of things, each with a token in the cache:

- ``site``: what every page shows around its content (the product groups in the header, the
  home page's text, sellers' names and status, provinces). Rare changes, so one token;
- ``index``: which products a listing holds and in which order (the search index);
- ``product:<id>``: one product as a page or a card shows it (title, price, stock, pictures,
  certificate, marketplace links);
- ``catalogue``: any product changed. Listing pages depend on it rather than on each of their
  products: a product change is followed within seconds by an index update, which makes every
  listing stale anyway, and a page hit then checks three tokens, not twenty-six. Product pages
  and cards depend on their own product only.

A change replaces the tokens it touches once its transaction commits (``bump``). A cached page
or card records the tokens it was made under and is used only while every one of them is
unchanged: no list of pages to purge is kept anywhere, and a price change makes the next
request for any page showing that product render afresh.

Tokens are read before the data they guard (a page notes its tokens, then queries) and
replaced after the change commits, so a page may be rendered from new data under an old token
(it is rendered again next time) but is never cached from old data under a new token. A token
missing from the cache (evicted, a fresh cache) is made anew, which invalidates everything
that depended on it. Tokens are random, never counters, so an evicted token cannot come back
with a value an old entry recorded.

Only anonymous visitors get whole cached pages; what differs between them (the CSRF token,
the mini-basket in the header) are holes filled per request. Signed-in users get the per-card
cache. Every cache error is logged and treated as a miss: the cache can make pages faster,
never make them fail.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

SITE = "site"
INDEX = "index"
CATALOGUE = "catalogue"
TOKEN_PREFIX = "pc:t:"
PAGE_PREFIX = "pc:page:"
CARD_PREFIX = "pc:card:"
# Holes in a cached page, filled for each request.
CSRF_HOLE = "__pc_csrf_hole__"
BASKET_HOLE = "<!--pc:mini-basket-->"
CSRF_HOLE_BYTES, BASKET_HOLE_BYTES = CSRF_HOLE.encode(), BASKET_HOLE.encode()
MINI_BASKET_TEMPLATE = "includes/mini_basket.html"

_recording: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "page_cache_recording", default=None
)


def product_key(pk) -> str:
    return f"product:{int(pk)}"


def page_seconds() -> int:
    """How long a cached page or card may live at most (a bound on staleness should a token
    replacement ever be lost, e.g. while the cache server was unreachable)."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def enabled() -> bool:
    return page_seconds() > 0


def _salt() -> str:
    """Part of every page and card key: the release (a deploy starts with fresh pages, whose
    static file names may have changed), the language and the day (certificates lapse at
    midnight)."""
    release = getattr(settings, "RELEASE", "")
    return f"{release}|{get_language() or settings.LANGUAGE_CODE}|{timezone.localdate():%Y%m%d}"


# --- tokens -------------------------------------------------------------------------------


def tokens(keys: Iterable[str]) -> dict[str, str]:
    """The current token of each key, made (and stored) for keys that have none yet."""
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    found = cache.get_many([TOKEN_PREFIX + k for k in keys])
    out = {}
    for key in keys:
        value = found.get(TOKEN_PREFIX + key)
        if value is None:
            value = uuid.uuid4().hex
            if not cache.add(TOKEN_PREFIX + key, value, timeout=None):
                value = cache.get(TOKEN_PREFIX + key) or value  # another request made it first
        out[key] = value
    return out


# Token prefix -> what else a change of such a token changes: a page that shows many things
# of one kind through one owner (an expo's lobby: the startups of its 200 booths) depends on
# the owner's token alone, which their changes replace too. A hit then checks one token, not
# two hundred.
_ALSO: dict[str, Callable[[list[str]], Iterable[str]]] = {}


def bump_also(prefix: str, derive: Callable[[list[str]], Iterable[str]]) -> None:
    """When tokens starting with ``prefix`` are replaced, so are ``derive(those keys)``
    (asked after the commit, so it reads what was committed)."""
    _ALSO[prefix] = derive


def _derived(keys: list[str]) -> list[str]:
    more = []
    for prefix, derive in _ALSO.items():
        mine = [k for k in keys if k.startswith(prefix)]
        if mine:
            try:
                more.extend(derive(mine))
            except Exception:
                logger.exception("Could not find the tokens that follow %s", mine[:20])
                more.append(SITE)  # unknown followers: everything renders afresh
    return more


def _replace(keys: list[str]) -> None:
    keys = list(dict.fromkeys([*keys, *_derived(keys)]))
    try:
        cache.set_many({TOKEN_PREFIX + k: uuid.uuid4().hex for k in keys}, timeout=None)
    except Exception:
        logger.exception("Could not invalidate cached pages for %s", keys[:20])


def bump(*keys: str, using: str | None = None) -> None:
    """Invalidate what depends on ``keys`` once the current transaction commits (at once
    outside one; never if it rolls back)."""
    keys = [k for k in dict.fromkeys(keys) if k]
    if keys:
        transaction.on_commit(lambda: _replace(keys), using=using, robust=True)


def bump_products(ids: Iterable, *, using: str | None = None) -> None:
    keys = [product_key(pk) for pk in ids if pk is not None]
    if keys:
        bump(CATALOGUE, *keys, using=using)


def note(*keys: str) -> None:
    """Record that the page being cached depends on ``keys``; call it *before* reading the
    data they guard. Outside a cached render it does nothing."""
    recorded = _recording.get()
    if recorded is None:
        return
    new = [k for k in keys if k not in recorded]
    if new:
        try:
            recorded.update(tokens(new))
        except Exception:
            logger.exception("Page cache tokens unreadable; this page will not be cached")
            recorded["!"] = "unusable"


def note_products(ids: Iterable) -> None:
    note(*(product_key(pk) for pk in ids))


# --- whole pages for anonymous visitors ---------------------------------------------------


def _request_cacheable(request) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return False
    from django.contrib.messages import get_messages

    return len(get_messages(request)) == 0  # len() reads them without using them up


def _page_key(request) -> str:
    digest = hashlib.sha1(f"{_salt()}|{request.get_full_path()}".encode()).hexdigest()
    return PAGE_PREFIX + digest


def is_cache_render(request) -> bool:
    return getattr(request, "_page_cache_render", False)


def _fill(request, body: bytes) -> bytes:
    """The per-request parts of a cached page: the CSRF token and the mini-basket."""
    if CSRF_HOLE_BYTES in body:
        body = body.replace(CSRF_HOLE_BYTES, get_token(request).encode())
    if BASKET_HOLE_BYTES in body:
        body = body.replace(BASKET_HOLE_BYTES, mini_basket(request).encode())
    return body


_EMPTY_BASKETS: dict[str, str] = {}


def mini_basket(request) -> str:
    """The header's basket link for this visitor. Most anonymous visitors have no basket yet
    (no basket cookie): their empty link is rendered once per language and process, without
    loading a basket."""
    has_basket = (
        request.user.is_authenticated or settings.OSCAR_BASKET_COOKIE_OPEN in request.COOKIES
    )
    basket = getattr(request, "basket", None) if has_basket else None
    if basket is not None and basket.id is not None and not basket.is_empty:
        return get_template(MINI_BASKET_TEMPLATE).render({"basket": basket})
    language = get_language() or settings.LANGUAGE_CODE
    html = _EMPTY_BASKETS.get(language)
    if html is None:
        html = _EMPTY_BASKETS[language] = get_template(MINI_BASKET_TEMPLATE).render(
            {"basket": None}
        )
    return html


def _respond(request, entry: dict) -> HttpResponse:
    response = HttpResponse(_fill(request, entry["body"]), content_type=entry["content_type"])
    response["X-Page-Cache"] = entry.get("state", "hit")
    return response


# Page key -> the tokens its entry depended on last time, per process: asked together with
# the entry, so that a page with tokens of its own (a product page shows other products) is
# checked in one cache call too. Only a hint: the entry's own record is what is checked.
_DEPS_HINTS: dict[str, tuple[str, ...]] = {}
DEPS_HINTS_MAX = 20_000


def _deps_hint(key: str, deps: Iterable[str]) -> None:
    if len(_DEPS_HINTS) >= DEPS_HINTS_MAX:
        _DEPS_HINTS.clear()
    _DEPS_HINTS[key] = tuple(deps)


def _entry_if_current(key: str, known: list[str]) -> tuple[dict | None, dict[str, str]]:
    """The cached entry ``key`` if every token it was made under is unchanged, and the current
    tokens of ``known``. The entry and the tokens it is likely to need come in one cache call;
    a second is made only for tokens not foreseen."""
    known = list(dict.fromkeys([*known, *_DEPS_HINTS.get(key, ())]))
    found = cache.get_many([key, *(TOKEN_PREFIX + k for k in known)])
    current = {k: found[TOKEN_PREFIX + k] for k in known if TOKEN_PREFIX + k in found}
    entry = found.get(key)
    if entry is None:
        return None, current
    deps = entry["deps"]
    missing = [k for k in deps if k not in current]
    if missing:
        current.update(tokens(missing))
        _deps_hint(key, deps)
    return (entry if all(current.get(k) == v for k, v in deps.items()) else None), current


def cached_page(
    request,
    render: Callable[[], HttpResponse],
    *,
    keys: Iterable[str] = (),
    on_hit: Iterable[tuple[str, tuple]] = (),
) -> HttpResponse:
    """The response of ``render()``, from the cache when nothing it depends on has changed.

    ``keys``: tokens the page depends on besides ``site`` (noted before ``render`` runs; the
    page's code notes more, such as the products it shows, with ``note``). ``on_hit``: what
    the view does on every request besides answering, as ``(action, args)`` of
    ``hit_action``: an early hit (``EarlyHitMiddleware``) does it for the view. Only a 200
    HTML response that set no cookie and left no message is kept."""
    if not _request_cacheable(request):
        return render()
    key = _page_key(request)
    known = [SITE, CATALOGUE, *keys]
    try:
        entry, current = _entry_if_current(key, known)
        if entry is not None:
            return _respond(request, entry)
        needed = [SITE, *keys]  # read with the entry already, unless never made yet
        recorded = {k: current[k] for k in needed if k in current}
        recorded.update(tokens([k for k in needed if k not in recorded]))
    except Exception:
        logger.exception("Page cache unreadable; rendering %s", request.path)
        return render()

    reset = _recording.set(recorded)
    request._page_cache_render = True
    try:
        response = render()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    finally:
        _recording.reset(reset)
        request._page_cache_render = False

    if not _storable(request, response) or "!" in recorded:
        if CSRF_HOLE_BYTES in response.content or BASKET_HOLE_BYTES in response.content:
            response.content = _fill(request, response.content)
        return response
    entry = {
        "deps": recorded,
        "body": response.content,
        "content_type": response["Content-Type"],
        "on_hit": list(on_hit),
    }
    _deps_hint(key, recorded)
    try:
        cache.set(key, entry, page_seconds())
    except Exception:
        logger.exception("Could not store %s in the page cache", request.path)
    return _respond(request, {**entry, "state": "miss"})


def do_not_store(request) -> None:
    """This response is not to be cached (e.g. a page made without the search server, which
    must not outlive its outage)."""
    request._page_cache_skip = True


def _storable(request, response) -> bool:
    from django.contrib.messages import get_messages

    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(request, "_page_cache_skip", False)
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and "no-store" not in response.get("Cache-Control", "")
        and len(get_messages(request)) == 0
    )


class CachedPageMixin:
    """For class-based views whose GET renders a public page: ``page_cache_keys()`` gives
    the tokens known before rendering (from the URL)."""

    def page_cache_keys(self) -> list[str]:
        return []

    def page_cache_on_hit(self) -> list[tuple[str, tuple]]:
        """What an early hit does for this view (``cached_page``'s ``on_hit``)."""
        return []

    def dispatch(self, request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return super().dispatch(request, *args, **kwargs)
        return cached_page(
            request,
            lambda: super(CachedPageMixin, self).dispatch(request, *args, **kwargs),
            keys=self.page_cache_keys(),
            on_hit=self.page_cache_on_hit(),
        )


# --- the early hit -------------------------------------------------------------------------
# Most requests for public pages come from visitors with no session, no messages and no
# basket. Their hit is answered by a middleware, before URL resolution, the view and the
# request's transaction (two statements on every atomic request): what is left is what the
# bare view does plus one cache call and the holes. Everyone else, and every miss, goes on to
# the view, whose ``cached_page`` answers or renders and stores the page as before.

_HIT_ACTIONS: dict[str, Callable] = {}


def hit_action(name: str, action: Callable) -> None:
    """``action(*args)`` is what a view's ``on_hit`` entry ``(name, args)`` does (registered
    by the app that owns it, e.g. the catalogue's view counter)."""
    _HIT_ACTIONS[name] = action


def _early_hit_allowed(request) -> bool:
    from django.contrib.messages.storage.cookie import CookieStorage

    cookies = request.COOKIES
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies  # no sign-in, no session messages
        and CookieStorage.cookie_name not in cookies
        and settings.OSCAR_BASKET_COOKIE_OPEN not in cookies  # the empty mini-basket
    )


def early_hit(request) -> HttpResponse | None:
    """The cached page of this address when it is current, with its view's ``on_hit`` done;
    None otherwise (the view then answers)."""
    if not _early_hit_allowed(request):
        return None
    key = _page_key(request)
    try:
        entry, _current = _entry_if_current(key, [SITE, CATALOGUE])
    except Exception:
        logger.exception("Page cache unreadable; %s goes to its view", request.path)
        return None
    if entry is None:
        return None
    for name, args in entry.get("on_hit", ()):
        try:
            _HIT_ACTIONS[name](*args)
        except Exception:
            logger.exception("On-hit action %s failed for %s", name, request.path)
    return _respond(request, entry)


class EarlyHitMiddleware:
    """The last of the site's middleware (only axes, which acts on logins, follows):
    ``early_hit`` before the URL is resolved. Every middleware above it still handles the
    response (security headers, the CSRF cookie, the language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = early_hit(request)
        return response if response is not None else self.get_response(request)


def context(request) -> dict:
    """Template context processor: while a page is rendered for the cache, its CSRF token is a
    hole (overriding Django's built-in processor, which runs first) and so is the
    mini-basket."""
    if is_cache_render(request):
        return {"csrf_token": CSRF_HOLE, "mini_basket_hole": BASKET_HOLE}
    return {}


# --- values that hold until a token changes (facet counts, type-ahead, an expo's beacon plan)


def guarded_cached(key: str, guard: str) -> tuple[object | None, str | None]:
    """The value stored under ``key`` while the token of ``guard`` is as it was then (None if
    there is none or the guard was bumped since), and the token to store a fresh one under;
    the two come in one cache call. (None, None) when the page cache is off or the cache
    cannot be read: then compute the value and do not store it."""
    if not enabled():
        return None, None
    try:
        found = cache.get_many([key, TOKEN_PREFIX + guard])
        token = found.get(TOKEN_PREFIX + guard) or tokens([guard])[guard]
    except Exception:
        logger.exception("Cache unreadable for %s", key)
        return None, None
    stored = found.get(key)
    if stored is not None and stored["token"] == token:
        return stored["value"], token
    return None, token


def guarded_store(key: str, token: str | None, value) -> None:
    """Keep ``value`` under ``key`` for the guard's ``token`` (from ``guarded_cached``)."""
    if token is None:
        return
    try:
        cache.set(key, {"token": token, "value": value}, page_seconds())
    except Exception:
        logger.exception("Could not store %s", key)


def index_cached(key: str) -> tuple[object | None, str | None]:
    """``guarded_cached`` under the search index's token."""
    return guarded_cached(key, INDEX)


index_store = guarded_store


# --- product cards ------------------------------------------------------------------------


def cards(products: list, render_one: Callable[[object], str]) -> list[str]:
    """Each product's card HTML, cached per product under its own token and the site's: a
    listing re-renders only the cards whose product changed."""
    if not products or not enabled():
        return [render_one(p) for p in products]
    try:
        current = tokens([SITE, *(product_key(p.pk) for p in products)])
        salt = _salt()
        keys = [
            f"{CARD_PREFIX}{p.pk}:"
            + hashlib.sha1(
                f"{salt}|{current[SITE]}|{current[product_key(p.pk)]}".encode()
            ).hexdigest()[:16]
            for p in products
        ]
        found = cache.get_many(keys)
    except Exception:
        logger.exception("Card cache unreadable")
        return [render_one(p) for p in products]
    out, fresh = [], {}
    for product, key in zip(products, keys, strict=True):
        html = found.get(key)
        if html is None:
            html = fresh[key] = render_one(product)
        out.append(html)
    if fresh:
        try:
            cache.set_many(fresh, page_seconds())
        except Exception:
            logger.exception("Could not store product cards")
    return out
