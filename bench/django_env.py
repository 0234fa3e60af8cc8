"""Django for a benchmark run in this process: a fresh data directory, the bench's database
(``BENCH_DATABASE_URL``, else SQLite in the folder), rate limits off (one flood from one
address), migrated."""

import os


def migrated_django(folder: str) -> str:
    """Set Django up on ``folder`` and migrate; the database vendor."""
    os.environ["COMMENTDESK_DATA_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "commentdesk.settings"
    os.environ.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    for scope in ("ADDRESS", "COMMENTER", "STORY"):
        os.environ[f"COMMENTDESK_RATE_LIMIT_{scope}"] = "off"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor
