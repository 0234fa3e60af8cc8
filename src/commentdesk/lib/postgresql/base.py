"""Django's PostgreSQL backend, whose pool checks an idle connection without a round trip.

Django's pool checks each connection it lends with an empty query (``CONN_HEALTH_CHECKS``):
a round trip to the server at the start of every request that uses the database, one in
nine of a comment submission's. An idle connection has nothing to read unless the server
sent something: when a backend is terminated (a failover, an administrator, a restarted
pooler) the server sends an error and closes the socket, which then polls readable. So the
query is sent only when the socket has something to read or the connection is not idle; a
healthy idle connection is lent after one poll of its socket.

Used as ``ENGINE`` when the database is PostgreSQL and pooled (settings), with Django's own
health check off.
"""

import select

from django.db.backends.postgresql import base
from psycopg import Connection
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool


def check_if_signalled(conn: Connection) -> None:
    """Raise if the connection is broken, as ``ConnectionPool.check_connection`` does."""
    if not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE:
        poll = select.poll()
        poll.register(conn.fileno(), select.POLLIN)
        if not poll.poll(0):
            return
    ConnectionPool.check_connection(conn)


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def pool(self):
        pool = super().pool
        if pool is not None:
            pool._check = check_if_signalled  # psycopg_pool's check; Django sets no other
        return pool
