"""The desk's queue and statistics queries at 10k, 100k and 1M comments: the growth curve.

    python -m bench.queue                      # SQLite, and PostgreSQL when DATABASE_URL is set
    python -m bench.queue --sizes 10000,100000 --engines sqlite

Each engine runs in its own process (one Django process holds one database): SQLite in a
temporary directory, PostgreSQL in a database the bench DROPS and creates
(``BENCH_QUEUE_DATABASE_URL``, default: DATABASE_URL's server with database
``cd_queue_bench``). Data grows in place (10k, then 90k more, then 900k more), written with
executemany (SQLite) or COPY (PostgreSQL), then ANALYZEd (PostgreSQL: VACUUM ANALYZE, as
autovacuum would); each measurement is the median of five runs after one warm-up, through
the desk's own code (desk.queues, desk.statistics, the decision service, and the rendered
queue page). Not part of the test suite.
"""

import argparse
import json
import os
import random
import statistics as stats_lib
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = "10000,100000,1000000"
RUNS = 5
SLOW_SECONDS = 0.5
SITES = 4
LANGUAGES = ["en", "en", "en", "de", "fr", "zh-Hans", "es"]
# Of all comments: the share in each state (pending ones are recent, as on a working desk).
MIX = [("approved", 0.78), ("rejected", 0.11), ("spam", 0.05), ("pending", 0.06)]
CHUNK = 50_000
# Comment texts by language (English for the others); the text searches look for these.
BODIES = {
    "en": "Comment {pk} on the story, with words to search for: {n}",
    "zh-Hans": "第{pk}条评论，关于这篇报道，要搜索的词：{n}",
}


# ---------------------------------------------------------------- parent: run and report


def bench_database_url() -> str | None:
    explicit = os.environ.get("BENCH_QUEUE_DATABASE_URL")
    if explicit:
        return explicit
    base = os.environ.get("DATABASE_URL")
    if not base:
        return None
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path="/cd_queue_bench"))


def run_engine(engine: str, sizes: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "commentdesk.settings",
            "COMMENTDESK_DATA_DIR": tempfile.mkdtemp(prefix=f"cd-queue-bench-{engine}-"),
            "COMMENTDESK_HTTPS": "0",
            "ALLOWED_HOSTS": "testserver",
            "SECRET_KEY": "bench-" + "k" * 50,
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        }
    )
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if engine == "postgres":
        env["DATABASE_URL"] = bench_database_url()
        env["DATABASE_POOL"] = "0"
    command = [sys.executable, "-m", "bench.queue", "--child", engine, "--sizes", sizes]
    done = subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {engine} run failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(engine: str, result: dict) -> None:
    sizes = [str(size) for size in result["sizes"]]
    print(f"\n## {engine}: milliseconds, median of {RUNS} runs (one run past {SLOW_SECONDS} s)\n")
    print("| measurement | " + " | ".join(f"{int(s):,}" for s in sizes) + " | growth |")
    print("| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |")
    for name in result["order"]:
        row = [result["timings"][s].get(name) for s in sizes]
        cells = [f"{value:.1f}" if value is not None else "–" for value in row]
        growth = f"×{row[-1] / row[0]:.1f}" if row[0] and row[-1] and len(row) > 1 else ""
        print(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
    seconds = " · ".join(f"{int(s):,}: {result['generate_seconds'][s]:.0f} s" for s in sizes)
    print(f"\nData generation (cumulative rows, each step): {seconds}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="comment counts, ascending")
    parser.add_argument(
        "--engines", default=None, help="sqlite,postgres (default: both if DATABASE_URL)"
    )
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, [int(s) for s in args.sizes.split(",")])
        return
    engines = args.engines.split(",") if args.engines else ["sqlite"]
    if not args.engines and bench_database_url():
        engines.append("postgres")
    started = time.perf_counter()
    for engine in engines:
        print_table(engine, run_engine(engine, args.sizes))
    print(f"\nTotal {time.perf_counter() - started:.0f} s")


# ---------------------------------------------------------------- child: one database


def child(engine: str, sizes: list[int]) -> None:
    import django

    if engine == "postgres":
        recreate_postgres(os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    world = make_world()
    timings, generated, order = {}, {}, []
    have = 0
    for size in sizes:
        started = time.perf_counter()
        generate(world, have, size, engine)
        analyse(engine)
        generated[str(size)] = time.perf_counter() - started
        have = size
        results = measure(world)
        timings[str(size)] = results
        order = order or list(results)
        log(f"{engine} {size:,}: generated in {generated[str(size)]:.0f} s, measured")
    print(
        json.dumps(
            {"sizes": sizes, "timings": timings, "order": order, "generate_seconds": generated}
        )
    )


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def make_world() -> dict:
    from django.contrib.auth import get_user_model

    from commentdesk.core.models import Role, Site, SiteMembership, TermsRule

    users = get_user_model().objects
    sites, rules = [], {}
    for n in range(SITES):
        site = Site.objects.create(name=f"Site {n}", slug=f"s{n}", domains=[f"s{n}.example"])
        sites.append(site)
        rules[site.pk] = [
            TermsRule.objects.create(site=site, code=f"R{k}", title=f"Rule {k}", position=k).pk
            for k in range(1, 6)
        ]
    moderators = [users.create_user(f"mod{n}", password=None) for n in range(8)]
    for n, user in enumerate(moderators):
        SiteMembership.objects.create(user=user, site=sites[n % SITES], role=Role.MODERATOR)
    editor = users.create_user("editor", password=None)
    SiteMembership.objects.create(user=editor, site=sites[0], role=Role.DESK_EDITOR)
    return {
        "sites": [s.pk for s in sites],
        "rules": rules,
        "moderators": [u.pk for u in moderators],
        "moderator": moderators[0],  # moderates site 0 of 4
        "editor": editor,  # desk editor of site 0
        "admin": users.create_superuser("admin", password=None),  # every site
        "stories": [],
        "commenters": [],
        "next_comment_id": 1,
    }


def _now():
    from django.utils import timezone

    return timezone.now()


def _grow_parents(world: dict, size: int, engine: str) -> None:
    """Stories (one per 500 comments) and commenters (one per 20), as the data grows."""
    from commentdesk.core.models import Commenter, Story

    now = _now()
    want_stories = max(20, size // 500)
    new = [
        Story(
            site_id=world["sites"][n % SITES],
            url=f"https://s{n % SITES}.example/story-{n}",
            title=f"Story {n}",
            published_at=now - timedelta(days=30 * n / want_stories),
        )
        for n in range(len(world["stories"]), want_stories)
    ]
    world["stories"] += [(s.pk, s.site_id) for s in Story.objects.bulk_create(new, batch_size=2000)]
    want_commenters = max(100, size // 20)
    new = [
        Commenter(
            site_id=world["sites"][n % SITES],
            identity_key=f"bench-{n}",
            display_name=f"Reader {n}",
        )
        for n in range(len(world["commenters"]), want_commenters)
    ]
    world["commenters"] += [
        (c.pk, c.site_id) for c in Commenter.objects.bulk_create(new, batch_size=2000)
    ]


BULK_TABLES = ("core_comment", "core_auditevent", "core_report")


def secondary_indexes(cursor, engine: str, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that no constraint owns."""
    if engine == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s"
            " AND sql IS NOT NULL",
            [table],
        )
    else:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [table],
        )
    return list(cursor.fetchall())


def generate(world: dict, have: int, size: int, engine: str) -> None:
    """Add comments up to ``size``: indexes are dropped for the load and built again after,
    as any bulk load does; that is the fast way, not a different schema."""
    from django.db import connection

    from commentdesk.core import search

    with connection.cursor() as cursor:
        # Foreign keys are not checked row by row during the load (the generator only
        # writes ids it has created); they are on again for the measurements.
        if engine == "sqlite":
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")
        indexes = [i for table in BULK_TABLES for i in secondary_indexes(cursor, engine, table)]
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    load(world, have, size, engine)
    if engine == "sqlite":  # the loaded comments join the text index in one batch
        search.index_waiting(connection.alias)
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)
        if engine == "sqlite":
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            cursor.execute("SET session_replication_role = DEFAULT")


def load(world: dict, have: int, size: int, engine: str) -> None:
    """Add comments up to ``size``, with their audit events and some reports."""
    from django.db import connection, transaction

    _grow_parents(world, size, engine)
    rng = random.Random(size)
    now = _now()
    by_site_commenters: dict[int, list[int]] = {}
    for pk, site_id in world["commenters"]:
        by_site_commenters.setdefault(site_id, []).append(pk)
    stamp = (
        (lambda dt: dt.strftime("%Y-%m-%d %H:%M:%S.%f")) if engine == "sqlite" else (lambda dt: dt)
    )
    for start in range(have, size, CHUNK):
        comments, events, reports = [], [], []
        for _ in range(min(CHUNK, size - start)):
            pk = world["next_comment_id"]
            world["next_comment_id"] += 1
            story_id, site_id = rng.choice(world["stories"])
            commenter_id = rng.choice(by_site_commenters[site_id])
            status = rng.choices([m[0] for m in MIX], weights=[m[1] for m in MIX])[0]
            age = timedelta(
                hours=rng.uniform(0, 48) if status == "pending" else rng.uniform(0, 720)
            )
            submitted = now - age
            decided = None
            if status != "pending":
                decided = min(now, submitted + timedelta(minutes=rng.expovariate(1 / 40)))
            score = round(rng.random(), 4) if rng.random() < 0.8 else None
            language = rng.choice(LANGUAGES)
            comments.append(
                (
                    pk,
                    story_id,
                    None,
                    commenter_id,
                    f"Reader {commenter_id}",
                    BODIES.get(language, BODIES["en"]).format(pk=pk, n=rng.randrange(10**6)),
                    language,
                    status,
                    stamp(submitted),
                    decided and stamp(decided),
                    decided and status == "approved" and stamp(decided) or None,
                    False,
                    False,
                    "1",
                    "",
                    "",
                    "",
                    "{}",
                    score,
                )
            )
            events.append(
                (
                    site_id,
                    pk,
                    commenter_id,
                    None,
                    "comment.submitted",
                    None,
                    "",
                    "pending",
                    "",
                    "{}",
                    stamp(submitted),
                )
            )
            if decided:
                action = {
                    "approved": "comment.approved",
                    "rejected": "comment.rejected",
                    "spam": "comment.spam",
                }[status]
                rule = rng.choice(world["rules"][site_id]) if status == "rejected" else None
                events.append(
                    (
                        site_id,
                        pk,
                        commenter_id,
                        rng.choice(world["moderators"]),
                        action,
                        rule,
                        "pending",
                        status,
                        "",
                        "{}",
                        stamp(decided),
                    )
                )
            if status == "approved" and rng.random() < 0.01:
                for _ in range(rng.randint(1, 3)):
                    is_open = rng.random() < 0.3
                    reports.append(
                        (
                            pk,
                            rng.choice(["abuse", "spam", "off_topic", "false"]),
                            "",
                            "",
                            stamp(decided),
                            None if is_open else stamp(now),
                            "" if is_open else "dismissed",
                        )
                    )
        with transaction.atomic():
            write(connection, engine, "core_comment", COMMENT_COLUMNS, comments)
            write(connection, engine, "core_auditevent", EVENT_COLUMNS, events)
            write(connection, engine, "core_report", REPORT_COLUMNS, reports)
        log(f"  {start + len(comments):,} comments")
    if engine == "postgres":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('core_comment', 'id'), %s)",
                [world["next_comment_id"]],
            )


COMMENT_COLUMNS = (
    "id, story_id, parent_id, commenter_id, display_name, body, language, status, submitted_at,"
    " decided_at, published_at, edited_by_moderator, featured, terms_version, secret_hash,"
    " network_hash, idempotency_key, screening, reject_score"
)
EVENT_COLUMNS = (
    "site_id, comment_id, commenter_id, actor_id, action, rule_id, status_before,"
    " status_after, note, data, created_at"
)
REPORT_COLUMNS = "comment_id, reason, note, network_hash, created_at, resolved_at, resolution"


def write(connection, engine: str, table: str, columns: str, rows: list[tuple]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if engine == "sqlite":
            marks = ", ".join("?" * len(rows[0]))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (constants)
            cursor.connection.executemany(sql, rows)
            return
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def analyse(engine: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        # PostgreSQL: VACUUM too, as autovacuum does after a bulk insert; without it the
        # visibility map is empty and no index-only scan avoids the table.
        cursor.execute("ANALYZE" if engine == "sqlite" else "VACUUM ANALYZE")


# ---------------------------------------------------------------- what is measured


def timed(function) -> float:
    started = time.perf_counter()
    function()  # warm-up
    # A query that takes seconds is measured once more, not five times: the run stays short.
    runs = RUNS if time.perf_counter() - started < SLOW_SECONDS else 1
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return stats_lib.median(samples)


# The moderators' text search: a phrase of common words with a rare number, a rare name, the
# same in Chinese, a word in most comments, and queries too short for a trigram index, one
# found in many comments and one in none (the whole queue is read).
SEARCHES = [
    ("(phrase)", "words to search for: 4242"),
    ("(name)", "Reader 4242"),
    ("(Chinese)", "要搜索的词：4242"),
    ("(common word)", "story"),
    ("(2 characters)", "42"),
    ("(2 characters, in no comment)", "Q9"),
]


def measure(world: dict) -> dict[str, float]:
    from django.test import Client

    from commentdesk.core.models import Comment
    from commentdesk.core.services import moderation
    from commentdesk.desk import queues, statistics

    moderator, admin, editor = world["moderator"], world["admin"], world["editor"]
    none = queues.Filters()
    results: dict[str, float] = {}
    for tab, _label in queues.TABS:
        results[f"first page: {tab} (moderator of 1 of 4 sites)"] = timed(
            lambda tab=tab: queues.queue_page(moderator, tab, none, "oldest", 0, queues.PAGE_SIZE)
        )
    for order in ("likely", "uncertain", "newest"):
        results[f"first page: pending, order {order}"] = timed(
            lambda order=order: queues.queue_page(
                moderator, "pending", none, order, 0, queues.PAGE_SIZE
            )
        )
    results["first page: pending, admin of every site"] = timed(
        lambda: queues.queue_page(admin, "pending", none, "oldest", 0, queues.PAGE_SIZE)
    )
    results["first page: pending, language de"] = timed(
        lambda: queues.queue_page(
            moderator, "pending", queues.Filters(language="de"), "oldest", 0, 50
        )
    )
    for label, text in SEARCHES:
        results[f"first page: all, text search {label}"] = timed(
            lambda text=text: queues.queue_page(
                moderator, "all", queues.Filters(text=text), "oldest", 0, 50
            )
        )
    results["500 items: pending"] = timed(
        lambda: queues.queue_page(moderator, "pending", none, "oldest", 0, queues.MAX_PAGE_SIZE)
    )
    results["tab counts (7, capped)"] = timed(lambda: queues.tab_counts(moderator, none))

    client = Client()
    client.force_login(moderator)
    results["queue page over HTTP (rendered, 50 items)"] = timed(lambda: client.get("/desk/"))
    results["queue page over HTTP, text search (with its 7 counts)"] = timed(
        lambda: client.get("/desk/", {"tab": "all", "q": SEARCHES[0][1]})
    )

    pending = list(
        Comment.objects.filter(status="pending", story__site_id=world["sites"][0])
        .order_by("-pk")
        .values_list("pk", flat=True)[: RUNS + 1]
    )
    results["decision: approve one comment"] = timed(
        lambda: moderation.approve_comment(pending.pop(), moderator=moderator)
    )

    end = _now()
    for label, user, days in [
        ("editor of 1 site, 7 days", editor, 7),
        ("admin, 30 days", admin, 30),
    ]:
        from commentdesk.core import access

        scope = statistics.Scope(
            sites=access.edited_sites(user), start=end - timedelta(days=days), end=end
        )
        for name, function in [
            ("pending now", statistics.pending_summary),
            ("decisions over time", statistics.decisions_over_time),
            ("decisions by moderator", statistics.decisions_by_moderator),
            ("median and p90 time to decision", statistics.time_to_decision),
            ("rejections by rule", statistics.rejections_by_rule),
            ("by site and language", statistics.by_site_and_language),
        ]:
            results[f"stats ({label}): {name}"] = timed(lambda f=function, s=scope: f(s))
    return results


if __name__ == "__main__":
    main()
