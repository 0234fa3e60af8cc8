"""Periodic background work, enqueued through the Tasks API by ``commentdesk worker``.

Each job is enqueued at most once per interval across all nodes: the first worker to add the
slot's key to the shared cache (Redis in a multi-node deployment) enqueues it.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


PLANNER_STATISTICS_INTERVAL = 6 * 3600


def periodic_jobs():
    from commentdesk.core.tasks import purge_expired_data
    from commentdesk.ops.tasks import refresh_planner_statistics

    return [
        (purge_expired_data, settings.PURGE_INTERVAL_MINUTES * 60),
        (refresh_planner_statistics, PLANNER_STATISTICS_INTERVAL),
    ]


def enqueue_due(now: float | None = None) -> list[str]:
    now = time.time() if now is None else now
    enqueued = []
    for task, interval in periodic_jobs():
        slot = int(now // interval)
        if cache.add(f"commentdesk:periodic:{task.name}:{slot}", 1, timeout=interval):
            task.enqueue()
            enqueued.append(task.name)
    return enqueued


def start_scheduler(check_every: float = 60.0) -> threading.Event:
    """Run ``enqueue_due`` in a daemon thread until the returned event is set."""
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                for name in enqueue_due():
                    logger.info("enqueued periodic task %s", name)
            except Exception:  # keep scheduling through a cache or database hiccup
                logger.exception("could not enqueue periodic tasks")
            stop.wait(check_every)

    threading.Thread(target=loop, name="commentdesk-scheduler", daemon=True).start()
    return stop
