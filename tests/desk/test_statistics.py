"""The statistics' figures over a period, computed by desk.statistics."""

from datetime import UTC, datetime, timedelta

from commentdesk.core.models import AuditEvent, Site
from commentdesk.desk import statistics
from tests.conftest import post_comment

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def decide(story, moderator, at, action="comment.approved", rule=None):
    comment = post_comment(story)
    AuditEvent.objects.create(
        site=story.site, comment=comment, actor=moderator, action=action, rule=rule, created_at=at
    )


def scope(start, end):
    return statistics.Scope(sites=Site.objects.all(), start=start, end=end)


def test_decisions_are_counted_in_their_utc_hour_within_the_period(story_a, alice):
    for minutes in (-50, -10, 5, 15, 125):
        decide(story_a, alice, NOON + timedelta(minutes=minutes))
    rows = statistics.decisions_over_time(
        scope(NOON - timedelta(minutes=30), NOON + timedelta(hours=3))
    )
    assert [(row["bucket"], row["count"], row["hourly"]) for row in rows] == [
        (NOON - timedelta(hours=1), 1, True),  # the 11:00 hour counts from the period's start
        (NOON, 2, True),
        (NOON + timedelta(hours=2), 1, True),  # an hour without decisions is left out
    ]


def test_a_period_longer_than_three_days_is_counted_per_utc_day(story_a, alice):
    for days, hours in [(-1, -1), (-1, 1), (0, 1), (0, 11), (2, -13)]:
        decide(story_a, alice, NOON + timedelta(days=days, hours=hours))
    rows = statistics.decisions_over_time(scope(NOON - timedelta(days=1), NOON + timedelta(days=4)))
    midnight = NOON.replace(hour=0)
    assert [(row["bucket"], row["count"], row["hourly"]) for row in rows] == [
        (midnight - timedelta(days=1), 1, False),  # from the period's start, 12:00
        (midnight, 2, False),
        (midnight + timedelta(days=1), 1, False),
    ]


def test_rejections_are_counted_per_site_and_rule_most_first(story_a, story_b, alice, bob, rule_a):
    rule_b = story_b.site.rules.get(code="R3")
    decide(story_a, alice, NOON, "comment.rejected", rule_a)
    decide(story_b, bob, NOON, "comment.rejected", rule_b)
    decide(story_b, bob, NOON, "comment.rejected", rule_b)
    decide(story_b, bob, NOON, "comment.rejected")
    decide(story_a, alice, NOON, "comment.approved")
    rows = statistics.rejections_by_rule(scope(NOON, NOON + timedelta(hours=1)))
    assert rows[0] == {"site": story_b.site.name, "code": "R3", "title": rule_b.title, "count": 2}
    assert sorted((r["site"], r["code"], r["count"]) for r in rows[1:]) == [
        (story_a.site.name, "R1", 1),
        (story_b.site.name, "–", 1),
    ]
