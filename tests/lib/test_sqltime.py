from datetime import UTC, datetime, timedelta

from commentdesk.core.models import Comment
from commentdesk.lib.sqltime import SecondsBetween
from tests.conftest import post_comment


def test_seconds_between_are_computed_by_the_database(story_a):
    comment = post_comment(story_a)
    submitted = datetime(2026, 3, 1, 23, 59, 30, tzinfo=UTC)
    Comment.objects.filter(pk=comment.pk).update(
        submitted_at=submitted, decided_at=submitted + timedelta(minutes=2, seconds=15)
    )
    row = Comment.objects.annotate(waited=SecondsBetween("decided_at", "submitted_at")).get(
        pk=comment.pk
    )
    assert round(row.waited, 3) == 135.0
