"""Django's Redis cache, made to keep the site up when Redis is not.

Two changes to Django's backend:

- **One redis-py client per server.** Django builds a new ``redis.Redis`` object for every cache
  call; building one costs about half a millisecond (redis-py fills its table of response
  callbacks each time): more than the round trip to Redis, and the largest part of serving a
  page from the page cache. A client only borrows connections from its server's pool, so one
  client per pool serves every call and thread of the process.
- **An unreachable server is a cache miss, not an error.** Oscar's category URLs, the
  cached-database sessions, sorl's thumbnail store and our page cache all call the cache
  unguarded; with Redis gone every page with a session or a category link failed, the error
  page included. Here a connection error or time-out makes reads miss and writes do nothing,
  and the server is left alone for ``RETRY_SECONDS`` (a circuit breaker: one slow connection
  attempt every few seconds, not one per call). Sessions then live in the database only
  (``cached_db``), pages are rendered afresh: slower, but whole.

  What could not be written meanwhile would be stale once Redis is back with its data (a
  network cut rather than a restart): a session changed or deleted during the outage would
  come back as it was. Each process therefore remembers the keys it failed to write or
  delete, and deletes them at its first call after the server answers again, before serving
  anything from it.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0
MAX_REMEMBERED_KEYS = 100_000

_MISSING = object()


class _Health:
    """What a process knows of one cache server, shared by its threads (Django makes one
    cache object per thread)."""

    def __init__(self):
        self.down_until = 0.0
        self.unwritten: set = set()
        self.overflowed = False
        self.lock = threading.Lock()


_HEALTH: dict[tuple, _Health] = {}
_HEALTH_LOCK = threading.Lock()


def _health_of(servers) -> _Health:
    key = tuple(servers)
    with _HEALTH_LOCK:
        return _HEALTH.setdefault(key, _Health())


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, *args, **kwargs):
        super().__init__(servers, *args, **kwargs)
        self._clients = {}
        self._health = _health_of(servers)

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    # --- the breaker ----------------------------------------------------------------------

    def _guarded(self, call, fallback, written=()):
        health = self._health
        if time.monotonic() < health.down_until:
            self._remember(written)
            return fallback
        try:
            if health.unwritten or health.down_until:
                self._recovered()
            return call()
        except UNREACHABLE as exc:
            self._trip(exc)
            self._remember(written)
            return fallback

    def _trip(self, exc) -> None:
        health = self._health
        first = health.down_until == 0.0
        health.down_until = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error(
                "Cache server unreachable (%s): serving without the cache, trying "
                "again every %.0f s.",
                exc,
                RETRY_SECONDS,
            )

    def _remember(self, keys) -> None:
        if not keys:
            return
        health = self._health
        with health.lock:
            if len(health.unwritten) < MAX_REMEMBERED_KEYS:
                health.unwritten.update(keys)
            else:
                health.overflowed = True

    def _recovered(self) -> None:
        """Back after an outage: first delete what this process could not write or delete."""
        health = self._health
        with health.lock:
            keys, health.unwritten = list(health.unwritten), set()
            overflowed, health.overflowed = health.overflowed, False
        client = self.get_client(write=True)
        try:
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])
        except UNREACHABLE:
            self._remember(keys)
            raise
        if health.down_until:
            health.down_until = 0.0
            logger.warning(
                "Cache server reachable again; %d entries written during the outage "
                "were dropped%s.",
                len(keys),
                " (more were written than remembered: they expire by themselves)"
                if overflowed
                else "",
            )

    # --- Django's client API, guarded -----------------------------------------------------

    def add(self, key, value, timeout):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).add(key, value, timeout), False, (key,)
        )

    def get(self, key, default):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).get(key, default), default
        )

    def set(self, key, value, timeout):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).set(key, value, timeout), None, (key,)
        )

    def touch(self, key, timeout):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).touch(key, timeout), False
        )

    def delete(self, key):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).delete(key), False, (key,)
        )

    def get_many(self, keys):
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).get_many(keys), {})

    def has_key(self, key):
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).has_key(key), False)

    def incr(self, key, delta):
        result = self._guarded(
            lambda: super(ResilientRedisCacheClient, self).incr(key, delta), _MISSING, (key,)
        )
        if result is _MISSING:
            raise ValueError(f"Key {key!r} not found (the cache server is unreachable)")
        return result

    def set_many(self, data, timeout):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).set_many(data, timeout),
            None,
            tuple(data),
        )

    def delete_many(self, keys):
        return self._guarded(
            lambda: super(ResilientRedisCacheClient, self).delete_many(keys), None, tuple(keys)
        )

    def clear(self):
        return self._guarded(lambda: super(ResilientRedisCacheClient, self).clear(), False)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # Fail fast: a cache that takes seconds to say it is gone slows every page down.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
