import pytest

from commentdesk.core.models import AuditEvent, Role
from commentdesk.core.services.errors import NotAllowed, SubmissionRefused
from commentdesk.core.services.story_settings import update_story_settings
from tests.conftest import make_moderator


@pytest.fixture
def erin(site_a):
    """Desk editor of site A."""
    return make_moderator("erin", site_a, role=Role.DESK_EDITOR)


def test_a_desk_editor_closes_comments_and_the_change_is_audited(story_a, erin):
    story = update_story_settings(
        story_a.pk, editor=erin, comments_open=False, moderation_mode="post", close_after_days=3
    )
    assert not story.accepts_comments
    event = AuditEvent.objects.get(action="story.settings_changed")
    assert event.data == {
        "story": story_a.pk,
        "comments_open": [True, False],
        "moderation_mode": ["pre", "post"],
        "close_after_days": [None, 3],
    }


def test_saving_unchanged_settings_writes_no_event(story_a, erin):
    update_story_settings(
        story_a.pk, editor=erin, comments_open=True, moderation_mode="pre", close_after_days=None
    )
    assert not AuditEvent.objects.filter(action="story.settings_changed").exists()


def test_a_moderator_cannot_change_story_settings(story_a, alice):
    with pytest.raises(NotAllowed):
        update_story_settings(
            story_a.pk,
            editor=alice,
            comments_open=False,
            moderation_mode="pre",
            close_after_days=None,
        )


def test_bad_values_are_refused(story_a, erin):
    with pytest.raises(SubmissionRefused):
        update_story_settings(
            story_a.pk,
            editor=erin,
            comments_open=True,
            moderation_mode="sometimes",
            close_after_days=None,
        )
    with pytest.raises(SubmissionRefused):
        update_story_settings(
            story_a.pk, editor=erin, comments_open=True, moderation_mode="pre", close_after_days=0
        )
