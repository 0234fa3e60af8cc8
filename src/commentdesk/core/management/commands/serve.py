"""Run the production web server (gunicorn) on this app.

Gunicorn: pure Python (nothing to compile), the most used WSGI server, and sync workers
suit Django's synchronous ORM and SQLite's single writer. See docs/decisions/.
"""

import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from commentdesk.ops import planner
from commentdesk.screening import toxicity


class Command(BaseCommand):
    help = "Serve Commentdesk with gunicorn (collects static files first)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("COMMENTDESK_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("COMMENTDESK_WORKERS", "2"))
        )
        parser.add_argument("--migrate", action="store_true", help="Apply migrations first.")
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collectstatic (static files already collected, e.g. by the image build).",
        )

    def handle(self, *args, bind, workers, migrate, no_collectstatic, **options):
        if migrate:
            call_command("migrate", interactive=False, verbosity=0)
        planner.refresh_statistics()
        if not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        _fresh_metrics_dir()
        toxicity.exported()  # once, here, rather than in the first worker to boot
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "commentdesk.wsgi:application",
            "--config",
            "python:commentdesk.ops.gunicorn_conf",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            # The access log omits the client address: readers' addresses are never logged.
            "--access-logformat",
            '%(t)s "%(r)s" %(s)s %(b)s %(M)sms',
        ]
        self.stdout.write(f"Serving on http://{bind}/ with {workers} worker(s)", ending="\n")
        self.stdout.flush()
        os.execv(sys.executable, gunicorn)  # noqa: S606 (fixed argv, no shell)


def _fresh_metrics_dir() -> None:
    """Gunicorn's workers share Prometheus counters through files in this directory."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(Path(settings.DATA_DIR) / "metrics")
    directory = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
