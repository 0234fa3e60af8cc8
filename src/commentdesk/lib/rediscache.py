"""Django's Redis cache with one client per connection pool, not one per cache call, and
rate-limit counting in one round trip.

Django's client builds a ``redis.Redis`` for every get or set, and each build fills a table of
some 170 reply handlers: a tenth of a cached thread read's CPU. A ``redis.Redis`` is safe to
share between threads (its pool hands out connections), so one per pool serves every call.
"""

from collections.abc import Sequence

from django.core.cache.backends import redis

# Counts KEYS in turn (INCR; a new counter gets ARGV's ttl) and stops at the first one over its
# allowance: its 1-based position, or 0 when none is.
COUNT_UNTIL_EXCEEDED = """
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('EXPIRE', key, ARGV[2 * i]) end
  if count > tonumber(ARGV[2 * i - 1]) then return i end
end
return 0
"""


class ReusedClients(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self._scripts = {}

    def count_until_exceeded(self, counters: Sequence) -> int | None:
        """``lib.ratelimit``'s counting, in one script run: the index of the first counter
        over its allowance, or None."""
        if not counters:
            return None
        keys = [self.make_and_validate_key(counter.cache_key) for counter in counters]
        client = self._cache.get_client(write=True)
        script = self._scripts.get(client)
        if script is None:
            script = self._scripts[client] = client.register_script(COUNT_UNTIL_EXCEEDED)
        args = [value for counter in counters for value in (counter.most, counter.ttl)]
        position = script(keys=keys, args=args)
        return position - 1 if position else None
