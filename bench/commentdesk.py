"""Commentdesk's side: its environment per database and cache, seeding, form tokens."""

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

import psycopg

from bench.server import Server, fetch

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def environment(datadir: Path, *, database_url: str = "", redis_url: str = "", cache: bool = True):
    """The server's environment: production settings on plain loopback HTTP."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.cd_settings",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}",
        "COMMENTDESK_DATA_DIR": str(datadir),
        "COMMENTDESK_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "bench-secret-key-" + "b" * 40,
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "BENCH_CACHE": "on" if cache else "off",
        # The documented switches of the submission rate limits: the bench is one flood.
        "COMMENTDESK_RATE_LIMIT_ADDRESS": "off",
        "COMMENTDESK_RATE_LIMIT_COMMENTER": "off",
        "COMMENTDESK_RATE_LIMIT_STORY": "off",
    }


def server(env: dict[str, str], log: Path) -> Server:
    """Gunicorn as ``commentdesk serve`` runs it (its hooks, shared metrics files), one worker.

    Without ``serve``'s access log: the peer runs without one too.
    """
    metrics = Path(env["COMMENTDESK_DATA_DIR"]) / "metrics"
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir(parents=True)
    return Server(
        GUNICORN,
        "commentdesk.wsgi:application",
        {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
        log,
        probe="/healthz",
        options=("--config=python:commentdesk.ops.gunicorn_conf",),
    )


def cache_description(env: dict[str, str]) -> str:
    return "Redis" if env["REDIS_URL"] else "files in the data directory (no REDIS_URL)"


def reset_postgres(url: str) -> None:
    """Drop and create the bench's own database (never point this at data you keep)."""
    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def _cdseed(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bench.cdseed", *args],
        env={**os.environ, **env},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def seed(env: dict[str, str]) -> dict[str, int]:
    Path(env["COMMENTDESK_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    return json.loads(_cdseed(env, "seed"))


def stored(env: dict[str, str], story_id: int) -> int:
    return int(_cdseed(env, "count", str(story_id)))


def page_path(story_id: int) -> str:
    return f"/comments/{story_id}/"


API_PAGE_LIMIT = 1000  # the API's largest page: a thread read is one request unless it is longer


def has_api(base: str) -> bool:
    return fetch(base + "/api/v1/openapi.json")[0] == 200


def api_thread_pages(base: str, story_id: int) -> list[str]:
    """The paths of every page of a story's thread in the JSON API, following its cursors."""
    pages = [f"/api/v1/stories/{story_id}/thread?limit={API_PAGE_LIMIT}"]
    while True:
        status, body = fetch(base + pages[-1])
        if status != 200:
            raise RuntimeError(f"{pages[-1]} answered {status}")
        cursor = json.loads(body)["next_cursor"]
        if not cursor:
            return pages
        pages.append(f"{pages[0]}&cursor={quote(cursor)}")


def etag(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return response.headers["ETag"] or ""


def form_token(base: str, story_id: int) -> str:
    """A form token from the comments page; valid for hours, so one serves a whole load."""
    status, body = fetch(base + page_path(story_id))
    match = _TOKEN.search(body.decode())
    if status != 200 or match is None:
        raise RuntimeError(f"no form token on {page_path(story_id)} (status {status})")
    return match.group(1)


def gunicorn_version() -> str:
    return importlib.metadata.version("gunicorn")
