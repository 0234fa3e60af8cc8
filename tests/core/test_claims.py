from datetime import timedelta

import pytest
from django.utils import timezone

from commentdesk.core.models import Claim, Comment
from commentdesk.core.services import claims, moderation
from commentdesk.core.services.errors import DecisionConflict
from tests.conftest import make_moderator, post_comment


@pytest.fixture
def dana(site_a):
    """A second moderator of site A."""
    return make_moderator("dana", site_a)


@pytest.fixture
def pending(story_a):
    return post_comment(story_a, body="Pending words")


def test_claiming_a_free_comment_gives_it_to_me(pending, alice):
    hold = claims.claim_comment(pending.pk, moderator=alice)
    assert hold.is_mine(alice)
    assert hold.expires_at > timezone.now()


def test_a_comment_someone_holds_stays_theirs(pending, alice, dana):
    claims.claim_comment(pending.pk, moderator=dana)
    hold = claims.claim_comment(pending.pk, moderator=alice)
    assert hold.username == "dana"
    assert not hold.is_mine(alice)


def test_a_lapsed_claim_can_be_taken(pending, alice, dana):
    claims.claim_comment(pending.pk, moderator=dana)
    Claim.objects.filter(pk=pending.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert claims.claim_comment(pending.pk, moderator=alice).is_mine(alice)
    assert claims.holds([pending.pk])[pending.pk].username == "alice"


def test_claiming_another_comment_releases_the_first(story_a, pending, alice, dana):
    other = post_comment(story_a, body="Other")
    claims.claim_comment(pending.pk, moderator=alice)
    claims.claim_comment(other.pk, moderator=alice)
    assert claims.claim_comment(pending.pk, moderator=dana).is_mine(dana)


def test_nobody_can_decide_a_comment_someone_else_holds(pending, alice, dana, rule_a):
    claims.claim_comment(pending.pk, moderator=dana)
    for decide in (
        lambda: moderation.approve_comment(pending.pk, moderator=alice),
        lambda: moderation.reject_comment(pending.pk, moderator=alice, rule=rule_a),
        lambda: moderation.mark_spam(pending.pk, moderator=alice),
    ):
        with pytest.raises(DecisionConflict) as conflict:
            decide()
        assert "being reviewed by dana until" in conflict.value.message
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_the_holder_decides_and_the_claim_is_released(pending, alice, dana):
    claims.claim_comment(pending.pk, moderator=alice)
    moderation.approve_comment(pending.pk, moderator=alice)
    assert claims.holds([pending.pk]) == {}


def test_a_released_claim_frees_the_comment(pending, alice, dana):
    claims.claim_comment(pending.pk, moderator=dana)
    claims.release_claims(moderator=dana)
    moderation.approve_comment(pending.pk, moderator=alice)
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
