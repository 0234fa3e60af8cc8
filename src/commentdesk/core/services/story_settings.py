"""A desk editor sets a story's comment policy: open or closed, pre- or post-moderation,
closing automatically some days after publication. Audited with what changed."""

from django.db import transaction

from commentdesk.core import access
from commentdesk.core.models import ModerationMode, Story
from commentdesk.core.services.audit import record_event
from commentdesk.core.services.errors import NotAllowed, SubmissionRefused

MAX_CLOSE_AFTER_DAYS = 3650


@transaction.atomic
def update_story_settings(
    story_id: int,
    *,
    editor,
    comments_open: bool,
    moderation_mode: str,
    close_after_days: int | None,
) -> Story:
    story = Story.objects.select_for_update().select_related("site").get(pk=story_id)
    if not access.can_edit_desk(editor, story.site):
        raise NotAllowed("Only desk editors and admins change a story's settings.")
    if moderation_mode not in ModerationMode.values:
        raise SubmissionRefused({"moderation_mode": ["Choose pre- or post-moderation."]})
    if close_after_days is not None and not 0 < close_after_days <= MAX_CLOSE_AFTER_DAYS:
        raise SubmissionRefused(
            {"close_after_days": [f"Between 1 and {MAX_CLOSE_AFTER_DAYS} days, or empty."]}
        )
    wanted = {
        "comments_open": comments_open,
        "moderation_mode": moderation_mode,
        "close_after_days": close_after_days,
    }
    changes = {
        name: [getattr(story, name), value]
        for name, value in wanted.items()
        if getattr(story, name) != value
    }
    if not changes:
        return story
    for name, (_before, after) in changes.items():
        setattr(story, name, after)
    story.save(update_fields=list(changes))
    record_event(
        "story.settings_changed", site=story.site, actor=editor, data={"story": story.pk, **changes}
    )
    return story
