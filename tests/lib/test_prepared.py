"""Prepared queries and inserts give what the ORM gives, compiled once."""

import pytest
from django.db import connection
from django.db.models import F
from django.utils.timezone import now

from commentdesk.core.models import AuditEvent, Revision, Story
from commentdesk.lib.prepared import Prepared, insert

pytestmark = pytest.mark.django_db

STORY = Prepared(
    lambda story_id: (
        Story.objects.select_related("site").annotate(site_name=F("site__name")).filter(pk=story_id)
    ),
    -1,
)


def test_a_prepared_query_gives_the_instance_the_orm_gives(story_a, site_a):
    story = STORY(story_a.pk)
    expected = Story.objects.select_related("site").get(pk=story_a.pk)
    fields = [f.attname for f in Story._meta.concrete_fields]
    assert [getattr(story, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert story.published_at.tzinfo is not None  # the database's converters ran
    assert story.site.domains == site_a.domains  # and the JSON field's
    assert story.site_name == site_a.name
    assert story._state.adding is False


def test_each_call_runs_with_its_own_arguments(story_a, site_a):
    from tests.conftest import make_story

    other = make_story(site_a)
    assert [STORY(story_a.pk).pk, STORY(other.pk).pk, STORY(0)] == [story_a.pk, other.pk, None]


@pytest.mark.postgres
def test_on_postgresql_a_query_run_often_is_parsed_and_planned_once_per_connection(story_a):
    for _ in range(6):
        assert STORY(story_a.pk) is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert len([s for s in prepared if s.startswith('SELECT "core_story"."id"')]) == 1


def test_a_placeholder_the_sql_does_not_carry_once_is_refused(story_a):
    twice = Prepared(lambda text: Story.objects.filter(url=text, title=text), "placeholder")
    with pytest.raises(ValueError, match="2 times"):
        twice(story_a.pk)


def test_an_insert_stores_the_row_and_gives_it_its_key(story_a, site_a):
    event = AuditEvent(
        site=site_a, action="story.settings_changed", note="n", data={"a": 1}, created_at=now()
    )
    insert(event)
    assert event.pk is not None and event._state.adding is False
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.note, stored.data) == ("story.settings_changed", "n", {"a": 1})


def test_an_insert_runs_the_fields_pre_save(story_a):
    from tests.conftest import post_comment

    revision = Revision(comment=post_comment(story_a), body_before="a", body_after="b")
    insert(revision)
    assert Revision.objects.get(pk=revision.pk).created_at == revision.created_at is not None


def test_an_insert_of_a_model_with_save_receivers_is_refused(site_a):
    story = Story(site=site_a, url="https://a.example/new", title="New")
    with pytest.raises(TypeError, match="signal receivers"):
        insert(story)  # the story snapshot listens to its saves


def test_an_insert_of_a_row_with_its_key_already_is_refused(site_a):
    event = AuditEvent(site=site_a, action="story.settings_changed", created_at=now())
    insert(event)
    with pytest.raises(TypeError, match="key already"):
        insert(event)


def _comment_with_rows(story, body="Stored together."):
    from commentdesk.core.models import Comment, Commenter
    from commentdesk.screening.models import ScreeningRecord

    commenter = Commenter.objects.create(site=story.site, identity_key=body, display_name="R")
    comment = Comment(
        story=story, commenter=commenter, display_name="R", body=body, submitted_at=now()
    )
    record = ScreeningRecord(
        comment=comment, site=story.site, commenter_id=commenter.pk, content_hash="h",
        simhash=1, created_at=now(),
    )  # fmt: skip
    event = AuditEvent(site=story.site, comment=comment, action="comment.submitted",
                       created_at=now())  # fmt: skip
    return comment, record, event


def test_rows_inserted_together_refer_to_the_first_by_its_new_key(story_a):
    from commentdesk.lib.prepared import insert_together
    from commentdesk.screening.models import ScreeningRecord

    comment, record, event = _comment_with_rows(story_a)
    insert_together(comment, record, event)
    assert (record.pk, event.comment_id) == (comment.pk, comment.pk)
    assert ScreeningRecord.objects.get(pk=comment.pk).simhash == 1
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.comment_id, stored.commenter_id) == (comment.pk, None)
    assert not any(obj._state.adding for obj in (comment, record, event))


def test_a_row_that_does_not_refer_to_the_first_is_refused(story_a, site_a):
    from commentdesk.lib.prepared import insert_together

    comment, record, _ = _comment_with_rows(story_a)
    unrelated = AuditEvent(site=site_a, action="story.settings_changed", created_at=now())
    with pytest.raises(ValueError, match="does not refer"):
        insert_together(comment, record, unrelated)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_rows_go_together_in_one_statement_that_stores_all_or_nothing(story_a):
    from django.db import IntegrityError
    from django.test.utils import CaptureQueriesContext

    from commentdesk.core.models import Comment
    from commentdesk.lib.prepared import insert_together

    comment, record, event = _comment_with_rows(story_a)
    with CaptureQueriesContext(connection) as queries:
        insert_together(comment, record, event)
    assert len(queries) == 1 and connection.get_autocommit()  # no BEGIN, no COMMIT
    again, record, event = _comment_with_rows(story_a, body="Refused with its rows.")
    event.action = None  # NOT NULL: the last row fails, so the statement stores nothing
    with pytest.raises(IntegrityError):
        insert_together(again, record, event)
    assert list(Comment.objects.values_list("body", flat=True)) == ["Stored together."]
