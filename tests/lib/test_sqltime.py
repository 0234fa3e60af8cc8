from datetime import UTC, datetime, timedelta

from commentdesk.core.models import Comment
from commentdesk.lib.sqltime import HourBucket, SecondsBetween
from tests.conftest import post_comment


def test_seconds_and_hour_buckets_are_computed_by_the_database(story_a):
    comment = post_comment(story_a)
    submitted = datetime(2026, 3, 1, 23, 59, 30, tzinfo=UTC)
    Comment.objects.filter(pk=comment.pk).update(
        submitted_at=submitted, decided_at=submitted + timedelta(minutes=2, seconds=15)
    )
    row = Comment.objects.annotate(
        waited=SecondsBetween("decided_at", "submitted_at"),
        hour=HourBucket("decided_at"),
        day=HourBucket("decided_at", daily=True),
    ).get(pk=comment.pk)
    assert round(row.waited, 3) == 135.0
    assert row.hour == "2026-03-02 00:00"
    assert row.day == "2026-03-02 00:00"
    row = Comment.objects.annotate(hour=HourBucket("submitted_at")).get(pk=comment.pk)
    assert row.hour == "2026-03-01 23:00"
