"""Gunicorn hooks for ``commentdesk serve``.

- Each worker loads the screening models as it boots, not in the first submission, which
  would otherwise hold SQLite's write lock (the submission's transaction) for seconds while
  other writers wait.
- Prometheus keeps the multiprocess metrics of live workers only.
"""

from prometheus_client import multiprocess


def post_worker_init(worker):
    from commentdesk.screening import language, toxicity

    language.detect("Warming up the language detector before the first reader arrives.")
    toxicity.score("Warming up the toxicity model.")


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
