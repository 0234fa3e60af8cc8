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


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL maintains its own indexes")
def test_the_sqlite_index_stays_in_step_with_every_change(story_a, alice, rule_a, carol):
    edited = post_comment(story_a, body="Text before the edit")
    moderation.edit_comment(edited.pk, moderator=alice, rule=rule_a, body="Text after the edit")
    own = submit_comment(story_a, body="Mine to change", display_name="Ann", consent=True)
    reader.edit_own_comment(own.comment.pk, own.secret, body="Mine, changed")
    moderation.approve_comment(post_comment(story_a).pk, moderator=alice)
    erase_commenter(post_comment(story_a, display_name="Erased").commenter, actor=carol)
    doomed = make_story(story_a.site, title="Deleted story")
    post_comment(doomed, body="Gone with its story")
    doomed.delete()
    with connection.cursor() as cursor:
        # Fails ("database disk image is malformed") when the index and the texts differ.
        cursor.execute(
            "INSERT INTO core_comment_search(core_comment_search, rank)"
            " VALUES ('integrity-check', 1)"
        )
