"""Liveness and readiness: what a load balancer or orchestrator asks before sending traffic.

``/healthz`` says the process answers (no database or cache touched, so a database outage
does not make every app server look dead and get restarted). ``/readyz`` says this node can
serve: the database answers a query and the cache stores and returns a value.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import JsonResponse
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def liveness() -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readiness: database unreachable: %s", type(error).__name__)
        return "unreachable"
    return None


def _cache_problem() -> str | None:
    key = f"readyz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "1", timeout=5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except (OSError, RedisError) as error:
        logger.warning("readiness: cache unreachable: %s", type(error).__name__)
        return "unreachable"
    return None if ok else "does not keep values"


def readiness() -> JsonResponse:
    checks = {"database": _database_problem(), "cache": _cache_problem()}
    ready = not any(checks.values())
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {name: problem or "ok" for name, problem in checks.items()},
    }
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        response["Retry-After"] = "5"
    return response
