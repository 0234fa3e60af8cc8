"""The desk's text search: a trigram index over comments' texts and names, on each engine.

SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34+) whose content is
core_comment's body and display_name, kept in step by triggers on insert, delete and a
change of either column. PostgreSQL: the pg_trgm extension and GIN indexes on
UPPER(body) and UPPER(display_name), the expressions Django's ``icontains`` compares.
See commentdesk/core/search.py and docs/operators/running.md (pg_trgm).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from commentdesk.core.migrations._vendor import RunSQLOn

FTS_ROW = "INSERT INTO core_comment_search(rowid, body, display_name)"
FTS_DELETE = "INSERT INTO core_comment_search(core_comment_search, rowid, body, display_name)"

SQLITE = [
    "CREATE VIRTUAL TABLE core_comment_search USING fts5(body, display_name,"
    " content='core_comment', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER core_comment_search_insert AFTER INSERT ON core_comment BEGIN"
    f" {FTS_ROW} VALUES (new.id, new.body, new.display_name); END",
    "CREATE TRIGGER core_comment_search_delete AFTER DELETE ON core_comment BEGIN"
    f" {FTS_DELETE} VALUES ('delete', old.id, old.body, old.display_name); END",
    "CREATE TRIGGER core_comment_search_update AFTER UPDATE OF body, display_name"
    " ON core_comment BEGIN"
    f" {FTS_DELETE} VALUES ('delete', old.id, old.body, old.display_name);"
    f" {FTS_ROW} VALUES (new.id, new.body, new.display_name); END",
    "INSERT INTO core_comment_search(core_comment_search) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER core_comment_search_update",
    "DROP TRIGGER core_comment_search_delete",
    "DROP TRIGGER core_comment_search_insert",
    "DROP TABLE core_comment_search",
]
POSTGRESQL = [
    "CREATE INDEX comment_search_body ON core_comment USING gin (UPPER(body) gin_trgm_ops)",
    "CREATE INDEX comment_search_name ON core_comment"
    " USING gin (UPPER(display_name) gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX comment_search_name", "DROP INDEX comment_search_body"]


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_queue_indexes_without_parameters'),
    ]

    operations = [
        RunSQLOn("sqlite", SQLITE, SQLITE_REVERSE),
        TrigramExtension(),
        RunSQLOn("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
    ]
