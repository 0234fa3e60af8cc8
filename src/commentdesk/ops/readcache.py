"""Cached thread reads answered early: no session, CSRF, auth, lockout or API framework.

Most requests are readers loading a thread: the comments page, its items, the API's thread.
When the cache holds the story and the rendering, the answer comes from it at once through
each view's own cache-only function (the same ETag, 304, Cache-Control and framing code as the
view), then goes out through the middleware listed above ``CachedReadMiddleware`` in MIDDLEWARE
(metrics, security headers, CORS, the host check and Content-Length, X-Frame-Options), so it
carries the same headers as the view's. Anything else, a miss, and any request with a session
cookie (a moderator's) goes on through the full stack.

Under WSGI (``commentdesk serve``), ``CachedReadHandler`` answers these reads before Django's
request cycle starts, through a chain of that same middleware: the cycle's signals only look
after database connections, which a cache hit does not use (should the CORS check open one to
read the sites' origins, the request is ended as Django ends it). ``CachedReadMiddleware``
answers them where requests come by another handler (ASGI, the test client), and marks the
place in MIDDLEWARE.
"""

import threading
from functools import lru_cache

import django
from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.core.signals import request_finished
from django.db.backends.signals import connection_created
from django.urls import Resolver404, get_resolver
from django.utils.module_loading import import_string

MARKER = "commentdesk.ops.readcache.CachedReadMiddleware"

# Route name -> the view's function answering from the cache alone, or None.
CACHE_ONLY = {
    "api-v1:thread": "commentdesk.api.routers.stories.cached_thread",
    "public:comments": "commentdesk.public.views.page.cached_section",
    "public:thread": "commentdesk.public.views.page.cached_items",
}


@lru_cache(maxsize=1)
def _answers() -> dict:
    return {route: import_string(path) for route, path in CACHE_ONLY.items()}


@lru_cache(maxsize=4096)
def _cached_route(resolver, path: str):
    """The URL match of a path that names a cached read, else None: readers repeat paths."""
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    return match if match.view_name in CACHE_ONLY else None


def cached_answer(request):
    """(URL match, response) when the cache answers this request, else None."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    match = _cached_route(get_resolver(), request.path_info)
    if match is None:
        return None
    response = _answers()[match.view_name](request, **match.kwargs)
    return None if response is None else (match, response)


def _found(request):
    request.resolver_match, response = request.cached_read  # the route labels the metrics
    return response


class CachedReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.cached_read = cached_answer(request)
        if request.cached_read is None:
            return self.get_response(request)
        return _found(request)


def middleware_above(handler):
    """``handler`` inside the middleware above CachedReadMiddleware, chained as Django does."""
    handler = convert_exception_to_response(handler)
    for path in reversed(settings.MIDDLEWARE[: settings.MIDDLEWARE.index(MARKER)]):
        try:
            middleware = import_string(path)(handler)
        except MiddlewareNotUsed:
            continue
        handler = convert_exception_to_response(middleware)
    return handler


_hit = threading.local()


def _connection_opened(**kwargs) -> None:
    _hit.opened_connection = True


class CachedReadHandler(WSGIHandler):
    """Django's WSGI handler, answering cached reads before its request cycle starts."""

    def __init__(self):
        super().__init__()
        self.answer_chain = middleware_above(_found)
        connection_created.connect(_connection_opened, dispatch_uid=__name__)

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] != "GET":
            return super().__call__(environ, start_response)
        request = WSGIRequest(environ.copy())  # it rewrites PATH_INFO, which a miss needs as sent
        request.cached_read = cached_answer(request)
        if request.cached_read is None:
            return super().__call__(environ, start_response)
        _hit.opened_connection = False
        response = self.answer_chain(request)
        if _hit.opened_connection:
            request_finished.send(sender=self.__class__)  # gives the connection back
        status = f"{response.status_code} {response.reason_phrase}"
        cookies = (("Set-Cookie", c.output(header="")) for c in response.cookies.values())
        start_response(status, [*response.items(), *cookies])
        return [response.content]


def application() -> CachedReadHandler:
    """The WSGI application, as django.core.wsgi.get_wsgi_application sets it up."""
    django.setup(set_prefix=False)
    return CachedReadHandler()
