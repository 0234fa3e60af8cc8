"""Every naughty string and XSS payload goes through every way text gets in, thousands of times.

The no-JS form, the JSON API and the moderator's edit each take the whole corpus
(``tests/fuzz/corpora``, copied from the team's shared data: the Big List of Naughty Strings
and PayloadsAllTheThings' XSS lists):
no answer is a server error, and each string is either stored exactly as the documented
normalisation gives (docs/integrators/comments-page.md) or refused with the specific message
that its normalised form earns. Display names take the corpus through the service.
"""

import re

import pytest

from commentdesk.core.models import Comment
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.submission import submit_comment
from commentdesk.lib.text import grapheme_length, normalise_line, normalise_text
from tests.conftest import make_story, post_comment
from tests.fuzz import corpus

CORPUS = corpus.everything()
# The whole corpus once per run: scripts/test runs these in the SQLite pass only.
pytestmark = pytest.mark.corpus


def test_the_corpus_is_all_there():
    assert len(corpus.naughty_strings()) > 700 and len(corpus.xss_payloads()) > 1400
    assert len(CORPUS) > 1900


def body_refusal(site, text: str) -> str | None:
    """The refusal the rules give this comment body, or None: it must be stored."""
    normalised = normalise_text(text)
    if not normalised:
        return "Please write a comment."
    if grapheme_length(normalised) > site.max_comment_length:
        return f"Comments can be at most {site.max_comment_length} characters long"
    return None


def _form_token(client, story) -> str:
    html = client.get(f"/comments/{story.pk}/").content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def test_every_string_through_the_form_is_stored_as_normalised_or_refused_specifically(
    client, site_a, figures
):
    story = make_story(site_a)
    token = _form_token(client, story)
    refused = 0
    for n, text in enumerate(CORPUS):
        data = {"display_name": f"Fuzz {n}", "body": text, "consent": "on", "form_token": token}
        response = client.post(f"/comments/{story.pk}/", data)
        refusal = body_refusal(site_a, text)
        if refusal:
            assert response.status_code == 400, (n, text)
            assert refusal in response.content.decode(), (n, text)
            refused += 1
        else:
            assert response.status_code == 302, (n, text, response.content[:300])
    stored = dict(Comment.objects.filter(story=story).values_list("display_name", "body"))
    expected = {
        f"Fuzz {n}": normalise_text(text)
        for n, text in enumerate(CORPUS)
        if body_refusal(site_a, text) is None
    }
    assert stored == expected
    figures(path="form", strings=len(CORPUS), stored=len(stored), refused=refused)


def test_every_string_through_the_api_is_stored_as_normalised_or_refused_specifically(
    client, site_a, figures
):
    story = make_story(site_a)
    refused = 0
    for n, text in enumerate(CORPUS):
        payload = {"story_id": story.pk, "display_name": f"Api {n}", "body": text, "consent": True}
        response = client.post("/api/v1/comments", payload, content_type="application/json")
        refusal = body_refusal(site_a, text)
        if refusal:
            assert response.status_code == 422, (n, text)
            assert response.json()["errors"]["body"][0].startswith(refusal), (n, text)
            refused += 1
        else:
            assert response.status_code == 201, (n, text, response.content[:300])
            assert response.json()["body"] == normalise_text(text), (n, text)
    stored = Comment.objects.filter(story=story).count()
    assert stored + refused == len(CORPUS)
    figures(path="api", strings=len(CORPUS), stored=stored, refused=refused)


def test_every_string_through_the_moderators_edit_is_kept_or_refused_specifically(
    alice_client, story_a, rule_a, figures
):
    comment = post_comment(story_a, "The original words")
    current = comment.body
    outcomes = {"edited": 0, "refused": 0}
    for n, text in enumerate(CORPUS):
        response = alice_client.post(
            f"/desk/comments/{comment.pk}/edit",
            {"body": text, "rule": rule_a.pk, "seen_status": "pending"},
        )
        normalised = normalise_text(text)
        if not normalised:
            refusal = "The edited comment cannot be empty."
        elif grapheme_length(normalised) > story_a.site.max_comment_length:
            refusal = f"At most {story_a.site.max_comment_length} characters."
        elif normalised == current:
            refusal = "The text is unchanged: nothing to edit."
        else:
            refusal = None
        if refusal:
            assert response.status_code == 400, (n, text)
            assert refusal in response.content.decode(), (n, text)
            outcomes["refused"] += 1
        else:
            assert response.status_code == 302, (n, text, response.content[:300])
            current = normalised
            outcomes["edited"] += 1
        assert Comment.objects.get(pk=comment.pk).body == current, (n, text)
    assert comment.revisions.count() == outcomes["edited"]
    figures(path="moderator edit", strings=len(CORPUS), **outcomes)


def test_every_string_as_a_display_name_is_stored_on_one_line_or_refused(story_a, figures):
    refused = 0
    for n, text in enumerate(CORPUS):
        normalised = normalise_line(text)
        try:
            submitted = submit_comment(
                story_a, display_name=text, body=f"name test {n}", consent=True
            )
        except SubmissionRefused as refusal:
            message = refusal.errors["display_name"][0]
            if not normalised:
                assert message == "Please give a display name."
            else:
                assert grapheme_length(normalised) > story_a.site.max_name_length
                assert message.startswith("Display names can be at most")
            refused += 1
            continue
        assert submitted.comment.display_name == normalised
        assert "\n" not in normalised and "\r" not in normalised
    figures(path="display name (service)", strings=len(CORPUS), refused=refused)
