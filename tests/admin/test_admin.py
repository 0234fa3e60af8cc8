"""An admin manages sites, stories, rules and moderators through the Django admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from commentdesk.core.models import AuditEvent, Comment, Role, SiteMembership, TermsRule
from tests.conftest import post_comment

MODELS = ["site", "story", "comment", "commenter", "report", "auditevent"]


@pytest.fixture
def admin_client(carol) -> Client:
    client = Client()
    client.force_login(carol)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_admin_list_page_renders(admin_client, story_a, model):
    post_comment(story_a)
    assert admin_client.get(reverse(f"admin:core_{model}_changelist")).status_code == 200


def test_an_admin_creates_a_site_with_rules_and_a_moderator(admin_client, db):
    dana = get_user_model().objects.create_user("dana", password="pw")
    response = admin_client.post(
        reverse("admin:core_site_add"),
        {
            "name": "Korean service",
            "slug": "korean",
            "domains": '["ko.news.example"]',
            "allowed_origins": '["https://ko.news.example"]',
            "languages": '["ko"]',
            "default_language": "ko",
            "terms_url": "https://ko.news.example/terms",
            "terms_version": "2",
            "max_comment_length": "2000",
            "max_name_length": "40",
            "edit_window_minutes": "10",
            "rules-TOTAL_FORMS": "1",
            "rules-INITIAL_FORMS": "0",
            "rules-0-code": "R1",
            "rules-0-title": "No personal attacks",
            "rules-0-position": "1",
            "rules-0-active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(dana.pk),
            "memberships-0-role": Role.MODERATOR,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TermsRule.objects.get(site__slug="korean").title == "No personal attacks"
    assert SiteMembership.objects.get(user=dana).site.slug == "korean"


def test_the_admin_approves_through_the_audited_service(admin_client, story_a, carol):
    comment = post_comment(story_a)
    admin_client.post(
        reverse("admin:core_comment_changelist"),
        {"action": "approve_selected", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert AuditEvent.objects.get(comment=comment, action="comment.approved").actor == carol


def test_the_audit_trail_cannot_be_changed_in_the_admin(admin_client, story_a):
    event = AuditEvent.objects.get(comment=post_comment(story_a))
    url = reverse("admin:core_auditevent_change", args=[event.pk])
    admin_client.post(url, {"action": "comment.approved"})
    assert AuditEvent.objects.get(pk=event.pk).action == "comment.submitted"
    delete = reverse("admin:core_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
