"""Django's ``flush``, retried when PostgreSQL breaks a deadlock by aborting it.

After a live-server test, pytest-django empties the test database with ``flush``: one TRUNCATE
that locks every table in turn. A request the browser sent as it closed (the desk releases its
claim with a beacon) may still be running on the live server with one table locked and waiting
for another; PostgreSQL then aborts one of the two, and when it picks the TRUNCATE the next test
would start on a dirty database. The request finishes once the TRUNCATE is gone, so a retry
empties the database.
"""

import time

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import OperationalError

ATTEMPTS = 5


class Command(flush.Command):
    def handle(self, **options):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return super().handle(**options)
            except CommandError as error:
                cause = error.__cause__
                deadlocked = isinstance(cause, OperationalError) and "deadlock" in str(cause)
                if not deadlocked or attempt == ATTEMPTS:
                    raise
                time.sleep(0.2 * attempt)
