"""``python -m bench``: Isso and Commentdesk, one after the other on the same loopback load.

Writes bench/results/REPORT.md and results.json and prints the report. See bench/README.md.
"""

import argparse
import dataclasses
import json
import os
import platform
import shlex
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import redis

from bench import commentdesk as cd
from bench import corpus, isso, report, wrk
from bench.server import Server, fetch

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
WORK = RESULTS / "work"
READ_CONNECTIONS = 16
SUBMIT_CONNECTIONS = 8
WARM_UP_SECONDS = 1
ALTERNATED_ROUNDS = 5


class Run:
    """One bench run: the loads it made and what they gave."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.results: dict = {"reads": [], "submits": [], "memory": [], "notes": []}

    def warm(self, server: Server, path: str, script: str, *args: str) -> None:
        wrk.run(server.base + path, script, *args, connections=1, seconds=WARM_UP_SECONDS)
        server.drain()

    def measure(self, server: Server, path: str, script: str, *args: str, connections: int):
        """Load the server; its worker's CPU time per request is read before the queue drains.

        CPU time per request is steadier than requests per second when other work shares the
        machine: it says what the worker spent, not how long it waited for a core.
        """
        url = server.base + path
        cpu = server.worker_cpu()
        result = wrk.run(url, script, *args, connections=connections, seconds=self.seconds)
        cpu = server.worker_cpu() - cpu
        server.drain()  # the next load starts on an idle worker
        return dataclasses.replace(result, cpu_ms=1000 * cpu / max(result.requests, 1))

    def reads(self, server: Server, name: str, threads: dict[int, list[str]], cache=None):
        """Load each thread's pages in turn (usually one); a thread read is all of them."""
        for size, pages in threads.items():
            print(f"  read {size:>4} comments: {name}", flush=True)
            shown = sum(corpus.shown(size, fetch(server.base + page)[1].decode()) for page in pages)
            extra = pages if len(pages) > 1 else []
            result = self._read(server, pages[0], "read.lua", *extra)
            self._read_row(name, cache, size, shown, len(pages), result, ok=200)

    def revalidations(self, server: Server, name: str, threads: dict[int, str]):
        """A browser or CDN that holds the thread asks whether it changed: 304, no body."""
        for size, path in threads.items():
            print(f"  revalidate {size:>4} comments: {name}", flush=True)
            etag = cd.etag(server.base, path)
            result = self._read(server, path, "revalidate.lua", etag)
            self._read_row(name, "revalidate", size, 0, 1, result, ok=304)

    def _read(self, server: Server, path: str, script: str, *args: str):
        self.warm(server, path, script, *args)
        return self.measure(server, path, script, *args, connections=READ_CONNECTIONS)

    def _read_row(self, name, cache, size, shown, pages, result, ok):
        self.results["reads"].append(
            {
                "server": name,
                "cache": cache,
                "size": size,
                "shown": shown,
                "pages": pages,
                "rate": result.rate / pages,
                "p50_ms": result.p50_ms,
                "p99_ms": result.p99_ms,
                "cpu_ms": result.cpu_ms,
                "bytes": result.bytes_per_response,
                "not_ok": result.requests - result.count(ok),
            }
        )

    def submits(self, server: Server, name: str, path: str, script: str, *args, stored, acks):
        print(f"  submit: {name}", flush=True)
        self.warm(server, path, script, *args)
        before = stored()
        result = self.measure(server, path, script, *args, connections=SUBMIT_CONNECTIONS)
        count = stored() - before
        acked = result.count(*acks)
        self.results["submits"].append(
            {
                "server": name,
                "rate": acked / result.seconds,
                "p50_ms": result.p50_ms,
                "p99_ms": result.p99_ms,
                "cpu_ms": result.cpu_ms,
                "acknowledged": acked,
                "stored": count,
                "lost": max(acked - count, 0),
                "unacknowledged": max(count - acked, 0),
                "other": {s: n for s, n in result.statuses.items() if s not in acks},
            }
        )

    def memory(self, server: Server, name: str) -> None:
        kib = server.worker_memory()
        self.results["memory"].append(
            {"server": name, "rss_kib": kib["VmRSS"], "hwm_kib": kib["VmHWM"]}
        )


def bench_isso(run: Run) -> None:
    print(f"Isso {isso.VERSION}", flush=True)
    gunicorn = isso.install()
    dbpath, env = isso.configure(WORK / "isso")
    log = WORK / "isso.log"
    with Server(gunicorn, "isso.run:application", env, log, probe="/info") as server:
        isso.seed(dbpath, {size: corpus.thread(size) for size in corpus.THREAD_SIZES})
        paths = {size: [f"/?uri={isso.thread_uri(size)}"] for size in corpus.THREAD_SIZES}
        run.reads(server, report.PEER, paths)
        run.submits(
            server,
            report.PEER,
            f"/new?uri={isso.SUBMIT_URI}",
            "post_isso.lua",
            stored=lambda: isso.submitted(dbpath),
            acks=(201, 202),
        )
        run.memory(server, report.PEER)


def bench_commentdesk(run: Run, label: str, env: dict[str, str]) -> None:
    """One server as configured (reads, revalidation, submissions, memory), one with no cache."""
    print(f"Commentdesk on {label}", flush=True)
    run.results["notes"].append(f"Commentdesk on {label}: cache in {cd.cache_description(env)}")
    stories = cd.seed(env)
    threads = {size: stories[str(size)] for size in corpus.THREAD_SIZES}
    pages = {size: [cd.page_path(story)] for size, story in threads.items()}
    name = f"Commentdesk {label}"
    log = WORK / f"commentdesk-{label.split()[0].lower()}.log"
    for cache, server_env in (("cache", env), ("cold", {**env, "BENCH_CACHE": "off"})):
        how = "from cache" if cache == "cache" else "cold"
        with cd.server(server_env, log) as server:
            api = cd.has_api(server.base)
            run.reads(server, f"{name}, page, {how}", pages, cache=cache)
            if api:
                api_pages = {s: cd.api_thread_pages(server.base, t) for s, t in threads.items()}
                run.reads(server, f"{name}, API, {how}", api_pages, cache=cache)
            if cache == "cache":
                if api:
                    first = {200: api_pages[200][0]}  # a 304 costs the same for any size
                    run.revalidations(server, f"{name}, API, If-None-Match", first)
                submissions(run, server, name, env, stories["submit"], api)
                run.memory(server, name)


def submissions(run: Run, server: Server, name: str, env, story: int, api: bool) -> None:
    def stored():
        return cd.stored(env, story)

    token = cd.form_token(server.base, story)
    path = cd.page_path(story)
    run.submits(
        server, f"{name}, form", path, "post_form.lua", token, stored=stored, acks=(302, 303)
    )
    if api:
        path, script = "/api/v1/comments", "post_api.lua"
        run.submits(server, f"{name}, API", path, script, str(story), stored=stored, acks=(201,))


def alternated_submissions(run: Run) -> None:
    """Isso's and Commentdesk's (SQLite) submission loads in turns, round after round.

    The loads above measure each side once, minutes apart; on a machine whose speed drifts
    (a shared host), that alone moves their ratio by a third. In turns, a drift weighs on
    both sides alike, and the median of the rounds is what the report compares. Both start
    from databases seeded anew, as in their first loads.
    """
    print("Submissions in alternated rounds: Isso and Commentdesk SQLite", flush=True)
    env = cd.environment(WORK / "cd-sqlite-alternated")
    story = cd.seed(env)["submit"]
    dbpath, isso_env = isso.configure(WORK / "isso-alternated")
    peer = Server(isso.install(), "isso.run:application", isso_env, WORK / "isso.log", "/info")
    with peer, cd.server(env, WORK / "commentdesk-alternated.log") as ours:
        isso.seed(dbpath, {size: corpus.thread(size) for size in corpus.THREAD_SIZES})
        loads = [
            (report.PEER, peer, f"/new?uri={isso.SUBMIT_URI}", "post_isso.lua", (), (201, 202)),
            ("Commentdesk SQLite, form", ours, cd.page_path(story), "post_form.lua",
             (cd.form_token(ours.base, story),), (302, 303)),
            ("Commentdesk SQLite, API", ours, "/api/v1/comments", "post_api.lua", (str(story),),
             (201,)),
        ]  # fmt: skip
        rates: dict[str, list[float]] = {name: [] for name, *_ in loads}
        for _ in range(ALTERNATED_ROUNDS):
            for name, server, path, script, args, acks in loads:
                run.warm(server, path, script, *args)
                result = run.measure(server, path, script, *args, connections=SUBMIT_CONNECTIONS)
                rates[name].append(result.count(*acks) / result.seconds)
    run.results["alternated"] = rates


def postgres_env(run: Run, url: str, redis_url: str) -> dict[str, str] | None:
    try:
        cd.reset_postgres(url)
    except psycopg.OperationalError as error:
        run.results["notes"].append(f"PostgreSQL skipped: {error}".strip())
        return None
    try:
        redis.Redis.from_url(redis_url).flushdb()
    except redis.RedisError as error:
        run.results["notes"].append(f"Redis unavailable ({error}): local-memory cache instead")
        redis_url = ""
    return cd.environment(WORK / "cd-postgres", database_url=url, redis_url=redis_url)


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=HERE, capture_output=True, text=True, check=False
    ).stdout.strip()


def _versions() -> str:
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return (
        f"Python {platform.python_version()}, Isso {isso.VERSION}, "
        f"gunicorn {cd.gunicorn_version()}, {wrk_version.stdout.split(' [')[0]}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="length of each load")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cd_bench"),
        help="a PostgreSQL database the bench DROPS and creates (env BENCH_DATABASE_URL)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        help="a Redis database the bench FLUSHES, the cache beside PostgreSQL",
    )
    parser.add_argument("--no-postgres", action="store_true", help="skip Commentdesk on PostgreSQL")
    options = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: run bench/setup first (make bench does)")
    shutil.rmtree(WORK, ignore_errors=True)
    run = Run(options.seconds)
    dirty = " with uncommitted changes" if _git("status", "--porcelain") else ""
    run.results["meta"] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("log", "-1", "--format=%h %s") + dirty,
        "command": shlex.join(["python", "-m", "bench", *(argv or sys.argv[1:])]),
        "machine": f"{os.cpu_count()} cores, {platform.platform()}",
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "versions": _versions(),
        "seconds": options.seconds,
        "read_connections": READ_CONNECTIONS,
        "submit_connections": SUBMIT_CONNECTIONS,
    }
    bench_isso(run)
    bench_commentdesk(run, "SQLite", cd.environment(WORK / "cd-sqlite"))
    alternated_submissions(run)
    if not options.no_postgres:
        env = postgres_env(run, options.database_url, options.redis_url)
        if env:
            bench_commentdesk(run, "PostgreSQL + Redis", env)
    run.results["meta"]["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report.render(run.results)
    (RESULTS / "results.json").write_text(json.dumps(run.results, indent=2))
    (RESULTS / "REPORT.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
