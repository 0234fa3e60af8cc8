"""A reader with JavaScript off comments from the story page, in real Chromium."""

import pytest
from django.core.management import call_command

from commentdesk.core.models import Comment
from commentdesk.core.services import moderation

pytestmark = pytest.mark.browser


def test_a_reader_without_javascript_posts_and_later_sees_the_approved_comment(
    transactional_db, live_server, browser
):
    call_command("demo", no_serve=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/news/ngo-letter/")
    frame = page.frame_locator("iframe.commentdesk-noscript")
    frame.get_by_label("Display name").fill("No-JS reader")
    frame.get_by_label("Your comment (plain text)").fill("Posted <i>without</i> scripts\nline 2")
    frame.get_by_role("button", name="Send for moderation").click()

    # Consent was not given: refused with a message by the box, and nothing typed is lost.
    frame.get_by_text("Please accept the Terms of Use to post a comment.").wait_for()
    assert frame.get_by_label("Display name").input_value() == "No-JS reader"
    assert "<i>without</i>" in frame.get_by_label("Your comment (plain text)").input_value()

    frame.locator("#id_consent").check()
    frame.get_by_role("button", name="Send for moderation").click()
    frame.get_by_text("Your comment is awaiting moderation").wait_for()
    comment = Comment.objects.get(display_name="No-JS reader")
    assert comment.body == "Posted <i>without</i> scripts\nline 2"
    assert comment.status == "pending"

    moderator = comment.story.site.memberships.get().user
    moderation.approve_comment(comment.pk, moderator=moderator)
    page.reload()
    body = frame.locator(f"#c{comment.pk} .cd-body")
    assert body.inner_text() == "Posted <i>without</i> scripts\nline 2"
    context.close()
