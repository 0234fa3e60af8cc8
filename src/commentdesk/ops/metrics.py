"""Prometheus metrics: request counts and latency by route, and the moderation queue.

We use prometheus-client directly rather than django-prometheus: we want a handful of
low-cardinality series (route name, not path), its multiprocess mode works across gunicorn's
workers (``commentdesk serve`` sets ``PROMETHEUS_MULTIPROC_DIR``), and django-prometheus would
have us swap our database and cache backends for its wrappers to instrument them.

The endpoint is off unless ``COMMENTDESK_METRICS_TOKEN`` is set; scrapers then send it as a
bearer token. Queue size is read from the database at scrape time, so every node reports it.
"""

import hmac
import os
import time

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "commentdesk_http_responses_total",
    "HTTP responses by route name, method and status code.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "commentdesk_http_request_duration_seconds",
    "Time to answer a request, by route name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe(request: HttpRequest, response: HttpResponse, started: float) -> None:
    match = getattr(request, "resolver_match", None)
    route = match.view_name if match else "unmatched"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    LATENCY.labels(route).observe(time.perf_counter() - started)


class QueueCollector:
    """Pending comments and the age of the oldest, read when Prometheus scrapes."""

    def collect(self):
        from commentdesk.core.models import Comment

        pending = Comment.objects.filter(status=Comment.Status.PENDING)
        oldest = pending.order_by("submitted_at").values_list("submitted_at", flat=True).first()
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily(
            "commentdesk_pending_comments", "Comments awaiting a decision.", pending.count()
        )
        yield GaugeMetricFamily(
            "commentdesk_oldest_pending_comment_age_seconds",
            "How long the oldest pending comment has waited.",
            age,
        )


def _authorised(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are off: set COMMENTDESK_METRICS_TOKEN.")
    if not _authorised(request):
        response = HttpResponse("A bearer token is required.\n", status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    queue = CollectorRegistry()
    queue.register(QueueCollector())
    body = generate_latest(processes) + generate_latest(queue)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
