"""Cached thread reads answered early: no session, CSRF, auth, lockout or API framework.

Most requests are readers loading a thread: the comments page, its items, the API's thread.
When the cache holds the story and the rendering, this middleware answers from it at once
through each view's own cache-only function (the same ETag, 304, Cache-Control and framing
code as the view). It sits below the middleware that every answer needs (metrics, security
headers, CORS, the host check and Content-Length, X-Frame-Options: see MIDDLEWARE in
settings), so its answers carry the same headers as the view's. Anything else, a miss, and
any request with a session cookie (a moderator's) goes on through the full stack.
"""

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.module_loading import import_string

# Route name -> the view's function answering from the cache alone, or None.
CACHE_ONLY = {
    "api-v1:thread": "commentdesk.api.routers.stories.cached_thread",
    "public:comments": "commentdesk.public.views.page.cached_section",
    "public:thread": "commentdesk.public.views.page.cached_items",
}


class CachedReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.answers = {route: import_string(path) for route, path in CACHE_ONLY.items()}

    def __call__(self, request):
        if request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            response = self._from_cache(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _from_cache(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        answer = self.answers.get(match.view_name)
        if answer is None:
            return None
        request.resolver_match = match  # for the metrics' route label
        return answer(request, **match.kwargs)
