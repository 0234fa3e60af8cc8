"""Moderator sign-in is paused after repeated failures (django-axes), with 429 and Retry-After."""

import pytest


def attempt(client, username, password):
    return client.post("/desk/login/", {"username": username, "password": password})


def test_five_failures_pause_sign_in_even_with_the_right_password(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "alice", "wrong").status_code == 200  # the form, with its error
    locked = attempt(client, "alice", "wrong")
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(15 * 60)
    assert b"Too many failed sign-in attempts" in locked.content
    assert attempt(client, "alice", "pw-alice").status_code == 429


def test_a_success_before_the_limit_resets_the_count(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "alice", "wrong")
    assert attempt(client, "alice", "pw-alice").status_code == 302
    client.logout()
    assert attempt(client, "alice", "wrong").status_code == 200


@pytest.mark.django_db
def test_lockout_never_sees_the_raw_address(client, caplog, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/desk/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="198.51.100.23")
    assert "198.51.100.23" not in caplog.text
