"""Fixed-window rate limits counted in Django's cache (Redis across nodes).

A small counter of our own rather than django-ratelimit: our limits are checked in the
submission service, shared by the form and the API (not as a view decorator), some keys
(the commenter) are only known there, and we need the seconds until the window ends for
``Retry-After``. ``cache.add`` + ``cache.incr`` are atomic in Redis, so concurrent requests
on several nodes cannot slip past a limit together.
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    def __str__(self) -> str:
        return f"{self.count}/{self.seconds}s"


def hit(scope: str, key: str, rate: Rate, *, now: float | None = None) -> int | None:
    """Count one event for ``key``. None if within the rate, else seconds until it resets."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    cache_key = f"commentdesk:rate:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the key expired between add and incr
        cache.add(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))
