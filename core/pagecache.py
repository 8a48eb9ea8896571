"""Cached public pages and product cards, kept right by version tokens and a change log.

A public page depends on tokens in the cache, one per thing it shows that can change:

- ``site``: what every page shows around its content (the product groups in the header, the
  home page's text, sellers' names and status, provinces). Rare changes, so one token;
- ``product:<id>``: one product as a page or a card shows it (title, price, stock, pictures,
  certificate, marketplace links). A listing depends on the products of its cards;
- the listing tokens of the search index (``index:products``, ``group:<code>``,
  ``index:popularity``, ``index:lists``, ``seller-products:<id>``; ``search.listing_cache``
  says which listing depends on which, and replaces them when an index write changes what a
  listing holds, its order or its counts), and ``index`` for the sellers' and startups';
- the community's own: ``startup:<id>``, ``expo:<id>``...

A change replaces the tokens it touches once its transaction commits (``bump``), and logs
them under the next change number (see "the change log" below). A cached page records the
keys it depends on and the change number when its render began; it is used while no change
since touched any of its keys. So a change invalidates only what it changes: the sale of one
product re-renders the pages that show it, not every listing, and a hit still reads two keys
of the cache (the page and the number) however many things the page shows.

Product cards (``cards``) and values guarded by tokens (``guarded_cached``: facet counts,
type-ahead) are keyed by the tokens themselves. Tokens are random, never counters, so an
evicted token cannot come back with a value an old entry recorded.

Anonymous visitors get whole cached pages; what differs between them (the CSRF token, the
mini-basket and the account links in the header) are holes filled per request. Signed-in
visitors other than staff share the cached pages of views that show every such visitor the
same thing (``signed_in=True``: the product page and the shop's listings), with the same holes
filled with their own basket and links; they never share entries with anonymous visitors.
Staff (who see drafts and edit links) and every other view get the per-card cache. Every
cache error is logged and treated as a miss: the cache can make pages faster, never make
them fail.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import threading
import time
import uuid
from collections import OrderedDict
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
TOKEN_PREFIX = "pc:t:"
PAGE_PREFIX = "pc:page:"
CARD_PREFIX = "pc:card:"
FRAGMENT_PREFIX = "pc:frag:"
# Holes in a cached page, filled for each request.
CSRF_HOLE = "__pc_csrf_hole__"
BASKET_HOLE = "<!--pc:mini-basket-->"
ACCOUNT_HOLE = "<!--pc:account-->"
CSRF_HOLE_BYTES, BASKET_HOLE_BYTES = CSRF_HOLE.encode(), BASKET_HOLE.encode()
ACCOUNT_HOLE_BYTES = ACCOUNT_HOLE.encode()
MINI_BASKET_TEMPLATE = "includes/mini_basket.html"
ACCOUNT_TEMPLATE = "includes/account_links.html"

_recording: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "page_cache_recording", default=None
)


# Listings made from the search index (``search.listing_cache`` says which depends on what
# and replaces them on index writes):
PRODUCTS = "index:products"  # any product listing not narrowed to OCOP groups
POPULARITY = "index:popularity"  # listings ordered by popularity
LISTS = "index:lists"  # every listing (replaced when a change cannot be placed)


def product_key(pk) -> str:
    return f"product:{int(pk)}"


def group_key(code: str) -> str:
    """Product listings narrowed to the OCOP group ``code`` (its sub-groups included)."""
    return f"group:{code}"


def seller_products_key(seller_id) -> str:
    """A seller's own product list (the seller and startup pages read it from the database;
    it is replaced when the seller's products are written to the index)."""
    return f"seller-products:{int(seller_id)}"


def listing_keys() -> list[str]:
    """What a product listing not narrowed to groups depends on besides its cards' products
    (the home's product blocks, a database listing)."""
    return [LISTS, PRODUCTS]


def page_seconds() -> int:
    """How long a cached page or card may live at most (a bound on staleness should a token
    replacement ever be lost, e.g. while the cache server was unreachable)."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 600))


def enabled() -> bool:
    return page_seconds() > 0


def whole_pages() -> bool:
    """Whole pages are cached (``PAGE_CACHE_PAGES``, on by default). Off, every page is
    rendered while the fragments (cards, counts) are still cached: what a page whose own
    content just changed costs, the rest of the site unchanged."""
    return enabled() and getattr(settings, "PAGE_CACHE_PAGES", True)


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
    _log_change(keys)


# --- the change log -----------------------------------------------------------------------
# A hit must know that none of the page's keys changed since it was made. Reading their tokens
# costs a cache call with one key per token (a listing has about thirty: its cards' products),
# so every replacement is also numbered: ``SEQ_KEY`` counts them and ``pc:log:<n>`` keeps the
# keys the n-th replaced. A page records the number current when its rendering began; while it
# is still current, nothing the page depends on can have changed, and the hit reads two keys
# (the page and the number) whatever the page shows. When it moved on, the few changes since
# are read (once per process and change: ``_VALIDATED``) and the page stays good unless one of
# them touched its keys. A missing log entry, or too many changes since, makes the page
# again: what cannot be told is taken as changed.
#
# The number moves after the commit, and a page reads it before it reads any data: a page made
# under number n saw every change up to n. A change logged after the render began makes the
# page stale whenever the page noted the key (``note`` may come after the rows are read). A
# lost number (an evicted key, a fresh cache) starts again from the clock in microseconds:
# above every number handed out before, so no old page can match it. Should the cache fail
# between a commit and its log entry, pages may be stale until they expire
# (``PAGE_CACHE_SECONDS``), as with any lost invalidation.

SEQ_KEY = "pc:seq"
LOG_PREFIX = "pc:log:"
LOG_SPAN = 128  # at most this many changes are read through; beyond, the page is made again


def _seq_start() -> int:
    return time.time_ns() // 1000


def _log_change(keys: list[str]) -> None:
    try:
        try:
            number = cache.incr(SEQ_KEY)
        except ValueError:  # no number yet, or it was evicted
            cache.add(SEQ_KEY, _seq_start(), timeout=None)
            number = cache.incr(SEQ_KEY)
        cache.set(LOG_PREFIX + str(number), frozenset(keys), max(page_seconds(), 60))
        _seen(number)
    except Exception:
        logger.exception("Could not log the change of %s", keys[:20])


def _seq_now(seq: int | None) -> int | None:
    """``seq`` as read, or a number made now when there was none (so pages made from now on
    can be checked by it)."""
    if seq is not None:
        return seq
    try:
        cache.add(SEQ_KEY, _seq_start(), timeout=None)
        return cache.get(SEQ_KEY)
    except Exception:
        logger.exception("Page cache change number unreadable")
        return None


def bump(*keys: str, using: str | None = None) -> None:
    """Invalidate what depends on ``keys`` once the current transaction commits (at once
    outside one; never if it rolls back)."""
    keys = [k for k in dict.fromkeys(keys) if k]
    if keys:
        transaction.on_commit(lambda: _replace(keys), using=using, robust=True)


def bump_products(ids: Iterable, *, using: str | None = None) -> None:
    """A change to these products: their pages and cards, and every page showing them."""
    keys = [product_key(pk) for pk in ids if pk is not None]
    if keys:
        bump(*keys, using=using)


def note(*keys: str) -> None:
    """Record that the page being cached depends on ``keys``. Outside a cached render it
    does nothing. (A change to them after the render began makes the page stale whenever it
    is noted: the page is checked against the changes logged since its render began.)"""
    recorded = _recording.get()
    if recorded is not None:
        recorded.update(k for k in keys if k)


def note_products(ids: Iterable) -> None:
    note(*(product_key(pk) for pk in ids))


# --- whole pages for anonymous visitors ---------------------------------------------------


def _request_cacheable(request, signed_in: bool = False) -> bool:
    """Anonymous visitors, and with ``signed_in`` signed-in visitors who are not staff."""
    if not whole_pages() or request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is None or (
        user.is_authenticated and (not signed_in or user.is_staff or user.is_superuser)
    ):
        return False
    from django.contrib.messages import get_messages

    return len(get_messages(request)) == 0  # len() reads them without using them up


def _page_key(request, *, member: bool = False) -> str:
    """Anonymous and signed-in visitors (``member``) have entries of their own: a page may
    differ between them beyond the holes."""
    who = "member" if member else "anonymous"
    digest = hashlib.sha1(f"{_salt()}|{who}|{request.get_full_path()}".encode()).hexdigest()
    return PAGE_PREFIX + digest


def is_cache_render(request) -> bool:
    return getattr(request, "_page_cache_render", False)


def _fill(request, body: bytes) -> bytes:
    """The per-request parts of a cached page: the CSRF token, the mini-basket and the
    account links."""
    if CSRF_HOLE_BYTES in body:
        body = body.replace(CSRF_HOLE_BYTES, get_token(request).encode())
    if BASKET_HOLE_BYTES in body:
        body = body.replace(BASKET_HOLE_BYTES, mini_basket(request).encode())
    if ACCOUNT_HOLE_BYTES in body:
        body = body.replace(ACCOUNT_HOLE_BYTES, account_links(request).encode())
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


_ANONYMOUS_LINKS: dict[str, str] = {}


def account_links(request) -> str:
    """The header's account links for this visitor: for anonymous visitors the same links in
    each language (rendered once per language and process), for a signed-in visitor their own
    (dashboard, review desk, account, the log-out form with this request's CSRF token)."""
    user = getattr(request, "user", None)
    template = get_template(ACCOUNT_TEMPLATE)
    if user is not None and user.is_authenticated:
        from django.contrib.auth.context_processors import PermWrapper

        return template.render(
            {"user": user, "perms": PermWrapper(user), "csrf_token": get_token(request)}
        )
    language = get_language() or settings.LANGUAGE_CODE
    html = _ANONYMOUS_LINKS.get(language)
    if html is None:
        html = _ANONYMOUS_LINKS[language] = template.render({"user": user})
    return html


def _respond(request, entry: dict) -> HttpResponse:
    response = HttpResponse(_fill(request, entry["body"]), content_type=entry["content_type"])
    if entry.get("cache_control"):  # what the view told browsers, e.g. the type-ahead's minute
        response["Cache-Control"] = entry["cache_control"]
    response["X-Page-Cache"] = entry.get("state", "hit")
    return response


# Page key -> (the entry's id, the change number up to which this process found it current).
_VALIDATED: dict[str, tuple[str, int]] = {}
VALIDATED_MAX = 20_000


def _validated(key: str, entry: dict, seq: int | None) -> None:
    if seq is None:
        return
    if len(_VALIDATED) >= VALIDATED_MAX:
        _VALIDATED.clear()
    _VALIDATED[key] = (entry["id"], seq)


def _still_current(key: str, entry: dict, seq: int | None) -> bool:
    """Whether no token ``entry`` depends on has been replaced since its render began
    (``seq``: the change number, read before this is asked). When that cannot be told (the
    log of a change is gone, or too many changes were made since), it has."""
    made = entry.get("seq")
    if made is None or seq is None or seq < made:
        return False
    if made == seq:
        return True
    start = made
    seen = _VALIDATED.get(key)
    if seen is not None and seen[0] == entry["id"]:
        if seen[1] == seq:
            return True
        start = max(start, seen[1])
    if seq - start > LOG_SPAN:
        return False
    wanted = [LOG_PREFIX + str(n) for n in range(start + 1, seq + 1)]
    logged = cache.get_many(wanted)
    if len(logged) < len(wanted):
        return False
    deps = entry["deps"]
    if any(not changed.isdisjoint(deps) for changed in logged.values()):
        return False
    _validated(key, entry, seq)
    return True


# Page key -> (entry, when it expires): the entries this process served lately. A hit on one
# of them reads the change number alone from the cache (a few bytes, not the page's tens of
# KB: about half the hit's time); it is still checked against every change since, as an
# entry read from the cache is, and lives no longer than that entry (``made`` +
# ``PAGE_CACHE_SECONDS``).
_LOCAL: OrderedDict[str, tuple[dict, float]] = OrderedDict()
_LOCAL_LOCK = threading.Lock()
LOCAL_MAX = 256  # pages of about 15-70 KB each: a few MB per process


def _local_get(key: str) -> dict | None:
    with _LOCAL_LOCK:
        found = _LOCAL.get(key)
        if found is None:
            return None
        if time.time() >= found[1]:
            del _LOCAL[key]
            return None
        _LOCAL.move_to_end(key)
        return found[0]


def _local_keep(key: str, entry: dict) -> None:
    made = entry.get("made")
    if made is None:
        return
    with _LOCAL_LOCK:
        _LOCAL[key] = (entry, made + page_seconds())
        _LOCAL.move_to_end(key)
        while len(_LOCAL) > LOCAL_MAX:
            _LOCAL.popitem(last=False)


def _local_forget(key: str) -> None:
    with _LOCAL_LOCK:
        _LOCAL.pop(key, None)


# The highest change number this process has read or made, and when (``time.monotonic``).
# Within ``PAGE_CACHE_LAG_MS`` of that, a visitor with no session, messages or basket (the
# early hit) is answered from this process's copy of a page without reading the number again:
# see ``early_hit``.
_SEQ_SEEN: tuple[int | None, float] = (None, 0.0)


def _seen(seq: int | None) -> None:
    global _SEQ_SEEN
    if seq is not None and (_SEQ_SEEN[0] is None or seq >= _SEQ_SEEN[0]):
        _SEQ_SEEN = (seq, time.monotonic())


def lag_seconds() -> float:
    return max(0, int(getattr(settings, "PAGE_CACHE_LAG_MS", 0))) / 1000


def _seq_lately(lag: float) -> int | None:
    seq, at = _SEQ_SEEN
    if seq is not None and lag > 0 and time.monotonic() - at < lag:
        return seq
    return None


def _entry_if_current(key: str, *, lag: float = 0) -> tuple[dict | None, int | None]:
    """The cached entry ``key`` if nothing it depends on changed since it was made, and the
    change number (read with it, in one cache call; the number alone when this process has
    the entry, or not even that when this process read it less than ``lag`` seconds ago)."""
    local = _local_get(key)
    if local is not None:
        seq = _seq_lately(lag)
        if seq is None:
            seq = cache.get(SEQ_KEY)
            _seen(seq)
        if _still_current(key, local, seq):
            return local, seq
        _local_forget(key)
    found = cache.get_many([key, SEQ_KEY])
    seq, entry = found.get(SEQ_KEY), found.get(key)
    _seen(seq)
    if entry is not None and _still_current(key, entry, seq):
        _local_keep(key, entry)
        return entry, seq
    return None, seq


def cached_page(
    request,
    render: Callable[[], HttpResponse],
    *,
    keys: Iterable[str] = (),
    on_hit: Iterable[tuple[str, tuple]] = (),
    signed_in: bool = False,
) -> HttpResponse:
    """The response of ``render()``, from the cache when nothing it depends on has changed.

    ``keys``: tokens the page depends on besides ``site`` (noted before ``render`` runs; the
    page's code notes more, such as the products it shows, with ``note``). ``on_hit``: what
    the view does on every request besides answering, as ``(action, args)`` of
    ``hit_action``: an early hit (``EarlyHitMiddleware``) does it for the view.
    ``signed_in``: the page shows every signed-in visitor who is not staff the same thing but
    for the holes (their basket, their account links), so they share cached entries too. Only
    a 200 HTML (or JSON) response that set no cookie and left no message is kept."""
    if not _request_cacheable(request, signed_in):
        return render()
    key = _page_key(request, member=request.user.is_authenticated)
    try:
        entry, seq = _entry_if_current(key)
        if entry is not None:
            return _respond(request, entry)
        seq = _seq_now(seq)  # before the data is read: a change after it is a change since
    except Exception:
        logger.exception("Page cache unreadable; rendering %s", request.path)
        return render()
    if seq is None:
        return render()
    recorded = {SITE, *keys}

    reset = _recording.set(recorded)
    request._page_cache_render = True
    try:
        response = render()
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    finally:
        _recording.reset(reset)
        request._page_cache_render = False

    if not _storable(request, response):
        if CSRF_HOLE_BYTES in response.content or BASKET_HOLE_BYTES in response.content:
            response.content = _fill(request, response.content)
        return response
    entry = {
        "id": uuid.uuid4().hex,
        "seq": seq,
        "deps": frozenset(recorded),
        "body": response.content,
        "content_type": response["Content-Type"],
        "cache_control": response.get("Cache-Control"),
        "on_hit": list(on_hit),
        "made": time.time(),
    }
    try:
        cache.set(key, entry, page_seconds())
    except Exception:
        logger.exception("Could not store %s in the page cache", request.path)
    else:
        _local_keep(key, entry)
    return _respond(request, {**entry, "state": "miss"})


def do_not_store(request) -> None:
    """This response is not to be cached (e.g. a page made without the search server, which
    must not outlive its outage)."""
    request._page_cache_skip = True


# What a cached page may be: an HTML page, or a view's JSON answer (the type-ahead).
STORED_TYPES = ("text/html", "application/json")


def _storable(request, response) -> bool:
    from django.contrib.messages import get_messages

    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(request, "_page_cache_skip", False)
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith(STORED_TYPES)
        and "no-store" not in response.get("Cache-Control", "")
        and len(get_messages(request)) == 0
    )


class CachedPageMixin:
    """For class-based views whose GET renders a public page: ``page_cache_keys()`` gives
    the tokens known before rendering (from the URL). ``page_cache_signed_in``: the view shows
    every signed-in visitor who is not staff the same page (``cached_page``'s ``signed_in``);
    a view that greets, prefills or hides anything per user leaves it False."""

    page_cache_signed_in = False

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
            signed_in=self.page_cache_signed_in,
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
        whole_pages()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies  # no sign-in, no session messages
        and CookieStorage.cookie_name not in cookies
        and settings.OSCAR_BASKET_COOKIE_OPEN not in cookies  # the empty mini-basket
    )


def early_hit(request) -> HttpResponse | None:
    """The cached page of this address when it is current, with its view's ``on_hit`` done;
    None otherwise (the view then answers).

    "Current" allows ``PAGE_CACHE_LAG_MS``: on a page this process keeps, the change number
    it read (or made) less than that ago is taken as the number now, without a cache read.
    This visitor has no session, messages or basket, so cannot have made the change that may
    be missed; a change this process made is never missed (``_log_change`` moves the number
    it knows), and every other visitor's hit reads the number."""
    if not _early_hit_allowed(request):
        return None
    key = _page_key(request)
    try:
        entry, _seq = _entry_if_current(key, lag=lag_seconds())
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
    hole (overriding Django's built-in processor, which runs first). The mini-basket and the
    account links are holes of their own tags (``core/templatetags/page_holes.py``)."""
    if is_cache_render(request):
        return {"csrf_token": CSRF_HOLE}
    return {}


# --- values that hold until a token changes (facet counts, type-ahead, an expo's beacon plan)


def guarded_cached(key: str, *guards: str) -> tuple[object | None, str | None]:
    """The value stored under ``key`` while the tokens of ``guards`` are as they were then
    (None if there is none or a guard was bumped since), and the token to store a fresh one
    under; the two come in one cache call. (None, None) when the page cache is off or the
    cache cannot be read: then compute the value and do not store it."""
    if not enabled():
        return None, None
    try:
        found = cache.get_many([key, *(TOKEN_PREFIX + g for g in guards)])
        missing = [g for g in guards if TOKEN_PREFIX + g not in found]
        made = tokens(missing) if missing else {}
        token = "|".join(found.get(TOKEN_PREFIX + g) or made[g] for g in guards)
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


# --- parts every page shares ----------------------------------------------------------------


def site_cached(name: str, compute: Callable[[], object]):
    """What every page of a language shows everyone alike until the site changes (the
    header's brand and navigation, the footer, the product groups): computed once per change
    and language instead of on every page that misses the cache. Picklable values only."""
    if not enabled():
        return compute()
    key = f"{FRAGMENT_PREFIX}{name}:" + hashlib.sha1(_salt().encode()).hexdigest()[:16]
    value, token = guarded_cached(key, SITE)
    if value is None:
        value = compute()
        guarded_store(key, token, value)
    return value


# --- product cards ------------------------------------------------------------------------


def cards(
    products: list,
    render_one: Callable[[object], str],
    *,
    load: Callable[[list], dict] | None = None,
    guards: Callable[[int], Iterable[str]] | None = None,
    prefix: str = CARD_PREFIX,
) -> list[str]:
    """Each product's card HTML, cached per product under its own token and the site's: a
    listing re-renders only the cards whose product changed. With ``load``, ``products`` are
    ids and ``load(ids)`` reads the products whose cards are not cached (a dict by id; an id
    it does not return, a product withdrawn meanwhile, has no card). Other cards (a
    startup's) name the tokens each depends on with ``guards(id)`` and keep under their own
    ``prefix``."""
    guards = guards or (lambda pk: (product_key(pk),))
    items = list(products)
    if not items:
        return []
    ids = items if load is not None else [p.pk for p in items]

    def drawn(wanted: list) -> dict:
        if load is None:
            wanted = set(wanted)
            return {p.pk: render_one(p) for p in items if p.pk in wanted}
        found = load(wanted)
        return {pk: render_one(found[pk]) for pk in wanted if pk in found}

    if not enabled():
        made = drawn(ids)
        return [made[pk] for pk in ids if pk in made]
    try:
        names = {pk: tuple(guards(pk)) for pk in ids}
        current = tokens([SITE, *(name for these in names.values() for name in these)])
        salt = _salt()
        keys = {
            pk: f"{prefix}{pk}:"
            + hashlib.sha1(
                "|".join([salt, current[SITE], *(current[n] for n in names[pk])]).encode()
            ).hexdigest()[:16]
            for pk in ids
        }
        found = cache.get_many(list(keys.values()))
    except Exception:
        logger.exception("Card cache unreadable")
        made = drawn(ids)
        return [made[pk] for pk in ids if pk in made]
    missing = [pk for pk in ids if keys[pk] not in found]
    made = drawn(missing) if missing else {}
    fresh = {keys[pk]: html for pk, html in made.items()}
    if fresh:
        try:
            cache.set_many(fresh, page_seconds())
        except Exception:
            logger.exception("Could not store product cards")
    out = []
    for pk in ids:
        html = found.get(keys[pk]) or made.get(pk)
        if html is not None:
            out.append(html)
    return out
