"""SQLite: new comments wait in ``core_comment_search_waiting`` and join the FTS5 index in
batches (commentdesk/core/search.py), rather than one by one as each is stored.

FTS5 writes a new index segment at every commit that touched it: for one comment, 200 µs
of CPU, about an eighth of what a submission costs. In batches of 64 it is a fifth of
that. A comment is in exactly one of the two places, so the triggers below change the
index only for comments it holds; the search compares waiting comments row by row.
PostgreSQL's GIN indexes are not touched.
"""

import importlib

from django.db import migrations

from commentdesk.core.migrations._vendor import RunSQLOn

TEXT_SEARCH = importlib.import_module("commentdesk.core.migrations.0007_comment_text_search")

FTS_DELETE, FTS_ROW = TEXT_SEARCH.FTS_DELETE, TEXT_SEARCH.FTS_ROW
WAITING = "SELECT 1 FROM core_comment_search_waiting WHERE comment_id = {}.id"

SQLITE = [
    "CREATE TABLE core_comment_search_waiting (comment_id integer NOT NULL PRIMARY KEY)",
    "DROP TRIGGER core_comment_search_insert",
    "DROP TRIGGER core_comment_search_delete",
    "DROP TRIGGER core_comment_search_update",
    "CREATE TRIGGER core_comment_search_insert AFTER INSERT ON core_comment BEGIN"
    " INSERT INTO core_comment_search_waiting(comment_id) VALUES (new.id); END",
    # In this order: whether the index holds the comment is read before it stops waiting.
    "CREATE TRIGGER core_comment_search_delete AFTER DELETE ON core_comment BEGIN"
    f" {FTS_DELETE} SELECT 'delete', old.id, old.body, old.display_name"
    f" WHERE NOT EXISTS ({WAITING.format('old')});"
    " DELETE FROM core_comment_search_waiting WHERE comment_id = old.id; END",
    "CREATE TRIGGER core_comment_search_update AFTER UPDATE OF body, display_name"
    f" ON core_comment WHEN NOT EXISTS ({WAITING.format('new')}) BEGIN"
    f" {FTS_DELETE} VALUES ('delete', old.id, old.body, old.display_name);"
    f" {FTS_ROW} VALUES (new.id, new.body, new.display_name); END",
]
SQLITE_REVERSE = [
    f"{FTS_ROW} SELECT c.id, c.body, c.display_name FROM core_comment c"
    " JOIN core_comment_search_waiting w ON w.comment_id = c.id",
    "DROP TRIGGER core_comment_search_update",
    "DROP TRIGGER core_comment_search_delete",
    "DROP TRIGGER core_comment_search_insert",
    "DROP TABLE core_comment_search_waiting",
    *[sql for sql in TEXT_SEARCH.SQLITE if sql.startswith("CREATE TRIGGER")],
]

class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_statistics_covering_indexes"),
    ]

    operations = [RunSQLOn("sqlite", SQLITE, SQLITE_REVERSE)]
