"""Gunicorn hooks for ``commentdesk serve``.

- Each worker loads the screening models as it boots, not in the first submission, which
  would otherwise wait seconds for them.
- Prometheus keeps the multiprocess metrics of live workers only.
- The access log never carries a reader's comment secret: the no-JavaScript reader's page of
  their own comment is a capability URL (``/comments/<story>/mine/<comment>/<secret>/``).
"""

from gunicorn.glogging import Logger
from prometheus_client import multiprocess

from commentdesk.lib.redact import redact_secrets


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U"):
            atoms[key] = redact_secrets(atoms[key])
        return atoms


logger_class = RedactingLogger


def post_worker_init(worker):
    from commentdesk.screening import language, toxicity

    language.detect("Warming up the language detector before the first reader arrives.")
    toxicity.score("Warming up the toxicity model.")


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)
