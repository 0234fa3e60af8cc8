"""A retried or double-clicked submission with the same key stores one comment."""

import pytest

from commentdesk.core.models import Comment
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.submission import hash_secret, submit_comment

KEY = "k3y-" + "a" * 28


def send(story, body="Same words", key=KEY, **extra):
    fields = {"display_name": "Ann", "consent": True, "network_hash": "nh"}
    fields.update(extra)
    return submit_comment(story, body=body, idempotency_key=key, **fields)


def test_the_same_key_and_comment_returns_the_first_comment_and_its_secret(story_a):
    first = send(story_a)
    again = send(story_a, network_hash="another-address")  # a retry from a new network
    assert again.replayed and not first.replayed
    assert again.comment.pk == first.comment.pk
    assert again.secret == first.secret
    assert hash_secret(again.secret) == Comment.objects.get().secret_hash
    assert Comment.objects.count() == 1


def test_the_same_key_for_a_different_comment_is_refused(story_a):
    send(story_a)
    with pytest.raises(SubmissionRefused) as refused:
        send(story_a, body="Other words")
    assert refused.value.code == "idempotency_key_reused"
    assert Comment.objects.count() == 1


def test_keys_are_scoped_to_the_story(story_a, site_a):
    from tests.conftest import make_story

    other = make_story(site_a)
    assert send(story_a).comment.pk != send(other).comment.pk


def test_a_short_key_is_refused_with_a_specific_error(story_a):
    with pytest.raises(SubmissionRefused) as refused:
        send(story_a, key="123")
    assert refused.value.code == "invalid_idempotency_key"
    assert "16 to 200 visible ASCII characters" in refused.value.message


def test_without_a_key_each_submission_is_its_own(story_a):
    send(story_a, key="")
    send(story_a, key="")
    assert Comment.objects.count() == 2


def form_of(client, story):
    """The hidden fields of one rendering of the comments page's form."""
    page = client.get(f"/comments/{story.pk}/").content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    return {"form_token": token, "idempotency_key": key, "consent": "on", "display_name": "Ann"}


def test_the_form_posted_twice_stores_one_comment(client, story_a):
    fields = {**form_of(client, story_a), "body": "Once"}
    locations = {client.post(f"/comments/{story_a.pk}/", fields)["Location"] for _ in range(2)}
    assert len(locations) == 1  # the same comment, and the same secret, both times
    assert Comment.objects.filter(body="Once").count() == 1


def test_a_reader_who_goes_back_and_writes_another_comment_posts_it_too(client, story_a):
    fields = form_of(client, story_a)  # the back button shows the same rendering again
    for body in ("First thought", "Second thought"):
        assert client.post(f"/comments/{story_a.pk}/", {**fields, "body": body}).status_code == 302
    assert Comment.objects.count() == 2


def test_one_rendering_posted_by_two_readers_gives_each_their_own_comment(story_a):
    from django.test import Client

    fields = {**form_of(Client(), story_a), "body": "Same words"}  # a shared cache's copy
    ann, bea = (Client(REMOTE_ADDR=address) for address in ("203.0.113.1", "203.0.113.2"))
    first = ann.post(f"/comments/{story_a.pk}/", fields)["Location"]
    second = bea.post(f"/comments/{story_a.pk}/", fields)["Location"]
    assert first != second  # neither reader gets the other's comment or edit secret
    assert Comment.objects.filter(body="Same words").count() == 2


def test_every_rendering_of_the_form_has_a_new_key(client, story_a):
    def key():
        page = client.get(f"/comments/{story_a.pk}/").content.decode()
        return page.split('name="idempotency_key" value="')[1].split('"')[0]

    assert key() != key()
