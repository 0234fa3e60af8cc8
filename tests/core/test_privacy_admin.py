"""Admins export (JSON) and erase commenters from the admin's commenter list."""

import json

import pytest
from django.test import Client

from commentdesk.core.models import AuditEvent, Comment
from tests.conftest import post_comment

CHANGELIST = "/admin/core/commenter/"


@pytest.fixture
def carol_client(carol) -> Client:
    client = Client()
    client.force_login(carol)
    return client


def test_export_downloads_json(carol_client, story_a):
    comment = post_comment(story_a, "Mine", email="m@example.org")
    response = carol_client.post(
        CHANGELIST, {"action": "export_data", "_selected_action": [comment.commenter_id]}
    )
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)[0]["commenter"]["email"] == "m@example.org"


def test_erase_asks_for_confirmation_then_erases(carol_client, story_a):
    comment = post_comment(story_a, "Mine")
    selection = {"action": "erase_data", "_selected_action": [comment.commenter_id]}
    confirm = carol_client.post(CHANGELIST, selection)
    assert b"Erase these commenters" in confirm.content
    assert Comment.objects.get(pk=comment.pk).body == "Mine"
    carol_client.post(CHANGELIST, {**selection, "confirm": "yes", "note": "ticket 7"})
    assert Comment.objects.get(pk=comment.pk).body == ""
    assert AuditEvent.objects.get(action="commenter.erased").note == "ticket 7"


def test_staff_who_are_not_superusers_cannot_erase(story_a, alice):
    alice.is_staff = True
    alice.save()
    client = Client()
    client.force_login(alice)
    comment = post_comment(story_a, "Mine")
    client.post(
        CHANGELIST,
        {"action": "erase_data", "_selected_action": [comment.commenter_id], "confirm": "yes"},
    )
    assert Comment.objects.get(pk=comment.pk).body == "Mine"
