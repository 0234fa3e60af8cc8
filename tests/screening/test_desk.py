"""The desk shows each comment's screening evidence, and sorts and filters the queue."""

from django.urls import reverse

from commentdesk.core.models import Comment, ModeratorProfile
from tests.conftest import post_comment
from tests.screening.test_submission import add_terms


def queue_html(client, **params) -> str:
    return client.get(reverse("desk:queue"), params).content.decode()


def test_the_queue_shows_why_a_comment_was_flagged(story_a, alice_client):
    add_terms(story_a.site, "hold", "idiot")
    body = "You <b>1d10t</b>, read the article before you comment: https://spam.example/x"
    post_comment(story_a, body=body)
    html = queue_html(alice_client)
    assert '<mark class="screening-term">1d10t</mark>' in html
    assert "&lt;b&gt;" in html and "<b>1d10t" not in html  # reader's markup stays text
    assert "<code>spam.example</code>" in html
    assert "Banned term “idiot”" in html
    assert "en</span> (Latn script)" in html
    assert "likely to be rejected" in html and "prior only, no decisions yet" in html
    assert "Commenter's record: 0 approved, 0 rejected, 0 spam, 1 pending." in html


def test_the_comment_page_shows_the_evidence_and_the_driving_sequences(
    story_a, alice, alice_client, rule_a, django_capture_on_commit_callbacks
):
    from commentdesk.core.services import moderation

    for n in range(4):
        comment = post_comment(story_a, body=f"pillz {n}")
        with django_capture_on_commit_callbacks(execute=True):
            moderation.reject_comment(comment.pk, moderator=alice, rule=rule_a)
    comment = post_comment(story_a, body="Get your pillz & more")
    html = alice_client.get(reverse("desk:comment", args=[comment.pk])).content.decode()
    assert "learned from 4 decisions" in html
    assert 'class="screening-driver">' in html
    assert "&amp; more" in html


def test_the_queue_sorts_by_likely_rejection_and_uncertainty(story_a, alice_client):
    bodies = {0.9: "Sure reject", 0.1: "Sure approve", 0.55: "Coin toss"}
    for score, body in bodies.items():
        Comment.objects.filter(pk=post_comment(story_a, body=body).pk).update(reject_score=score)
    unscored = post_comment(story_a, body="Never scored")
    Comment.objects.filter(pk=unscored.pk).update(reject_score=None)

    def order(html):
        return sorted(["Sure reject", "Sure approve", "Coin toss", "Never scored"], key=html.index)

    assert order(queue_html(alice_client)) == [
        "Sure reject", "Sure approve", "Coin toss", "Never scored"]  # fmt: skip
    assert order(queue_html(alice_client, order="likely")) == [
        "Sure reject", "Coin toss", "Sure approve", "Never scored"]  # fmt: skip
    assert order(queue_html(alice_client, order="uncertain")) == [
        "Coin toss", "Sure reject", "Sure approve", "Never scored"]  # fmt: skip


def test_the_queue_filters_by_language_and_puts_my_languages_first(story_a, alice, alice_client):
    post_comment(story_a, body="The council should publish the budget before the vote.")
    post_comment(story_a, body="這篇報導寫得很好，我們應該關注這個問題。")
    post_comment(story_a, body="ཁྱོད་ཀྱི་གསར་འགྱུར་འདི་ཡག་པོ་འདུག")
    html = queue_html(alice_client, language="zh")
    assert "這篇報導" in html and "council" not in html and "ཁྱོད" not in html
    ModeratorProfile.objects.create(user=alice, languages=["bo"])
    html = queue_html(alice_client)
    assert html.index("ཁྱོད") < html.index("council") < html.index("這篇報導")


def test_the_evidence_costs_the_same_queries_for_a_long_page(story_a, alice_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n):
        for i in range(n):
            post_comment(story_a, body=f"Comment {i} https://x{i}.example", display_name=f"R{i}")
        with CaptureQueriesContext(connection) as captured:
            alice_client.get(reverse("desk:queue"), {"order": "likely"})
        return len(captured)

    assert queries(1) == queries(20)
