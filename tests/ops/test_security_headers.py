"""Every page carries a strict Content-Security-Policy and the other security headers."""

import pytest

from commentdesk.ops.headers import merged_policy, parse_policy

PAGES = ["/", "/news/ngo-letter/", "/desk/login/", "/admin/login/", "/terms/"]


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    call_command("demo", no_serve=True)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_policy_without_inline_code_or_foreign_origins(client, demo, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    policy = parse_policy(header)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert "http" not in policy["script-src"] + policy["style-src"] + policy["connect-src"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_other_security_headers(client, demo, path):
    response = client.get(path, follow=True)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_other_than_the_comments_page_may_not_be_framed(client, demo):
    response = client.get("/desk/login/")
    assert parse_policy(response["Content-Security-Policy"])["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_the_comments_page_keeps_its_frame_ancestors_and_gets_the_rest(client, demo):
    from commentdesk.core.models import Story

    story = Story.objects.first()
    policy = parse_policy(client.get(f"/comments/{story.pk}/")["Content-Security-Policy"])
    assert policy["frame-ancestors"].startswith("'self' http://127.0.0.1:8000")
    assert policy["script-src"] == "'self'"
    assert policy["form-action"] == "'self'"


def test_a_views_directive_replaces_only_the_same_named_default():
    policy = parse_policy(merged_policy("frame-ancestors https://x.example; img-src 'self'"))
    assert policy["frame-ancestors"] == "https://x.example"
    assert policy["img-src"] == "'self'"
    assert policy["object-src"] == "'none'"


def test_moderator_pages_are_never_stored_in_a_cache(alice_client):
    response = alice_client.get("/desk/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_hsts_is_sent_under_https(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/desk/login/", headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
