"""SQLite's query planner gets statistics of the tables; PostgreSQL's autovacuum keeps its own."""

import pytest
from django.db import connection

from commentdesk.ops import planner
from tests.conftest import post_comment


def _indexes_with_statistics(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return set()
        cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = %s", [table])
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL analyses by itself")
def test_sqlite_learns_the_shape_of_the_comment_table(story_a):
    for n in range(5):
        post_comment(story_a, body=f"Comment {n}")
    with connection.cursor() as cursor:  # as a database never analysed
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert planner.refresh_statistics() is True
    assert "comment_queue" in _indexes_with_statistics("core_comment")


@pytest.mark.postgres
def test_postgresql_is_left_to_autovacuum(db):
    assert planner.refresh_statistics() is False
