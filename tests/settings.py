"""Test settings: the real settings, with a fast password hasher and the demo pages on."""

import os
import tempfile

os.environ.setdefault("COMMENTDESK_DATA_DIR", tempfile.mkdtemp(prefix="commentdesk-test-"))
os.environ.setdefault("COMMENTDESK_DEMO", "1")
os.environ.setdefault("COMMENTDESK_HTTPS", "0")
# Playwright's sync API runs an event loop in the test thread; the ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "k" * 40)

from commentdesk.settings import *  # noqa: E402,F403

# SQLite tests use a file, not shared-cache memory: a live server's threads then wait for one
# another (busy_timeout) instead of failing at once with "database table is locked".
if DATABASES["default"]["ENGINE"] == "commentdesk.lib.sqlite":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; prod uses argon2
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One process: memory is the fastest cache (tests that need a shared one start Redis-backed
# servers). tests/conftest.py clears it before each test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["axes.W001"]  # axes warns about the per-process memory cache
# tests.dbreset: the database reset between live-server tests survives a deadlock (see there).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.dbreset"]  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when missing)
AUTHENTICATION_BACKENDS = ["tests.auth.AxesBackendForTestClient", *AUTHENTICATION_BACKENDS[1:]]  # noqa: F405
# Rate limits are off in tests unless a test turns one on (tests/core/test_rate_limits.py).
RATE_LIMITS = {"address": None, "commenter": None, "story": None}
# The live server answers each browser connection in its own thread, beside the test's own
# connection; a sync gunicorn worker uses one at a time, hence production's pool of 2.
if DATABASES["default"].get("OPTIONS", {}).get("pool"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = 8  # noqa: F405
