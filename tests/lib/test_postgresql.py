"""A pooled PostgreSQL connection is checked without a round trip while the server is silent."""

import select

import psycopg
import pytest
from django.db import connection

from commentdesk.lib.postgresql.base import check_if_signalled

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
LAST = "SELECT 'the last query before the check'"


def _connect() -> psycopg.Connection:
    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def _last_query(observer: psycopg.Connection, conn: psycopg.Connection) -> str:
    sql = "SELECT query FROM pg_stat_activity WHERE pid = %s"
    return observer.execute(sql, (conn.info.backend_pid,)).fetchone()[0]


def test_a_healthy_idle_connection_passes_the_check_without_a_query():
    with _connect() as lent, _connect() as observer:
        lent.execute(LAST)
        check_if_signalled(lent)
        assert _last_query(observer, lent) == LAST


def test_a_connection_inside_a_transaction_is_checked_with_a_query():
    with _connect() as lent, _connect() as observer:
        lent.execute("BEGIN")
        lent.execute(LAST)
        check_if_signalled(lent)
        assert _last_query(observer, lent) != LAST


def test_a_connection_whose_backend_was_terminated_fails_the_check():
    with _connect() as lent, _connect() as observer:
        observer.execute("SELECT pg_terminate_backend(%s)", (lent.info.backend_pid,))
        poll = select.poll()
        poll.register(lent.fileno(), select.POLLIN)
        assert poll.poll(5000), "the server did not signal the termination"
        with pytest.raises(psycopg.OperationalError):
            check_if_signalled(lent)


def test_the_pool_lends_connections_with_this_check():
    connection.ensure_connection()
    assert connection.pool._check is check_if_signalled
