"""Run the production web server (gunicorn) on this app.

Gunicorn: pure Python (nothing to compile), the most used WSGI server, and sync workers
suit Django's synchronous ORM and SQLite's single writer. See docs/decisions/.
"""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Commentdesk with gunicorn (collects static files first)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("COMMENTDESK_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("COMMENTDESK_WORKERS", "2"))
        )
        parser.add_argument("--migrate", action="store_true", help="Apply migrations first.")

    def handle(self, *args, bind, workers, migrate, **options):
        if migrate:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = [
            sys.executable,
            "-m",
            "gunicorn",
            "commentdesk.wsgi:application",
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
