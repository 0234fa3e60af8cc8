"""A commenter's data can be exported and erased on request; retention purges on schedule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Commenter, Revision
from commentdesk.core.services import moderation
from commentdesk.core.services.privacy import erase_commenter, export_commenter, purge_expired
from tests.conftest import post_comment


@pytest.fixture
def maria(story_a):
    """A reader who gave her e-mail and has a published, an edited and a pending comment."""
    return post_comment(story_a, "First!", display_name="Maria", email="maria@example.org")


def test_the_export_holds_every_comment_and_the_email_but_no_hashes(
    maria, story_a, alice, rule_a, carol
):
    moderation.edit_comment(maria.pk, moderator=alice, rule=rule_a, body="First (edited)")
    post_comment(story_a, "Second", display_name="Maria", email="maria@example.org")
    data = export_commenter(maria.commenter, actor=carol)
    assert data["commenter"]["email"] == "maria@example.org"
    assert [c["body"] for c in data["comments"]] == ["First (edited)", "Second"]
    assert data["comments"][0]["revisions"][0]["before"] == "First!"
    assert "network_hash" not in str(data) and "nh-test" not in str(data)
    event = AuditEvent.objects.get(action="commenter.exported")
    assert event.actor == carol and event.commenter == maria.commenter


def test_erasure_empties_names_email_texts_and_revisions_and_is_audited(
    maria, story_a, alice, rule_a, carol
):
    moderation.approve_comment(maria.pk, moderator=alice)
    moderation.edit_comment(
        maria.pk, moderator=alice, rule=rule_a, body="x", seen_status="approved"
    )
    maria.refresh_from_db()
    reply = post_comment(story_a, "A reply by someone else", parent=maria, display_name="Ola")
    version = type(story_a).objects.get(pk=story_a.pk).thread_version

    erasure = erase_commenter(maria.commenter, actor=carol, note="request #42")

    assert erasure.comments == 1
    maria.refresh_from_db()
    assert (maria.body, maria.display_name, maria.status) == ("", "", "deleted")
    assert not Revision.objects.filter(comment=maria).exists()
    commenter = Commenter.objects.get(pk=maria.commenter_id)
    assert commenter.email == "" and commenter.display_name == "Erased commenter"
    assert Comment.objects.get(pk=reply.pk).body == "A reply by someone else"
    assert type(story_a).objects.get(pk=story_a.pk).thread_version > version
    event = AuditEvent.objects.get(action="commenter.erased")
    assert (event.actor, event.note, event.data) == (carol, "request #42", {"comments": 1})


def test_after_erasure_the_same_reader_starts_a_new_record(maria, story_a, carol):
    erase_commenter(maria.commenter, actor=carol)
    again = post_comment(story_a, "Back", display_name="Maria", email="maria@example.org")
    assert again.commenter_id != maria.commenter_id


def test_the_purge_removes_old_network_hashes_and_keeps_recent_ones(story_a):
    old = post_comment(story_a, "old")
    new = post_comment(story_a, "new")
    Comment.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(hours=25))
    purge = purge_expired()
    assert purge.network_hashes == 1
    assert Comment.objects.get(pk=old.pk).network_hash == ""
    assert Comment.objects.get(pk=new.pk).network_hash == "nh-test"


def test_the_purge_erases_deleted_comments_after_the_retention_period(story_a):
    gone = post_comment(story_a, "I deleted this")
    recent = post_comment(story_a, "deleted just now")
    Comment.objects.filter(pk__in=[gone.pk, recent.pk]).update(status="deleted")
    Comment.objects.filter(pk=gone.pk).update(submitted_at=timezone.now() - timedelta(days=31))
    assert purge_expired().deleted_comments == 1
    assert Comment.objects.get(pk=gone.pk).body == ""
    assert Comment.objects.get(pk=recent.pk).body == "deleted just now"
    assert purge_expired().deleted_comments == 0  # nothing left to do: safe to run again


def test_rejected_texts_are_kept_unless_a_retention_is_set(story_a, alice, rule_a, settings):
    rejected = post_comment(story_a, "rejected text")
    moderation.reject_comment(rejected.pk, moderator=alice, rule=rule_a)
    Comment.objects.filter(pk=rejected.pk).update(decided_at=timezone.now() - timedelta(days=100))
    assert purge_expired().rejected_comments == 0
    settings.RETAIN_REJECTED_DAYS = 90
    assert purge_expired().rejected_comments == 1
    rejected.refresh_from_db()
    assert (rejected.body, rejected.status) == ("", "rejected")


def test_only_the_given_email_is_kept_and_it_is_never_on_the_public_page(client, story_a, alice):
    with_email = post_comment(story_a, "mine", display_name="E", email="e@example.org")
    without = post_comment(story_a, "no mail", display_name="N")
    assert Commenter.objects.get(pk=without.commenter_id).email == ""
    moderation.approve_comment(with_email.pk, moderator=alice)
    page = client.get(f"/comments/{story_a.pk}/").content.decode()
    assert "mine" in page and "e@example.org" not in page


def test_screening_fingerprints_and_hashes_follow_the_same_rules(story_a, carol):
    from commentdesk.screening.models import ScreeningRecord

    old = post_comment(story_a, "old words")
    ScreeningRecord.objects.filter(comment=old).update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    purge_expired()
    assert ScreeningRecord.objects.get(comment=old).network_hash == ""
    erase_commenter(old.commenter, actor=carol)
    assert not ScreeningRecord.objects.filter(comment=old).exists()
