"""Fixed-window rate limits counted in Django's cache (Redis across nodes).

A small counter of our own rather than django-ratelimit: our limits are checked in the
submission service, shared by the form and the API (not as a view decorator), some keys
(the commenter) are only known there, and we need the seconds until the window ends for
``Retry-After``. On Redis, one Lua script counts every limit of a request in one round trip,
atomically, so concurrent requests on several nodes cannot slip past a limit together. Other
caches count with ``cache.add`` + ``cache.incr``.
"""

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds}s"


@dataclass(frozen=True)
class Limit:
    scope: str
    key: str
    rate: Rate


@dataclass(frozen=True)
class Counter:
    """One limit's counter for the current window, as the cache keeps it."""

    cache_key: str
    most: int  # events allowed in the window
    ttl: int  # seconds the counter lives: to the window's end, and one more


def exceeded(limits: Sequence[Limit], *, now: float | None = None) -> tuple[Limit, int] | None:
    """Count one event against each limit in turn, stopping at the first one exceeded.

    That limit and the seconds until its window ends, or None when all allow it. An event
    refused by one limit is not counted by the limits after it: a flood from one address
    does not use up a story's allowance.
    """
    now = time.time() if now is None else now
    windows = [int(now // limit.rate.seconds) for limit in limits]
    counters = [
        Counter(
            cache_key=f"commentdesk:rate:{limit.scope}:{limit.key}:{window}",
            most=limit.rate.count,
            ttl=limit.rate.seconds + 1,
        )
        for limit, window in zip(limits, windows, strict=True)
    ]
    count_all = getattr(cache, "count_until_exceeded", None)  # our Redis cache has it
    index = count_all(counters) if count_all else _count_until_exceeded(counters)
    if index is None:
        return None
    limit = limits[index]
    return limit, max(1, math.ceil((windows[index] + 1) * limit.rate.seconds - now))


def _count_until_exceeded(counters: Sequence[Counter]) -> int | None:
    for index, counter in enumerate(counters):
        cache.add(counter.cache_key, 0, timeout=counter.ttl)
        try:
            count = cache.incr(counter.cache_key)
        except ValueError:  # the key expired between add and incr
            cache.add(counter.cache_key, 1, timeout=counter.ttl)
            count = 1
        if count > counter.most:
            return index
    return None
