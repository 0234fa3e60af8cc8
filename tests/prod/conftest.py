"""Fixtures for the real-process tests: a fresh database of this pass, Redis, servers."""

import os
import shutil
import sqlite3
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import flush_redis, redis_url_for_tests
from tests.prod import harness


@dataclass
class Database:
    """The database the servers share, and plain SQL on it to check what was stored."""

    url: str | None
    sqlite_path: Path | None = None

    @property
    def kind(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def new_story(self, site_id: int) -> int:
        """Another story of the seeded site, so tests sharing a server do not meet."""
        now = "now()" if self.url else "datetime('now')"
        true = "true" if self.url else "1"
        return self.rows(
            "INSERT INTO core_story (site_id, url, title, byline, language, published_at, "
            "comments_open, moderation_mode, thread_version, created_at) VALUES "
            f"(?, ?, 'Shared', '', '', {now}, {true}, 'pre', 1, {now}) RETURNING id",
            (site_id, f"https://load.example/{uuid.uuid4().hex}"),
        )[0][0]

    def rows(self, sql: str, params=()) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url, autocommit=True) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.sqlite_path, timeout=30) as conn:
            return conn.execute(sql, params).fetchall()


def _with_db_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _data_dir(directory: Path, static_root: Path) -> Path:
    """A server's data directory, sharing the session's static files and exported models."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "static").symlink_to(static_root)
    models = static_root.parent / "models"  # written once, by the first server to need them
    models.mkdir(exist_ok=True)
    (directory / "models").symlink_to(models)
    return directory


@pytest.fixture
def data_dir(tmp_path, static_root) -> Path:
    return _data_dir(tmp_path / "data", static_root)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """Migrate once per session; each test's database is a copy (a template on PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    directory = tmp_path_factory.mktemp("template-data")
    if not url.startswith("postgres"):
        harness.seed(harness.base_env(directory, None, None), "--migrate-only")
        yield directory / "commentdesk.sqlite3"
        return
    import psycopg

    name = f"{_base_name(url)}_srvtpl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_with_db_name(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    harness.seed(harness.base_env(directory, _with_db_name(url, name), None), "--migrate-only")
    yield name
    with psycopg.connect(_with_db_name(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _base_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "postgres"


@contextmanager
def fresh_database(data_dir: Path, template):
    """A fresh, migrated PostgreSQL database in the PostgreSQL pass, a SQLite file otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        path = data_dir / "commentdesk.sqlite3"
        shutil.copyfile(template, path)
        yield Database(url=None, sqlite_path=path)
        return
    import psycopg

    name = f"{_base_name(url)}_srv_{uuid.uuid4().hex[:10]}"
    admin_url = _with_db_name(url, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield Database(url=_with_db_name(url, name))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def server_db(data_dir, migrated_template):
    with fresh_database(data_dir, migrated_template) as database:
        yield database


@pytest.fixture
def redis_url():
    """Redis for tests that need a cache shared by several servers (CI sets the variable)."""
    url = redis_url_for_tests()
    flush_redis(url)
    yield url
    flush_redis(url)


@pytest.fixture(scope="session")
def static_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static-data")
    harness.collectstatic(harness.base_env(root, None, None))
    return root / "static"


@contextmanager
def _servers():
    started: list[harness.Server] = []

    class Servers:
        def start(self, env, **kwargs) -> harness.Server:
            server = harness.Server(env=env, **kwargs)
            started.append(server)
            return server.start()

    try:
        yield Servers()
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def servers():
    """Start servers with ``servers.start(env)``; all are stopped at the end."""
    with _servers() as started:
        yield started


@pytest.fixture(scope="module")
def module_servers():
    with _servers() as started:
        yield started


@dataclass
class Shared:
    server: harness.Server
    db: Database
    ids: dict

    def story(self) -> int:
        return self.db.new_story(self.ids["site"])


@pytest.fixture(scope="session")
def shared(tmp_path_factory, static_root, migrated_template):
    """One server for the tests that neither break nor reconfigure it; each takes a story."""
    data_dir = _data_dir(tmp_path_factory.mktemp("shared") / "data", static_root)
    with fresh_database(data_dir, migrated_template) as database, _servers() as started:
        env = harness.base_env(data_dir, database.url, None, COMMENTDESK_TRUSTED_PROXIES=1)
        ids = harness.seed(env)
        yield Shared(server=started.start(env, workers=2), db=database, ids=ids)
