"""`check --deploy` is clean with production settings."""

import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COMMENTDESK_", "DJANGO_")) and k not in {"DEBUG", "DATABASE_URL"}
    }
    env.update(
        COMMENTDESK_DATA_DIR=str(tmp_path),
        SECRET_KEY="a-long-random-production-secret-" + "z9Y8x7W6v5U4" * 3,
        ALLOWED_HOSTS="comments.example.org",
    )
    result = subprocess.run(
        [sys.executable, "-m", "commentdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
