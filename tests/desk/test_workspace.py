"""The queue's tabs, filters, counts and pulse."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commentdesk.core.models import Comment, Report
from commentdesk.core.services import claims, moderation
from tests.conftest import make_moderator, make_story, post_comment


def queue_html(client, **params) -> str:
    return client.get(reverse("desk:queue"), params).content.decode()


@pytest.fixture
def mixed(story_a, alice, rule_a):
    """One comment in every state the tabs know."""
    comments = {
        name: post_comment(story_a, body=f"{name} words")
        for name in ["pending", "flagged", "reported", "approved", "rejected", "spam"]
    }
    Comment.objects.filter(pk=comments["flagged"].pk).update(reject_score=0.9)
    held = post_comment(story_a, body="held words")
    Comment.objects.filter(pk=held.pk).update(screening={"verdict": "hold"}, reject_score=0.1)
    comments["held"] = held
    moderation.approve_comment(comments["reported"].pk, moderator=alice)
    Report.objects.create(comment=comments["reported"], reason="abuse")
    Report.objects.create(comment=comments["reported"], reason="abuse")
    moderation.approve_comment(comments["approved"].pk, moderator=alice)
    moderation.reject_comment(comments["rejected"].pk, moderator=alice, rule=rule_a)
    moderation.mark_spam(comments["spam"].pk, moderator=alice)
    return comments


@pytest.mark.parametrize(
    ("tab", "shown"),
    [
        ("pending", {"pending", "flagged", "held"}),
        ("flagged", {"flagged", "held"}),
        ("reported", {"reported"}),
        ("approved", {"approved", "reported"}),
        ("rejected", {"rejected"}),
        ("spam", {"spam"}),
        ("all", {"pending", "flagged", "held", "reported", "approved", "rejected", "spam"}),
    ],
)
def test_each_tab_holds_its_comments(mixed, alice_client, tab, shown):
    html = queue_html(alice_client, tab=tab)
    assert {name for name in mixed if f"{name} words" in html} == shown


def test_the_tabs_show_counts(mixed, alice_client):
    html = queue_html(alice_client)
    for tab, count in [
        ("pending", 3),
        ("flagged", 2),
        ("reported", 1),
        ("approved", 2),
        ("all", 7),
    ]:
        assert f'data-count-for="{tab}">{count}</span>' in html


def test_the_reported_tab_shows_reasons_and_counts(mixed, alice_client):
    html = queue_html(alice_client, tab="reported")
    assert "2 open reports: Abusive or hateful (2)" in html
    assert "Dismiss reports" in html


def test_filters_narrow_the_queue_and_its_counts(site_a, story_a, alice_client):
    other_story = make_story(site_a, title="Budget debate")
    post_comment(story_a, body="About the summit", display_name="Ann")
    german = post_comment(other_story, body="Über den Haushalt", display_name="Jörg")
    Comment.objects.filter(pk=german.pk).update(language="de")
    old = post_comment(story_a, body="Old words")
    Comment.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=10))

    assert "About the summit" not in queue_html(alice_client, story=other_story.pk)
    html = queue_html(alice_client, language="de")
    assert "Über den Haushalt" in html and "About the summit" not in html
    assert 'data-count-for="pending">1</span>' in html
    html = queue_html(alice_client, q="SUMMIT")
    assert "About the summit" in html and "Haushalt" not in html
    assert "Über den Haushalt" in queue_html(alice_client, q="jörg")
    html = queue_html(alice_client, commenter=german.commenter_id)
    assert "Haushalt" in html and "About the summit" not in html
    since = (timezone.now() - timedelta(days=2)).date().isoformat()
    assert "Old words" not in queue_html(alice_client, since=since)
    until = (timezone.now() - timedelta(days=5)).date().isoformat()
    html = queue_html(alice_client, until=until)
    assert "Old words" in html and "About the summit" not in html


def test_bad_filter_values_are_ignored_not_an_error(story_a, alice_client):
    post_comment(story_a, body="Still listed")
    response = alice_client.get(
        reverse("desk:queue"),
        {"tab": "nonsense", "story": "x", "since": "yesterday", "size": "9999"},
    )
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_orders_put_the_likeliest_rejection_first(story_a, alice_client):
    for score in (0.2, 0.95, 0.5):
        comment = post_comment(story_a, body=f"score {score}")
        Comment.objects.filter(pk=comment.pk).update(reject_score=score)
    html = queue_html(alice_client, order="likely")
    assert html.index("score 0.95") < html.index("score 0.5") < html.index("score 0.2")
    html = queue_html(alice_client, order="uncertain")
    assert html.index("score 0.5") < html.index("score 0.2")


def test_show_more_returns_the_next_items_only(story_a, alice_client):
    for n in range(5):
        post_comment(story_a, body=f"Numbered {n}")
    first = queue_html(alice_client, size=2)
    assert "Numbered 1" in first and "Numbered 2" not in first
    assert "Show more comments" in first
    more = alice_client.get(
        reverse("desk:queue"), {"size": 2, "offset": 2}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Numbered 2" in more and "Numbered 1" not in more
    assert "<html" not in more


def test_a_page_of_500_comments_renders(story_a, alice_client):
    commenter = post_comment(story_a).commenter
    Comment.objects.bulk_create(
        Comment(
            story=story_a,
            commenter=commenter,
            display_name="Bulk",
            body=f"Bulk {n}",
            submitted_at=timezone.now(),
            terms_version="1",
        )
        for n in range(500)
    )
    html = queue_html(alice_client, size=500)
    assert html.count('class="desk-item ') == 500
    assert "Show more comments" in html


def test_the_pulse_reports_counts_claims_and_decisions_by_others(story_a, alice_client, site_a):
    dana = make_moderator("dana", site_a)
    held, decided = post_comment(story_a), post_comment(story_a)
    claims.claim_comment(held.pk, moderator=dana)
    moderation.approve_comment(decided.pk, moderator=dana)
    data = alice_client.post(
        reverse("desk:pulse") + "?tab=pending", {"ids": f"{held.pk},{decided.pk}"}
    ).json()
    assert data["counts"]["pending"] == "1"
    assert data["claims"][str(held.pk)].startswith("dana until")
    assert data["statuses"][str(decided.pk)] == "approved"


def test_the_pulse_renews_my_claim_on_the_focused_comment(story_a, alice, alice_client):
    comment = post_comment(story_a)
    alice_client.post(reverse("desk:pulse"), {"ids": "", "focused": str(comment.pk)})
    assert claims.holds([comment.pk])[comment.pk].is_mine(alice)


def test_counts_are_capped_for_huge_tabs(story_a, alice_client, monkeypatch):
    from commentdesk.desk import queues

    monkeypatch.setattr(queues, "COUNT_CAP", 2)
    for _ in range(3):
        post_comment(story_a)
    assert 'data-count-for="pending">2+</span>' in queue_html(alice_client)


def test_leaving_the_desk_releases_my_claim(story_a, alice, alice_client, site_a):
    comment = post_comment(story_a)
    alice_client.post(reverse("desk:claim", args=[comment.pk]))
    assert claims.holds([comment.pk])[comment.pk].is_mine(alice)
    assert alice_client.post(reverse("desk:release")).status_code == 204
    assert claims.holds([comment.pk]) == {}


def test_the_comment_page_claims_it_and_can_pulse(story_a, alice, alice_client):
    comment = post_comment(story_a)
    html = alice_client.get(reverse("desk:comment", args=[comment.pk])).content.decode()
    assert "You hold this comment until" in html
    assert f'data-pulse-url="{reverse("desk:pulse")}"' in html
