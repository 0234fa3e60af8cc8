"""What a moderator can do about a reader: always pre-moderate, suspend, ban, lift.

A banned or suspended reader's new comments are refused (services.submission.refusal_for);
an always-pre-moderated reader's comments wait for the desk even on post-moderated stories.
Every change is audited with the rule and note given.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from commentdesk.core import access
from commentdesk.core.models import Commenter, TermsRule
from commentdesk.core.services.audit import record_event
from commentdesk.core.services.errors import NotAllowed, SubmissionRefused

State = Commenter.State


def _lock(commenter_id: int, moderator) -> Commenter:
    commenter = Commenter.objects.select_for_update().select_related("site").get(pk=commenter_id)
    if not access.can_moderate(moderator, commenter.site):
        raise NotAllowed("You do not moderate this site.")
    return commenter


def _check_rule(rule: TermsRule | None, commenter: Commenter, *, required: bool):
    if rule is None and not required:
        return None
    if rule is None or rule.site_id != commenter.site_id or not rule.active:
        raise SubmissionRefused({"rule": ["Choose a Terms-of-Use rule of this site."]})
    return rule


def _change(commenter, *, moderator, state, action, until=None, rule=None, note=""):
    before = commenter.state
    commenter.state = state
    commenter.suspended_until = until
    commenter.state_rule = rule
    commenter.state_note = note
    commenter.save(update_fields=["state", "suspended_until", "state_rule", "state_note"])
    record_event(
        action,
        site=commenter.site,
        actor=moderator,
        commenter=commenter,
        rule=rule,
        status_before=before,
        status_after=state,
        note=note,
        data={"until": until.isoformat()} if until else {},
    )
    return commenter


@transaction.atomic
def premoderate_commenter(commenter_id: int, *, moderator, note: str = "") -> Commenter:
    commenter = _lock(commenter_id, moderator)
    return _change(
        commenter,
        moderator=moderator,
        state=State.PREMODERATE,
        action="commenter.premoderated",
        note=note.strip(),
    )


@transaction.atomic
def suspend_commenter(
    commenter_id: int, *, moderator, until: datetime, rule: TermsRule | None, note: str = ""
) -> Commenter:
    commenter = _lock(commenter_id, moderator)
    rule = _check_rule(rule, commenter, required=True)
    if until <= timezone.now():
        raise SubmissionRefused({"until": ["Choose a time in the future."]})
    return _change(
        commenter,
        moderator=moderator,
        state=State.SUSPENDED,
        action="commenter.suspended",
        until=until,
        rule=rule,
        note=note.strip(),
    )


@transaction.atomic
def ban_commenter(
    commenter_id: int, *, moderator, rule: TermsRule | None, note: str = ""
) -> Commenter:
    commenter = _lock(commenter_id, moderator)
    rule = _check_rule(rule, commenter, required=True)
    return _change(
        commenter,
        moderator=moderator,
        state=State.BANNED,
        action="commenter.banned",
        rule=rule,
        note=note.strip(),
    )


@transaction.atomic
def lift_restrictions(commenter_id: int, *, moderator, note: str = "") -> Commenter:
    commenter = _lock(commenter_id, moderator)
    if commenter.state == State.ACTIVE:
        raise SubmissionRefused({"state": ["This commenter has no restriction to lift."]})
    return _change(
        commenter,
        moderator=moderator,
        state=State.ACTIVE,
        action="commenter.reinstated",
        note=note.strip(),
    )
