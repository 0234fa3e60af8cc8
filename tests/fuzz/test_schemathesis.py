"""Schemathesis sends what the OpenAPI document allows, and more, to every API operation.

Whatever it makes up (strings, numbers, missing fields, wrong types, odd headers), the API
answers with its documented problems, never a server error. Run through the WSGI app against
the test database, with a story and a published comment to aim at.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from commentdesk.core.services import moderation
from commentdesk.wsgi import application
from tests.conftest import make_moderator, make_site, make_story, post_comment

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def targets(db):
    """A story and a published comment for the operations to find; like Django's test
    client, keep the test database connection open across the app's requests."""
    site = make_site("st")
    story = make_story(site)
    comment = post_comment(story, "A published comment")
    moderation.approve_comment(comment.pk, moderator=make_moderator("stmod", site))
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_api_operation_answers_a_server_error(case, targets):
    case.call_and_validate(checks=[not_a_server_error])
