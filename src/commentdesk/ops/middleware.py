"""Operations middleware: health and metrics endpoints, request metrics, database outages.

``OpsMiddleware`` comes first so that load balancers and Prometheus, which address app servers
by IP over plain HTTP, reach ``/healthz``, ``/readyz`` and ``/metrics`` without the host check
or the HTTPS redirect. Everything else is timed and counted.
"""

import logging
import time

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse

from commentdesk.ops import health, metrics

logger = logging.getLogger(__name__)

ENDPOINTS = {
    "/healthz": lambda request: health.liveness(),
    "/readyz": lambda request: health.readiness(),
    "/metrics": metrics.metrics_view,
}


class OpsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is not None:
            try:
                response = endpoint(request)
            except Http404 as missing:
                response = HttpResponse(f"{missing}\n", status=404, content_type="text/plain")
            response["Cache-Control"] = "no-store"
            return response
        started = time.perf_counter()
        response = self.get_response(request)
        metrics.observe(request, response, started)
        return response


class DatabaseUnavailableMiddleware:
    """A lost or refused database connection answers 503 with Retry-After, not a 500 page.

    Nothing was stored (the transaction rolled back), the reader is told to try again, and
    Django drops the broken connection at the end of the request so the next one reconnects.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable: %s", type(exception).__name__)
        response = HttpResponse(
            "The service is briefly unavailable. Nothing was saved: please try again.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = "2"
        return response
