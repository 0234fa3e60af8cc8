"""export_commenter, erase_commenter and purge_expired on the command line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from commentdesk.core.models import AuditEvent, Comment
from tests.conftest import post_comment


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_an_admin_exports_a_commenter_found_by_email(story_a, carol):
    post_comment(story_a, "Mine", display_name="Maria", email="Maria@Example.org")
    data = json.loads(
        run("export_commenter", "--email", "maria@example.org", "--site", "a", "--actor", "carol")
    )
    assert data["comments"][0]["body"] == "Mine"


def test_an_admin_erases_a_commenter_by_id(story_a, carol):
    comment = post_comment(story_a, "Mine", display_name="Maria")
    output = run("erase_commenter", "--id", str(comment.commenter_id), "--actor", "carol")
    assert output.strip() == f"Erased commenter #{comment.commenter_id} and 1 comment(s)."
    assert Comment.objects.get(pk=comment.pk).body == ""
    assert AuditEvent.objects.filter(action="commenter.erased", actor=carol).exists()


def test_a_moderator_who_is_not_an_admin_cannot_act(story_a, alice):
    comment = post_comment(story_a)
    with pytest.raises(CommandError, match="not an active admin"):
        run("erase_commenter", "--id", str(comment.commenter_id), "--actor", "alice")


def test_an_unknown_commenter_is_a_clear_error(carol):
    with pytest.raises(CommandError, match="No such commenter"):
        run("export_commenter", "--id", "999", "--actor", "carol")


def test_purge_expired_reports_what_it_did(db):
    assert run("purge_expired").startswith("Purged 0 network hash(es)")
