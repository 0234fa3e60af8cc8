import pytest

from commentdesk.core.models import AuditEvent, Comment, Commenter, ModerationMode
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.submission import hash_secret, submit_comment
from tests.conftest import post_comment


def submit(story, **overrides):
    fields = {"display_name": "Reader", "body": "Hello", "consent": True}
    fields.update(overrides)
    return submit_comment(story, **fields)


def test_a_new_comment_is_pending_and_audited(story_a):
    submitted = submit(story_a, body="First!")
    comment = submitted.comment
    assert comment.status == Comment.Status.PENDING
    assert comment.published_at is None
    assert comment.terms_version == story_a.site.terms_version
    event = AuditEvent.objects.get(comment=comment)
    assert (event.action, event.actor, event.status_after) == ("comment.submitted", None, "pending")


def test_the_body_is_stored_as_typed_after_normalisation(story_a):
    comment = submit(story_a, body="  <b>hi</b>\r\nsecond\x00 line  ").comment
    comment.refresh_from_db()
    assert comment.body == "<b>hi</b>\nsecond line"


def test_the_secret_is_returned_once_and_only_its_hash_is_stored(story_a):
    submitted = submit(story_a)
    assert submitted.secret not in submitted.comment.secret_hash
    assert submitted.comment.secret_hash == hash_secret(submitted.secret)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"body": "   "}, "body"),
        ({"display_name": ""}, "display_name"),
        ({"consent": False}, "consent"),
        ({"email": "not-an-address"}, "email"),
        ({"display_name": "x" * 61}, "display_name"),
    ],
)
def test_it_refuses_bad_input_with_a_message_for_the_field(story_a, overrides, field):
    with pytest.raises(SubmissionRefused) as refusal:
        submit(story_a, **overrides)
    assert list(refusal.value.errors) == [field]
    assert not Comment.objects.exists()


def test_the_length_limit_counts_grapheme_clusters(story_a):
    story_a.site.max_comment_length = 10
    story_a.site.save()
    khmer = "ក្រ" * 10  # 30 code points, 10 clusters
    assert submit(story_a, body=khmer).comment.body == khmer
    with pytest.raises(SubmissionRefused) as refusal:
        submit(story_a, body=khmer + "ក")
    assert "at most 10 characters" in refusal.value.errors["body"][0]


def test_closed_stories_refuse_comments(story_a):
    story_a.comments_open = False
    story_a.save()
    with pytest.raises(SubmissionRefused) as refusal:
        submit(story_a)
    assert refusal.value.code == "closed"


def test_a_reply_must_answer_a_published_comment_of_the_same_story(story_a, alice):
    pending = post_comment(story_a)
    with pytest.raises(SubmissionRefused) as refusal:
        submit(story_a, parent=pending)
    assert "parent" in refusal.value.errors


def test_the_same_email_is_the_same_commenter(story_a):
    one = submit(story_a, email="ann@example.org", display_name="Ann").comment
    two = submit(story_a, email="ANN@example.org", display_name="Ann L.").comment
    assert one.commenter_id == two.commenter_id
    assert Commenter.objects.count() == 1


def test_banned_commenters_are_refused_with_a_clear_message(story_a):
    first = submit(story_a, email="troll@example.org").comment
    Commenter.objects.filter(pk=first.commenter_id).update(state=Commenter.State.BANNED)
    with pytest.raises(SubmissionRefused) as refusal:
        submit(story_a, email="troll@example.org")
    assert refusal.value.code == "commenter_blocked"
    assert "no longer comment" in refusal.value.errors["body"][0]


def test_post_moderated_stories_publish_at_once_and_move_the_thread_version(story_a):
    story_a.moderation_mode = ModerationMode.POST
    story_a.save()
    comment = submit(story_a).comment
    story_a.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert story_a.thread_version == 2
