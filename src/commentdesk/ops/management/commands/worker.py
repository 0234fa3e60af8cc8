"""Run background tasks with the configured Tasks backend, and schedule periodic ones.

The database backend (default) runs django-tasks-db's worker; ``COMMENTDESK_TASKS=rq`` runs an
RQ worker on Redis. Either way this process also enqueues the retention purge on schedule.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from commentdesk.ops import schedule


class Command(BaseCommand):
    help = "Run background tasks (mail, purges, retraining) and schedule periodic ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then exit."
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="Do not enqueue periodic tasks."
        )

    def handle(self, *args, batch, no_schedule, **options):
        if not no_schedule:
            if batch:
                schedule.enqueue_due()
            else:
                schedule.start_scheduler()
        verbosity = options["verbosity"]
        if settings.TASKS_BACKEND == "rq":
            call_command(
                "rqworker",
                "default",
                job_class="django_tasks_rq.Job",
                with_scheduler=True,
                burst=batch,
                verbosity=verbosity,
            )
        else:
            call_command(
                "db_worker", queue_name="*", batch=batch, reload=False, verbosity=verbosity
            )
