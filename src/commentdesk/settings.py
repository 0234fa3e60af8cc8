"""The one settings module. Every operator setting comes from the environment.

docs/operators/configuration.md documents each variable read here; a test keeps the two in step.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from commentdesk.lib.env import (
    envbool,
    envint,
    envlist,
    envrate,
    envstr,
    persistent_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(envstr("COMMENTDESK_DATA_DIR", "data")).resolve()

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY") or persistent_secret_key(DATA_DIR)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The public base URL of this Commentdesk server, used in embed snippets and e-mail links.
PUBLIC_URL = envstr("COMMENTDESK_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "ninja",  # serves its API docs page from our static files, not a CDN
    "commentdesk.core",
    "commentdesk.public",
    "commentdesk.desk",
    "commentdesk.screening",
    "commentdesk.api",
    "commentdesk.demo",
    "commentdesk.ops",
]

# Serve the demo newsroom's pages (an index, article pages, Terms of Use) at the site root.
DEMO = envbool("COMMENTDESK_DEMO", False)

MIDDLEWARE = [
    "commentdesk.ops.middleware.OpsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "commentdesk.ops.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "commentdesk.api.cors.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Cached thread reads are answered here: everything above applies to them, nothing below.
    "commentdesk.ops.readcache.CachedReadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "commentdesk.ops.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "commentdesk.urls"
WSGI_APPLICATION = "commentdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commentdesk.desk.context_processors.desk",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        options = DATABASES["default"].setdefault("OPTIONS", {})
        # psycopg sends the parameters apart from the SQL instead of quoting them into it
        # in Python, and can then prepare statements (below).
        options["server_side_binding"] = True
        options["pool"] = envbool("DATABASE_POOL", True) and {
            # A sync gunicorn worker uses one connection at a time. A request waits at most
            # DATABASE_POOL_TIMEOUT seconds for one, then answers 503 (ops.middleware) rather
            # than hanging until gunicorn kills the worker.
            "min_size": 1,
            "max_size": 2,
            "timeout": envint("DATABASE_POOL_TIMEOUT", 10),
        }
        if options["pool"]:
            # Django's pool and persistent connections are mutually exclusive.
            DATABASES["default"]["CONN_MAX_AGE"] = 0
            # The pool checks what it lends with a query only when the server spoke.
            DATABASES["default"]["ENGINE"] = "commentdesk.lib.postgresql"
            # A pooled connection serves request after request, so psycopg prepares the
            # statements it runs a fifth time and PostgreSQL stops parsing and planning them:
            # a submission's backend CPU fell from 6.2 to 4.0 ms. Only here: without the pool
            # each request has a new connection, perhaps through a pooler like PgBouncer, in
            # whose transaction mode prepared statements go astray.
            options["prepare_threshold"] = 5
else:
    DATABASES = {
        "default": {
            "ENGINE": "commentdesk.lib.sqlite",  # Django's, converting placeholders once
            "NAME": DATA_DIR / "commentdesk.sqlite3",
            "OPTIONS": {
                # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock
                # at BEGIN so concurrent writers queue on busy_timeout instead of failing
                # with "database is locked" half-way through a transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            # Each worker keeps its connection: opening one runs the PRAGMAs above, and
            # closing the last one checkpoints the WAL, which cost milliseconds per request.
            "CONN_MAX_AGE": None,
        }
    }

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    # Django's Redis cache, keeping one client per worker rather than one per call.
    CACHES = {
        "default": {"BACKEND": "commentdesk.lib.rediscache.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # Files in the data directory: every worker process of this machine shares the rate-limit
    # counts, login lockouts and cached pages. Several machines need REDIS_URL.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    }

# How long browsers and CDNs may keep a published thread (comments page, thread items, the
# API's thread) before revalidating with its ETag, and serve it stale while they do.
READ_CACHE_MAX_AGE = envint("COMMENTDESK_READ_CACHE_MAX_AGE", 10)
READ_CACHE_STALE = envint("COMMENTDESK_READ_CACHE_STALE", 60)

# Background work (notification mail, data purges, model retraining) goes through Django's
# Tasks API: the database backend by default (no broker), RQ on Redis when configured.
TASKS_BACKEND = envstr("COMMENTDESK_TASKS", "db")
if TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("COMMENTDESK_TASKS=rq needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured(f"COMMENTDESK_TASKS must be db or rq; got {TASKS_BACKEND!r}")
# How often the worker enqueues the retention purge (one enqueue per period across nodes).
PURGE_INTERVAL_MINUTES = envint("COMMENTDESK_PURGE_INTERVAL_MINUTES", 60)

# Mail to readers (their comment was decided) is written to files in the data directory
# unless an SMTP server is configured.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "outbox"
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Commentdesk <comments@localhost>")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses logins while an address or user name is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "desk:login"
LOGIN_REDIRECT_URL = "desk:queue"

LANGUAGE_CODE = "en"
# The languages the readers' widget speaks (docs/integrators/embedding.md).
LANGUAGES = [
    ("en", "English"),
    ("ko", "한국어"),
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("vi", "Tiếng Việt"),
    ("km", "ខ្មែរ"),
    ("lo", "ລາວ"),
    ("my", "မြန်မာ"),
    ("bo", "བོད་ཡིག"),
    ("ug", "ئۇيغۇرچە"),
]
LANGUAGES_BIDI = ["ug"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Security: secure by default; the demo and tests run over plain HTTP and turn these off.
SECURE_SSL = envbool("COMMENTDESK_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL and envbool("COMMENTDESK_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL and envbool("COMMENTDESK_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers probe app servers over plain HTTP (ops.middleware answers before the redirect).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
# Nothing inline, nothing from another origin. Views may replace single directives (the
# comments page sets frame-ancestors); see ops/headers.py.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}
if SECURE_SSL:
    CONTENT_SECURITY_POLICY["upgrade-insecure-requests"] = ""
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
    "browsing-topics=()"
)

# Moderator login brute force (django-axes): after this many failed logins from one
# (hashed) address or for one user name, logins are refused for the cool-off period.
# Axes only ever sees the keyed network hash, and counts live in the cache, not the database.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = envint("COMMENTDESK_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("COMMENTDESK_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "commentdesk.lib.nethash.network_hash"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "commentdesk.ops.lockout.locked_out"
AXES_VERBOSE = False
if not REDIS_URL:
    # Axes distrusts the file cache because its increments are not atomic: a burst of
    # simultaneous failures may count a little low. One machine accepts that; several use Redis.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# Health and metrics: /metrics answers only with this bearer token (404 when unset).
METRICS_TOKEN = envstr("COMMENTDESK_METRICS_TOKEN")

# Privacy: network addresses are only ever kept as a keyed hash whose key rotates.
NETWORK_HASH_ROTATION_HOURS = envint("COMMENTDESK_NETWORK_HASH_ROTATION_HOURS", 24)
# Retention (docs/operators/privacy.md): the worker purges on schedule (purge_expired).
RETAIN_NETWORK_HASH_HOURS = envint("COMMENTDESK_RETAIN_NETWORK_HASH_HOURS", 24)
RETAIN_DELETED_DAYS = envint("COMMENTDESK_RETAIN_DELETED_DAYS", 30)
RETAIN_REJECTED_DAYS = envint("COMMENTDESK_RETAIN_REJECTED_DAYS", 0)  # 0: keep
# Abuse resistance: comment submissions per hashed address, per commenter and per story
# (count/period, e.g. 30/10m; "off" disables one). Refusals answer 429 with Retry-After.
RATE_LIMITS = {
    "address": envrate("COMMENTDESK_RATE_LIMIT_ADDRESS", "30/10m"),
    "commenter": envrate("COMMENTDESK_RATE_LIMIT_COMMENTER", "8/10m"),
    "story": envrate("COMMENTDESK_RATE_LIMIT_STORY", "120/1m"),
}
# How many trusted reverse proxies sit in front of the app (to read X-Forwarded-For).
TRUSTED_PROXY_COUNT = envint("COMMENTDESK_TRUSTED_PROXIES", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "commentdesk.lib.redact.RedactSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    # runserver's request log prints client addresses; readers' addresses are never logged.
    "loggers": {"django.server": {"handlers": [], "propagate": False}},
}
