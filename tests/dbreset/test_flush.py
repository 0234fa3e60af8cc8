"""The test database's reset survives the deadlock a late live-server request can cause."""

import re
import threading

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection

pytestmark = pytest.mark.postgres


def _truncated_tables() -> list[str]:
    tables = connection.introspection.django_table_names(only_existing=True)
    (truncate,) = connection.ops.sql_flush(no_style(), tables)
    return re.findall(r'"([^"]+)"', truncate)


def test_a_flush_that_postgresql_aborts_for_a_deadlock_is_retried(transactional_db):
    first, *_, last = _truncated_tables()
    settings = connection.settings_dict
    request = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    )
    # As a live-server request would: one table locked, the other wanted once the flush has
    # begun. This side waits long before looking for deadlocks, so PostgreSQL aborts the flush.
    request.execute("SET deadlock_timeout = '30s'")
    request.execute(f'LOCK TABLE "{last}" IN ACCESS SHARE MODE')
    failures = []

    def flush():
        try:
            call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
        except CommandError as error:  # reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    flushing = threading.Thread(target=flush)
    flushing.start()
    waiting = "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = %s::regclass"
    while request.execute(waiting, (last,)).fetchone()[0] == 0:
        flushing.join(0.05)
    request.execute(f'LOCK TABLE "{first}" IN ACCESS SHARE MODE')  # granted once it aborts
    request.commit()
    flushing.join(30)
    request.close()
    assert not flushing.is_alive() and failures == []
