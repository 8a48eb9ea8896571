"""Django's Redis cache, keeping one redis-py client per server.

Django builds a new ``redis.Redis`` object for every cache call. Building one costs about half
a millisecond (redis-py fills its table of response callbacks each time): more than the round
trip to Redis, and the largest part of serving a page from the page cache (``catalog.caching``
makes two cache calls per page). A client only borrows connections from its server's pool, so
one client per pool serves every call and thread of the process.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
