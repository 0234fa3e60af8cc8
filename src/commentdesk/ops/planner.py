"""Keep SQLite's query-planner statistics current; PostgreSQL's autovacuum does this itself.

Without statistics SQLite guesses which index serves a query, and at a million comments a
wrong guess costs hundreds of milliseconds (a capped tab count took 250 ms on the status
index instead of under 1 ms). ``ANALYZE`` under an analysis limit samples a bounded number
of rows per index, so it costs tens of milliseconds whatever the size (28 ms for five
indexes of a million rows here). ``commentdesk serve`` runs it at start and the worker
every few hours (``ops.schedule``).
"""

from django.db import connections

ROWS_SAMPLED_PER_INDEX = 1000


def refresh_statistics(using: str = "default") -> bool:
    """Refresh the planner's statistics; False when the database keeps its own."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ROWS_SAMPLED_PER_INDEX}")
        cursor.execute("ANALYZE")
    return True
