"""A web worker never imports scikit-learn or SciPy (about 120 MiB of each worker's memory):
screening and the assistant run on NumPy alone; training runs in the task worker."""

import json
import subprocess
import sys

from tests.prod import harness


def test_a_worker_that_screens_serves_and_shows_the_desk_imports_no_scikit_learn(
    data_dir, server_db
):
    env = harness.base_env(data_dir, server_db.url, None)
    ids = harness.seed(env)
    result = subprocess.run(
        [sys.executable, "-m", "tests.prod.web_worker", json.dumps(ids)],
        env={**env, "DJANGO_SETTINGS_MODULE": "commentdesk.settings"},
        cwd=harness.ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["frozen"] > 50_000  # what booting allocated, out of the collector's sight
    assert seen["submitted"]
    stages = seen["screening"]["stages"]
    assert stages["toxicity"]["data"]["score"] > 0.9
    assert stages["toxicity"]["verdict"] == "flag"
    assert seen["screening"]["assistant"]["score"] > 0
    assert (seen["desk"], seen["opened"], seen["approved"]) == (200, 200, 302)
    assert seen["page_shows_it"] and seen["api_shows_it"]
    assert seen["imported"] == []
