"""`commentdesk worker` runs queued tasks with the database backend and schedules the purge."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from commentdesk.core.models import Comment
from commentdesk.ops import schedule
from tests.conftest import post_comment


@pytest.fixture
def database_tasks(settings):
    # django-tasks resets its backends when TASKS changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_enqueues_the_purge_and_runs_it(transactional_db, story_a, database_tasks):
    old = post_comment(story_a, "old")
    Comment.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=2))
    call_command("worker", batch=True, verbosity=0)
    assert Comment.objects.get(pk=old.pk).network_hash == ""


def test_periodic_jobs_are_enqueued_once_per_interval(db, database_tasks):
    from django_tasks_db.models import DBTaskResult

    both = ["purge_expired_data", "refresh_planner_statistics"]
    assert schedule.enqueue_due(now=7200.0) == both
    assert schedule.enqueue_due(now=7300.0) == []
    assert schedule.enqueue_due(now=7200.0 + 3600) == ["purge_expired_data"]
    assert schedule.enqueue_due(now=6 * 3600) == both  # the statistics: every six hours
    assert DBTaskResult.objects.count() == 5
