"""CORS for the JSON API: only origins some site allows, never an arbitrary or "null" one.

Which site a request concerns is only known inside the endpoint, so the CORS answer allows the
union of all sites' allowed origins; each write then checks the origin against its own
story's site (public.formguard.api_write_problem). Credentials are never allowed: there are
none to send.
"""

from django.core.cache import cache
from django.http import HttpResponse

from commentdesk.core.models import Site

API_PREFIX = "/api/v1/"
ORIGINS_KEY = "cd:allowed-origins"
ORIGINS_TTL = 60
ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS"
ALLOW_HEADERS = "Content-Type, X-Comment-Secret, If-None-Match, Accept-Language"


def allowed_origins() -> frozenset[str]:
    origins = cache.get(ORIGINS_KEY)
    if origins is None:
        origins = frozenset(
            origin
            for site_origins in Site.objects.values_list("allowed_origins", flat=True)
            for origin in site_origins
            if origin and origin != "null"
        )
        cache.set(ORIGINS_KEY, origins, ORIGINS_TTL)
    return origins


def forget_allowed_origins() -> None:
    cache.delete(ORIGINS_KEY)


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        # From META: request.headers would copy every header, on every read of a thread.
        origin = request.META.get("HTTP_ORIGIN")
        preflight = (
            request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META
        )
        response = HttpResponse(status=204) if preflight else self.get_response(request)
        response.headers.setdefault("Vary", "Origin")
        if "Origin" not in response.headers.get("Vary", ""):
            response["Vary"] += ", Origin"
        if origin and origin != "null" and origin in allowed_origins():
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = "ETag"
            if preflight:
                response["Access-Control-Allow-Methods"] = ALLOW_METHODS
                response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
                response["Access-Control-Max-Age"] = "600"
        return response
