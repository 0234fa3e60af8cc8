"""The text search's trigram index: used by the query, and in step with every change."""

import pytest
from django.db import connection

from commentdesk.core import search
from commentdesk.core.models import Comment
from commentdesk.core.services import moderation, reader
from commentdesk.core.services.privacy import erase_commenter
from commentdesk.core.services.submission import submit_comment
from tests.conftest import make_story, post_comment


def test_a_search_of_three_characters_or_more_uses_the_trigram_index(story_a):
    post_comment(story_a, body="Budget talks")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + search.FTS_MATCHES, ['"budget"', 10])
            assert "SCAN core_comment_search VIRTUAL TABLE INDEX 0:M" in str(cursor.fetchall())
            return
        # A test table is a few rows, which PostgreSQL rightly reads whole: forbid that, to
        # see which index the search's expressions can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search.containing(Comment.objects.all(), "budget").explain()
    assert "Bitmap Index Scan on comment_search_body" in plan
    assert "Bitmap Index Scan on comment_search_name" in plan


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL maintains its own indexes"
)


def waiting() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT comment_id FROM core_comment_search_waiting ORDER BY comment_id")
        return [row[0] for row in cursor.fetchall()]


def assert_index_matches_the_texts():
    with connection.cursor() as cursor:
        # Fails ("database disk image is malformed") when the index and the texts differ.
        cursor.execute(
            "INSERT INTO core_comment_search(core_comment_search, rank)"
            " VALUES ('integrity-check', 1)"
        )


@sqlite_only
@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "waiting"])
def test_the_sqlite_index_stays_in_step_with_every_change(story_a, alice, rule_a, carol, indexed):
    edited = post_comment(story_a, body="Text before the edit")
    own = submit_comment(story_a, body="Mine to change", display_name="Ann", consent=True)
    approved = post_comment(story_a)
    erased = post_comment(story_a, display_name="Erased")
    doomed = make_story(story_a.site, title="Deleted story")
    post_comment(doomed, body="Gone with its story")
    if indexed:
        search.index_waiting("default")
    moderation.edit_comment(edited.pk, moderator=alice, rule=rule_a, body="Text after the edit")
    reader.edit_own_comment(own.comment.pk, own.secret, body="Mine, changed")
    moderation.approve_comment(approved.pk, moderator=alice)
    erase_commenter(erased.commenter, actor=carol)
    doomed.delete()
    search.index_waiting("default")
    assert waiting() == []
    assert_index_matches_the_texts()


@sqlite_only
def test_a_comment_is_found_while_it_waits_for_the_index_and_after(story_a):
    comment = post_comment(story_a, body="Harbour lights at dusk")
    assert waiting() == [comment.pk]
    found = search.containing(Comment.objects.all(), "harbour light")
    assert list(found) == [comment]
    search.index_waiting("default")
    assert waiting() == []
    assert list(search.containing(Comment.objects.all(), "harbour light")) == [comment]


@sqlite_only
def test_every_batch_th_comment_indexes_the_waiting_ones_once_committed(
    story_a, django_capture_on_commit_callbacks
):
    stored = []
    while not stored or stored[-1].pk % search.BATCH:
        with django_capture_on_commit_callbacks(execute=True):
            stored.append(post_comment(story_a, body=f"Comment number {len(stored)}"))
        if stored[-1].pk % search.BATCH:
            assert waiting()[-1] == stored[-1].pk
        assert len(stored) <= search.BATCH
    assert waiting() == []
    assert_index_matches_the_texts()
