"""Comments by the text they contain: the desk's search, through a trigram index.

A comment matches when its text or its name contains the search text, ignoring case, as
Django's ``icontains`` compares them (on SQLite LIKE ignores the case of A-Z only; on
PostgreSQL UPPER() knows every script). A trigram index finds the candidates, so text in
any script is found without spaces between words or a word list, and the comparison
itself decides, so the results are those of a comparison of every row:
- PostgreSQL: pg_trgm GIN indexes on UPPER(body) and UPPER(display_name) (core migration
  0007) serve ``icontains`` directly.
- SQLite: the FTS5 table ``core_comment_search`` (trigram tokenizer, kept in step with
  core_comment by triggers) is searched for the text as one phrase, which with trigrams
  means "contains"; its matches, up to COMMON of them, and the comments still waiting to
  join it (``index_waiting``), narrow the comparison.
Text shorter than a trigram, and on SQLite text found in more than COMMON comments, is
compared row by row within the other filters: a common text fills a page and the capped
tab counts after a few rows; a short one may read the whole queue.
"""

import json

from django.db import connections, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

TRIGRAM = 3
COMMON = 10_000
FTS_MATCHES = "SELECT rowid FROM core_comment_search WHERE core_comment_search MATCH %s LIMIT %s"
ID_LIST = "SELECT value FROM json_each(%s)"
WAITING = "SELECT comment_id FROM core_comment_search_waiting LIMIT %s"

# SQLite indexes new comments in batches (core migration 0009): FTS5 writes an index segment
# at every commit that changes it, which for a single comment cost more CPU than indexing
# its text. A comment waits in core_comment_search_waiting until the next batch.
BATCH = 64
INDEX_WAITING = (
    "INSERT INTO core_comment_search(rowid, body, display_name)"
    " SELECT c.id, c.body, c.display_name FROM core_comment_search_waiting w"
    " JOIN core_comment c ON c.id = w.comment_id",
    "DELETE FROM core_comment_search_waiting",
)


def containing(queryset: QuerySet, text: str) -> QuerySet:
    """The comments of ``queryset`` whose text or name contains ``text``."""
    compared = queryset.filter(Q(body__icontains=text) | Q(display_name__icontains=text))
    if len(text) < TRIGRAM or connections[queryset.db].vendor != "sqlite":
        return compared
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(FTS_MATCHES, [_phrase(text), COMMON + 1])
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(WAITING, [COMMON + 1 - len(ids)])
        ids += [row[0] for row in cursor.fetchall()]
    if len(ids) > COMMON:
        return compared
    # One look-up in the index, however many queries (a page, its counts) use the result.
    candidates = RawSQL(ID_LIST, [json.dumps(ids)])  # noqa: S611 (constant SQL)
    return compared.filter(pk__in=candidates)


def _phrase(text: str) -> str:
    """``text`` as one FTS5 string: every character is literal, quotes doubled."""
    return '"' + text.replace('"', '""') + '"'


def comment_stored(comment_id: int, using: str) -> None:
    """On SQLite, every BATCH-th new comment indexes the waiting ones once it is committed
    (a batch left undone, by a crash say, joins the next one)."""
    if comment_id % BATCH == 0 and connections[using].vendor == "sqlite":
        transaction.on_commit(lambda: index_waiting(using), using=using, robust=True)


def index_waiting(using: str) -> None:
    """Add the comments waiting for the SQLite index to it, in one transaction."""
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for sql in INDEX_WAITING:
            cursor.execute(sql)
