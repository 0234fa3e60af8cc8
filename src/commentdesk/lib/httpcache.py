"""HTTP caching for public reads: ETags, 304 answers and the Cache-Control they carry.

Threads are cached by browsers and CDNs for a short time, then served stale while a fresh
copy is fetched; an ETag lets a client revalidate for the price of a 304.
"""

import hashlib

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

PRIVATE_CACHE_CONTROL = "private, no-store"


def public_cache_control() -> str:
    max_age, stale = settings.READ_CACHE_MAX_AGE, settings.READ_CACHE_STALE
    return f"public, max-age={max_age}, stale-while-revalidate={stale}"


def make_etag(*parts: object, weak: bool = False) -> str:
    digest = hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()[:24]
    return f'{"W/" if weak else ""}"{digest}"'


def _opaque(tag: str) -> str:
    return tag.strip().removeprefix("W/")


def is_fresh(request: HttpRequest, etag: str) -> bool:
    """True when If-None-Match names this ETag (weak comparison, as RFC 9110 says for GET)."""
    header = request.META.get("HTTP_IF_NONE_MATCH", "")  # request.headers would copy them all
    if not header:
        return False
    if header.strip() == "*":
        return True
    return _opaque(etag) in {_opaque(tag) for tag in header.split(",")}


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponseNotModified()
    mark_public(response, etag)
    return response


def mark_public(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["Cache-Control"] = public_cache_control()
    return response


def mark_private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response
