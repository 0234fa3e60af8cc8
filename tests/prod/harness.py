"""Real servers for the production tests: `commentdesk serve` processes on free ports.

Each server runs in its own process group with production settings (DEBUG off) against the
database of the test pass: a fresh SQLite file in the SQLite pass, a fresh PostgreSQL database
in the PostgreSQL pass. Traffic stays on 127.0.0.1 and every wait is bounded.
"""

import http.client
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "prod-tests-shared-secret-" + "s" * 40
START_TIMEOUT = 60
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")


def base_env(data_dir: Path, database_url: str | None, redis_url: str | None, **extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COMMENTDESK_", "DJANGO_", "PROMETHEUS_"))
        and k not in {"DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        COMMENTDESK_DATA_DIR=str(data_dir),
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        COMMENTDESK_HTTPS="0",
        COMMENTDESK_RATE_LIMIT_ADDRESS="off",
        COMMENTDESK_RATE_LIMIT_COMMENTER="off",
        COMMENTDESK_RATE_LIMIT_STORY="off",
        PYTHONPATH=f"{ROOT}:{ROOT / 'src'}",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({k: str(v) for k, v in extra.items()})
    return env


def seed(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.prod.seed", *args],
        env={**env, "DJANGO_SETTINGS_MODULE": "commentdesk.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else {}


@dataclass
class Server:
    env: dict
    workers: int = 2
    log_path: Path | None = None
    process: subprocess.Popen | None = None
    port: int = 0
    logs: list[Path] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        data_dir = Path(self.env["COMMENTDESK_DATA_DIR"])
        self.log_path = data_dir / f"server-{len(self.logs)}.log"
        self.logs.append(self.log_path)
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            [
                str(Path(sys.executable).with_name("commentdesk")),
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--workers",
                str(self.workers),
                "--no-collectstatic",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            found = LISTENING.search(self.log_path.read_text())
            if found:
                self.port = int(found.group(1))
                break
            if self.process.poll() is not None:
                raise AssertionError(f"server exited:\n{self.log_path.read_text()}")
            time.sleep(0.1)
        else:
            self.stop()
            raise AssertionError(f"server did not start:\n{self.log_path.read_text()}")
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if get(self.url + "/readyz").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"server never became ready:\n{self.log_text()}")

    def kill(self) -> None:
        """SIGKILL the whole server (master and workers): a crash, no clean shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_text(self) -> str:
        return "".join(path.read_text(errors="replace") for path in self.logs)


def collectstatic(env: dict) -> None:
    """Collect static files once into the data directory (serve runs with --no-collectstatic)."""
    subprocess.run(
        [str(Path(sys.executable).with_name("commentdesk")), "collectstatic", "--noinput", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=120,
    )


# --- HTTP: urllib, no redirects followed, bounded timeouts ---------------------------------


@dataclass
class Reply:
    status: int
    headers: dict
    body: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(jar: http.cookiejar.CookieJar | None = None):
    handlers = [_NoRedirect()]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


def request(url, data=None, *, headers=None, via=None, timeout=30) -> Reply:
    encoded = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    req = urllib.request.Request(url, data=encoded, headers=headers or {})  # noqa: S310
    try:
        with (via or opener()).open(req, timeout=timeout) as response:
            return Reply(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read().decode(errors="replace"))


def get(url, **kwargs) -> Reply:
    return request(url, **kwargs)


TRANSPORT_ERRORS = (OSError, http.client.HTTPException)


def form_fields(html: str) -> dict:
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    return {"form_token": token, "idempotency_key": key}


def submit(server_url: str, story: int, body: str, *, name="Reader", fields=None, **extra) -> Reply:
    """Post one comment through the no-JS form, as a browser would (GET the form, POST it)."""
    if fields is None:
        page = get(f"{server_url}/comments/{story}/", timeout=extra.get("timeout", 30))
        if page.status != 200:
            return page  # the form could not even be shown: nothing was sent
        fields = form_fields(page.body)
    data = {"display_name": name, "body": body, "consent": "on", **fields}
    return request(f"{server_url}/comments/{story}/", data, **extra)


ORIGIN = "https://load.example"  # the seeded site's allowed origin


def api(server_url: str, method: str, path: str, payload=None, **headers) -> Reply:
    """Call the JSON API as the embedded widget on the site's pages does."""
    req = urllib.request.Request(  # noqa: S310
        f"{server_url}/api/v1{path}",
        data=json.dumps(payload).encode() if payload is not None else None,
        method=method,
        headers={"Content-Type": "application/json", "Origin": ORIGIN, **headers},
    )
    try:
        with opener().open(req, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Reply(error.code, dict(error.headers), error.read().decode(errors="replace"))


def acknowledged(reply: Reply) -> bool:
    return reply.status == 302 and "posted=" in reply.headers.get("Location", "")


def sign_in(server_url: str, username: str, password: str, via=None, **extra) -> Reply:
    """Sign in to the desk as a browser does: get the form (and CSRF cookie), post it."""
    via = via or opener(http.cookiejar.CookieJar())
    page = get(f"{server_url}/desk/login/", via=via, **extra)
    data = {"username": username, "password": password, "csrfmiddlewaretoken": _csrf(page.body)}
    return request(f"{server_url}/desk/login/", data, via=via, **extra)


class Moderator:
    """A signed-in moderator's browser session on one server."""

    def __init__(self, server_url: str, username: str):
        self.url = server_url
        self.via = opener(http.cookiejar.CookieJar())
        reply = sign_in(server_url, username, f"pw-{username}-long-enough", via=self.via)
        assert reply.status == 302, reply.body[:500]
        # Signing in rotates the CSRF token: take the new one from a desk page.
        self.csrf = _csrf(get(f"{server_url}/desk/", via=self.via).body)

    def open(self, comment_id: int) -> Reply:
        """Open a comment's page on the desk (which claims it)."""
        return get(f"{self.url}/desk/comments/{comment_id}/", via=self.via)

    def decide(self, comment_id: int, decision: str, rule: int | None = None) -> Reply:
        data = {"seen_status": "pending", "csrfmiddlewaretoken": self.csrf}
        if rule is not None:
            data["rule"] = rule
        return request(f"{self.url}/desk/comments/{comment_id}/{decision}", data, via=self.via)


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
