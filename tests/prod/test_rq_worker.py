"""With COMMENTDESK_TASKS=rq, tasks go through RQ on Redis and `commentdesk worker` runs them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.prod import harness

pytestmark = pytest.mark.postgres

ENQUEUE = """
from django.utils import timezone
from commentdesk.core.models import Comment
from commentdesk.core.tasks import purge_expired_data
Comment.objects.update(submitted_at=timezone.now() - timezone.timedelta(days=2))
print(purge_expired_data.enqueue().id)
"""


def _run(env, *args) -> str:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("commentdesk")), *args],
        env=env,
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_the_rq_worker_runs_a_task_enqueued_by_the_app(server_db, data_dir, redis_url, servers):
    env = harness.base_env(data_dir, server_db.url, redis_url, COMMENTDESK_TASKS="rq")
    ids = harness.seed(env)
    server = servers.start(env, workers=1)
    assert harness.acknowledged(harness.submit(server.url, ids["story"], "hashed"))
    _run(env, "shell", "-c", ENQUEUE)
    assert server_db.rows("SELECT network_hash FROM core_comment")[0][0] != ""
    output = _run(env, "worker", "--batch", "--no-schedule")
    assert "purge_expired_data" in output and "Job OK" in output
    assert server_db.rows("SELECT network_hash FROM core_comment") == [("",)]
