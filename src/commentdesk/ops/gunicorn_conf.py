"""Gunicorn hooks for ``commentdesk serve``: keep multiprocess metrics of live workers only."""

from prometheus_client import multiprocess


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
