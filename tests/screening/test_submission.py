"""Every submitted comment is screened inline, and the evidence is stored with it."""

import re
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commentdesk.core.models import AuditEvent, Comment, ModerationMode
from commentdesk.screening.assistant import DUPLICATES_FULL, VELOCITY_FULL, signal_values
from commentdesk.screening.model import SIGNALS
from commentdesk.screening.models import ScreeningSettings, TermList
from commentdesk.screening.stages import spam_caps
from tests.conftest import make_story, post_comment


def configure(site, **fields) -> ScreeningSettings:
    settings, _ = ScreeningSettings.objects.get_or_create(site=site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def add_terms(site, action: str, terms: str, language: str = "") -> None:
    TermList.objects.create(settings=configure(site), action=action, terms=terms, language=language)


def test_a_submitted_comment_carries_every_stages_result(story_a):
    comment = post_comment(story_a, body="The council should publish the budget before the vote.")
    stages = comment.screening["stages"]
    assert set(stages) == {"length", "language", "terms", "links", "toxicity", "spam"}
    assert all({"verdict", "reason", "data"} <= set(s) for s in stages.values())
    assert comment.language == "en"
    assert comment.screening["verdict"] == "pass"
    assert 0 < comment.reject_score < 0.5


def test_a_banned_term_holds_a_comment_that_would_publish_at_once(site_a):
    story = make_story(site_a, moderation_mode=ModerationMode.POST)
    add_terms(site_a, "hold", "idiot\nmoron")
    held = post_comment(story, body="You are an 1d1ot.")
    fine = post_comment(story, body="You are right.")
    assert (held.status, fine.status) == (Comment.Status.PENDING, Comment.Status.APPROVED)
    assert held.screening["stages"]["terms"]["data"]["matches"] == [
        {"term": "idiot", "action": "hold", "start": 11, "end": 16}
    ]


def test_a_changed_term_list_applies_to_the_next_comment(story_a):
    add_terms(story_a.site, "flag", "alpha")
    assert post_comment(story_a, body="beta here").screening["verdict"] == "pass"
    TermList.objects.filter(settings__site=story_a.site).update(terms="beta")  # no signal
    TermList.objects.get(settings__site=story_a.site).save()  # saving bumps the revision
    assert post_comment(story_a, body="beta here").screening["verdict"] == "flag"


def test_rejecting_terms_do_nothing_automatic_until_the_site_turns_it_on(story_a):
    add_terms(story_a.site, "reject", "casino")
    comment = post_comment(story_a, body="Best casino bonus")
    assert comment.status == Comment.Status.PENDING
    assert comment.screening["verdict"] == "reject"
    configure(story_a.site, automatic_actions=True)
    comment = post_comment(story_a, body="Best casino bonus again")
    assert comment.status == Comment.Status.REJECTED
    event = AuditEvent.objects.get(comment=comment, action="comment.auto_rejected")
    assert "casino" in event.note


def test_links_follow_the_sites_policy(story_a):
    configure(story_a.site, link_policy="hold", blocked_domains="spam.example\n",
              allowed_domains="wikipedia.org")  # fmt: skip
    own = post_comment(story_a, body="See https://a.example/story and https://en.wikipedia.org/x")
    other = post_comment(story_a, body="Look at www.elsewhere.example/page")
    blocked = post_comment(story_a, body="cheap at https://shop.spam.example/deal")
    verdicts = [c.screening["stages"]["links"]["verdict"] for c in (own, other, blocked)]
    assert verdicts == ["pass", "hold", "reject"]
    assert [link["domain"] for link in own.screening["stages"]["links"]["data"]["links"]] == [
        "a.example",
        "en.wikipedia.org",
    ]


def test_a_long_comment_is_held_when_the_site_sets_a_length(story_a):
    configure(story_a.site, hold_longer_than=20)
    comment = post_comment(story_a, body="This comment is longer than twenty characters.")
    assert comment.screening["stages"]["length"]["verdict"] == "hold"


def test_the_same_text_on_other_stories_is_a_spam_signal(site_a):
    stories = [make_story(site_a) for _ in range(3)]
    text = "Earn 5000 a week from home, ask me how"
    for n, story in enumerate(stories):
        comment = post_comment(story, body=text, display_name=f"R{n}", network_hash=f"n{n}")
    spam = comment.screening["stages"]["spam"]
    assert spam["data"]["same_text"] == 2
    assert spam["verdict"] == "flag"
    assert "Same text posted 3 times in 60 minutes" in spam["reason"]


def test_nearly_the_same_text_is_a_spam_signal_too(story_a):
    post_comment(story_a, body="Earn 5000 dollars a week from home, ask me how", network_hash="x")
    post_comment(story_a, body="Earn 5000 dollars a week from home, ask me how!!", network_hash="y")
    comment = post_comment(
        story_a, body="Earn 5000 dollars a week from home; ask me how.", network_hash="z"
    )
    spam = comment.screening["stages"]["spam"]["data"]
    assert (spam["same_text"], spam["similar_text"]) == (2, 0)  # punctuation ignored
    near = post_comment(
        story_a, body="Earn 5000 dollars a week from hom, ask me how", network_hash="w"
    )
    spam = near.screening["stages"]["spam"]["data"]
    assert (spam["same_text"], spam["similar_text"]) == (0, 3)


def test_many_comments_from_one_network_address_is_a_velocity_signal(story_a):
    for n in range(6):
        comment = post_comment(story_a, body=f"Opinion number {n}", display_name=f"N{n}")
    spam = comment.screening["stages"]["spam"]
    assert spam["data"]["same_network"] == 5
    assert "6 comments from this network" in spam["reason"]


def test_a_flood_from_one_network_is_counted_as_far_as_the_flag_and_the_assistant_need(story_a):
    configure(story_a.site, velocity_flag_count=12)  # counted up to 11 earlier comments
    spam = [
        post_comment(story_a, body=f"Opinion number {n}", display_name=f"N{n}").screening
        for n in range(13)
    ]
    network = [s["stages"]["spam"]["data"]["same_network"] for s in spam]
    assert network == [*range(12), 11]
    reasons = [s["stages"]["spam"]["reason"] for s in spam]
    assert "from this network" not in reasons[10]
    assert all("12 or more comments from this network" in r for r in reasons[11:])
    assert signal_values(spam[-1])[SIGNALS.index("velocity")] == 1.0


def test_spam_counts_go_at_least_as_far_as_the_assistants_signals(site_a):
    caps = spam_caps(configure(site_a, duplicate_flag_count=2, velocity_flag_count=2))
    assert (caps.same_text, caps.velocity) == (DUPLICATES_FULL, VELOCITY_FULL)


def test_english_toxicity_is_scored_and_other_languages_are_not(story_a):
    rude = post_comment(story_a, body="You are a stupid idiot and a moron.")
    korean = post_comment(story_a, body="이 기사는 정말 좋은 정보를 담고 있네요.")
    assert rude.screening["stages"]["toxicity"]["data"]["score"] > 0.9
    assert rude.screening["stages"]["toxicity"]["verdict"] == "flag"
    assert korean.screening["stages"]["toxicity"]["data"]["score"] is None


def test_one_commenters_comments_from_several_networks_are_a_velocity_signal(story_a):
    for n in range(6):
        comment = post_comment(story_a, body=f"Opinion number {n}", email="one@example.org",
                               network_hash=f"net-{n}")  # fmt: skip
    spam = comment.screening["stages"]["spam"]["data"]
    assert (spam["same_commenter"], spam["same_network"]) == (5, 0)


def test_comments_without_a_network_address_share_no_network(story_a):
    for n in range(3):
        comment = post_comment(story_a, body=f"Opinion number {n}", network_hash="")
    assert comment.screening["stages"]["spam"]["data"]["same_network"] == 0


def form_post(client, story, body: str) -> Comment:
    page = client.get(f"/comments/{story.pk}/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    data = {"display_name": "Reader", "body": body, "consent": "on", "form_token": token}
    assert client.post(f"/comments/{story.pk}/", data).status_code == 302
    return Comment.objects.get(body=body)


def test_a_settings_change_applies_from_the_next_comment(client, story_a):
    """Each process keeps a site's settings while their revision, read with the story, holds."""
    first = form_post(client, story_a, "Long enough to be held, one day.")
    assert first.screening["stages"]["length"]["verdict"] == "pass"
    configure(story_a.site, hold_longer_than=20)  # as the admin saves it
    second = form_post(client, story_a, "Long enough to be held, from now on.")
    assert second.screening["stages"]["length"]["verdict"] == "hold"


def test_a_settings_change_saved_by_another_process_applies_from_the_next_comment(client, story_a):
    form_post(client, story_a, "This process now keeps the site's settings.")
    # Another app server's save writes the row and a new revision; nothing here hears of it.
    ScreeningSettings.objects.filter(site=story_a.site).update(
        hold_longer_than=20, revision=uuid.uuid4().hex
    )
    comment = form_post(client, story_a, "Long enough to be held, from now on.")
    assert comment.screening["stages"]["length"]["verdict"] == "hold"


def test_unchanged_settings_are_not_read_again_for_each_comment(client, story_a):
    form_post(client, story_a, "The first comment reads the site's settings.")
    with CaptureQueriesContext(connection) as captured:
        form_post(client, story_a, "The next one finds them in the process.")
    assert not [q for q in captured if 'FROM "screening_screeningsettings"' in q["sql"]]
