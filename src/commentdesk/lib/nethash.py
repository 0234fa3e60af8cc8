"""Keyed, rotating hashes of network addresses: no raw IP is stored or logged.

The key is derived from SECRET_KEY and the current rotation period, so the same address
gives the same hash within a period (enough for rate limits and spam signals) and an
unlinkable one after it. Nobody holding the database alone can recover an address.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The reader's address, honouring exactly TRUSTED_PROXY_COUNT proxies in front of us."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _period(now: float | None = None) -> int:
    hours = max(settings.NETWORK_HASH_ROTATION_HOURS, 1)
    return int((now if now is not None else time.time()) // (hours * 3600))


def hash_address(address: str, *, now: float | None = None) -> str:
    key = hashlib.sha256(f"{settings.SECRET_KEY}:nethash:{_period(now)}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def network_hash(request: HttpRequest) -> str:
    return hash_address(client_address(request))
