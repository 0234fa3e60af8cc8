"""lib.rediscache: Django's Redis cache, with one client per connection pool."""

import pytest

from commentdesk.lib.rediscache import RedisCache

pytestmark = pytest.mark.postgres  # needs Redis, which the PostgreSQL pass has


def test_every_call_shares_one_client_and_the_cache_behaves_as_djangos(redis_url):
    cache = RedisCache(redis_url, {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("story", {"version": 3}, 60)
    assert cache.get("story") == {"version": 3}
    assert cache.add("story", "other", 60) is False
    assert cache.add("count", 1, 60) is True
    assert cache.incr("count") == 2
    cache.delete_many(["story", "count"])
    assert cache.get_many(["story", "count"]) == {}
    assert cache._cache.get_client() is client
