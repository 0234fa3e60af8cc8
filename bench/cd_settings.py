"""Commentdesk's real settings, plus the one switch the bench needs: the cache on or off.

``BENCH_CACHE=off`` replaces every cache with Django's dummy cache, so each read is cold:
rendered from the database as on the first read after a change.
"""

import os

from commentdesk.settings import *  # noqa: F403

if os.environ.get("BENCH_CACHE") == "off":
    CACHES = {  # noqa: F405
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in CACHES  # noqa: F405
    }
