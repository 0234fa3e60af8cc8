from django.urls import reverse

from commentdesk.core.services import moderation
from commentdesk.core.services.threads import build_thread
from tests.conftest import post_comment


def test_a_featured_comment_comes_first_in_the_thread_with_its_replies(story_a, alice):
    first = moderation.approve_comment(post_comment(story_a, body="First").pk, moderator=alice)
    second = moderation.approve_comment(post_comment(story_a, body="Second").pk, moderator=alice)
    reply = post_comment(story_a, body="Reply to second", parent=second)
    moderation.approve_comment(reply.pk, moderator=alice)
    moderation.feature_comment(second.pk, moderator=alice)
    thread = build_thread(story_a)
    assert [node.comment.pk for node in thread] == [second.pk, first.pk]
    assert [node.comment.pk for node in thread[0].replies] == [reply.pk]


def test_the_public_thread_marks_the_editors_pick(story_a, alice, client):
    comment = moderation.approve_comment(
        post_comment(story_a, body="Insightful").pk, moderator=alice
    )
    moderation.feature_comment(comment.pk, moderator=alice)
    html = client.get(reverse("public:comments", args=[story_a.pk])).content.decode()
    assert "Editor&#x27;s pick" in html or "Editor's pick" in html
