"""Every desk view and action, tried by every role on its own site and on another site."""

import pytest
from django.test import Client
from django.urls import reverse

from commentdesk.core.models import AuditEvent, Report, Role
from commentdesk.core.services import moderation
from tests.conftest import make_moderator, post_comment

COMMENT_ACTIONS = ["approve", "reject", "spam", "undo", "feature", "unfeature", "dismiss"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(site_a, site_b, alice, bob):
    return {
        "moderator": alice,
        "desk_editor": make_moderator("erin", site_a, role=Role.DESK_EDITOR),
        "admin": make_moderator("adam", site_a, role=Role.ADMIN),
        "other_site_moderator": bob,
        "other_site_admin": make_moderator("olga", site_b, role=Role.ADMIN),
        "no_role": make_moderator("nina", None),
    }


@pytest.fixture
def target(story_a, alice):
    comment = post_comment(story_a)
    Report.objects.create(comment=comment, reason="abuse")
    return comment


OUTSIDERS = ["other_site_moderator", "other_site_admin", "no_role"]
INSIDERS = ["moderator", "desk_editor", "admin"]


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("action", [*COMMENT_ACTIONS, "edit", "claim"])
def test_people_of_other_sites_get_404_for_every_comment_action(
    people, target, rule_a, who, action
):
    client = client_for(people[who])
    data = {"seen_status": "pending", "rule": rule_a.pk, "body": "changed"}
    assert client.post(reverse(f"desk:{action}", args=[target.pk]), data).status_code == 404
    assert AuditEvent.objects.filter(comment=target).count() == 1  # only the submission
    assert not target.reports.filter(resolved_at__isnull=False).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("page", ["comment", "thread", "edit"])
def test_people_of_other_sites_get_404_for_every_comment_page(people, target, who, page):
    response = client_for(people[who]).get(reverse(f"desk:{page}", args=[target.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_people_of_other_sites_get_404_for_the_commenter_and_the_story(people, target, who):
    client = client_for(people[who])
    assert client.get(reverse("desk:commenter", args=[target.commenter_id])).status_code == 404
    response = client.post(
        reverse("desk:commenter", args=[target.commenter_id]), {"action": "lift"}
    )
    assert response.status_code == 404
    assert client.get(reverse("desk:story", args=[target.story_id])).status_code == 404


@pytest.mark.parametrize("who", OUTSIDERS)
def test_people_of_other_sites_see_none_of_the_comments_in_the_queue(people, target, who):
    client = client_for(people[who])
    for tab in ["pending", "reported", "all"]:
        html = client.get(reverse("desk:queue"), {"tab": tab}).content.decode()
        assert f'id="q{target.pk}"' not in html
    pulse = client.post(reverse("desk:pulse"), {"ids": str(target.pk), "focused": target.pk})
    assert pulse.json()["statuses"] == {}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_batch_skips_comments_of_other_sites(people, target, who):
    client_for(people[who]).post(
        reverse("desk:batch"), {"ids": str(target.pk), "decision": "approve"}
    )
    target.refresh_from_db()
    assert target.status == "pending"


@pytest.mark.parametrize("who", INSIDERS)
def test_everyone_with_a_role_on_the_site_decides_its_comments(people, target, rule_a, who):
    client = client_for(people[who])
    assert client.get(reverse("desk:comment", args=[target.pk])).status_code == 200
    client.post(reverse("desk:approve", args=[target.pk]), {"seen_status": "pending"})
    client.post(reverse("desk:feature", args=[target.pk]), {"seen_status": "approved"})
    client.post(reverse("desk:dismiss", args=[target.pk]), {"seen_status": "approved"})
    target.refresh_from_db()
    assert (target.status, target.featured) == ("approved", True)
    assert not target.reports.filter(resolved_at__isnull=True).exists()
    client.post(reverse("desk:commenter", args=[target.commenter_id]), {"action": "premoderate"})
    target.commenter.refresh_from_db()
    assert target.commenter.state == "premoderate"


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("moderator", False), ("desk_editor", True), ("admin", True)],
)
def test_story_settings_and_statistics_are_for_desk_editors_and_admins(
    people, target, who, allowed
):
    client = client_for(people[who])
    expected = 200 if allowed else 403
    assert client.get(reverse("desk:stories")).status_code == expected
    assert client.get(reverse("desk:story", args=[target.story_id])).status_code == expected
    assert client.get(reverse("desk:stats")).status_code == expected
    response = client.post(
        reverse("desk:story", args=[target.story_id]), {"moderation_mode": "pre"}
    )
    assert response.status_code == (302 if allowed else 403)
    target.story.refresh_from_db()
    assert target.story.comments_open is not allowed  # the form left the box unticked


@pytest.mark.parametrize(("who", "allowed"), [("moderator", False), ("desk_editor", True)])
def test_undoing_someone_elses_decision_needs_a_desk_editor(people, target, who, allowed, site_a):
    dana = make_moderator("dana", site_a)
    moderation.approve_comment(target.pk, moderator=dana)
    client_for(people[who]).post(
        reverse("desk:undo", args=[target.pk]), {"seen_status": "approved"}
    )
    target.refresh_from_db()
    assert target.status == ("pending" if allowed else "approved")


def test_a_superuser_is_an_admin_of_every_site(target, carol):
    client = client_for(carol)
    assert client.get(reverse("desk:stats")).status_code == 200
    assert client.get(reverse("desk:story", args=[target.story_id])).status_code == 200
    client.post(reverse("desk:approve", args=[target.pk]), {"seen_status": "pending"})
    target.refresh_from_db()
    assert target.status == "approved"
