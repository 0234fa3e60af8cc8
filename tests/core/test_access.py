import pytest
from django.http import Http404

from commentdesk.core import access
from tests.conftest import post_comment


def test_a_moderator_sees_only_comments_of_their_sites(story_a, story_b, alice):
    mine = post_comment(story_a)
    post_comment(story_b)
    assert list(access.comments_for_moderator(alice)) == [mine]


def test_a_comment_of_another_site_is_not_found_even_by_guessing_its_id(story_b, alice):
    theirs = post_comment(story_b)
    with pytest.raises(Http404):
        access.get_comment_for_moderator(alice, theirs.pk)


def test_an_admin_moderates_every_site(story_a, story_b, carol):
    assert access.comments_for_moderator(carol).count() == 0
    post_comment(story_a)
    post_comment(story_b)
    assert access.comments_for_moderator(carol).count() == 2


def test_an_inactive_user_moderates_nothing(story_a, alice):
    post_comment(story_a)
    alice.is_active = False
    assert access.comments_for_moderator(alice).count() == 0
