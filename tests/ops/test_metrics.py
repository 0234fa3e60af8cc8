"""/metrics: Prometheus text for holders of the token, nothing for anyone else."""

import pytest

from commentdesk.core.models import Comment
from tests.conftest import post_comment

TOKEN = "metrics-token-" + "m" * 30


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN


def test_metrics_are_off_without_a_configured_token(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_bearer_token(client, metrics_on):
    assert client.get("/metrics").status_code == 401
    wrong = client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"].startswith("Bearer")


def test_metrics_count_requests_by_route_and_report_the_queue(client, metrics_on, story_a):
    post_comment(story_a)
    client.get(f"/comments/{story_a.pk}/")
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    text = response.content.decode()
    series = 'commentdesk_http_responses_total{method="GET",route="public:comments",status="200"}'
    assert series in text
    assert "commentdesk_http_request_duration_seconds_bucket" in text
    pending = Comment.objects.filter(status="pending").count()
    assert f"commentdesk_pending_comments {float(pending)}" in text
