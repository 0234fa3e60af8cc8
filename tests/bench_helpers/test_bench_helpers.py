"""The bench's own helpers work (the benchmarks themselves run with `make bench`, not here)."""

import json
import os
import time

import pytest
from bench import cdseed, corpus, report, server, wrk
from bench.corpus import THREAD_SIZES, thread

from commentdesk.core.models import Story
from commentdesk.core.services.threads import build_thread


def test_a_seed_thread_has_the_size_asked_for_and_replies_only_to_earlier_top_level_comments():
    comments = thread(200)
    assert len(comments) == 200
    top_level = {c.index for c in comments if c.parent is None}
    assert all(c.parent in top_level and c.parent < c.index for c in comments if c.parent)
    assert 0 < len(top_level) < 200


def test_both_sides_get_the_same_thread_every_time():
    assert thread(10) == thread(10)
    assert thread(10) != thread(200)[:10]


def test_comments_shown_are_counted_in_html_and_json_alike():
    comments = thread(10)
    html = "".join(f"<p>{c.text.replace(chr(10), '<br>')}</p>" for c in comments[:4])
    assert corpus.shown(10, html) == 4
    assert corpus.shown(10, json.dumps([c.text for c in comments])) == 10


def _shown(nodes) -> int:
    return sum(1 + _shown(node.replies) for node in nodes)


@pytest.mark.django_db
def test_seeding_commentdesk_publishes_every_comment_and_moves_the_thread_version():
    stories = cdseed.seed()
    for size in THREAD_SIZES:
        story = Story.objects.get(pk=stories[str(size)])
        assert _shown(build_thread(story)) == size
        assert story.thread_version > 1
    assert cdseed.count(stories["submit"]) == 0


def test_a_wrk_result_line_is_read_with_rates_statuses_and_latencies():
    result = wrk.parse_output(
        "Running 10s test\n"
        'BENCH-RESULT {"requests": 500, "duration_us": 10000000, "bytes": 5000000, '
        '"p50_us": 12000, "p99_us": 30500, "errors": {"connect": 0, "read": 0, "write": 0, '
        '"status": 3, "timeout": 0}, "statuses": {"200": 497, "429": 3}}\n'
    )
    assert result.rate == 50
    assert (result.p50_ms, result.p99_ms) == (12, 30.5)
    assert result.count(200) == 497 and result.count(302, 429) == 3
    assert result.bytes_per_response == 10000


def _read(server: str, size: int, rate: float, cache=None, shown=None) -> dict:
    return {
        "server": server,
        "cache": cache,
        "size": size,
        "shown": size if shown is None else shown,
        "pages": 1,
        "rate": rate,
        "p50_ms": 1.0,
        "p99_ms": 2.0,
        "cpu_ms": 0.5,
        "bytes": 2048,
        "not_ok": 0,
    }


def _submit(server: str, rate: float, acknowledged: int, stored: int) -> dict:
    return {
        "server": server,
        "rate": rate,
        "p50_ms": 1.0,
        "p99_ms": 2.0,
        "cpu_ms": 0.5,
        "acknowledged": acknowledged,
        "stored": stored,
        "lost": max(acknowledged - stored, 0),
        "unacknowledged": max(stored - acknowledged, 0),
        "other": {},
    }


def test_the_report_gives_ratios_against_isso_and_judges_each_target():
    results = {
        "meta": {
            "date": "2026-11-27 19:20 UTC",
            "commit": "abc1234 bench: Measure",
            "command": "python -m bench",
            "machine": "2 cores",
            "load_before": "1.00",
            "load_after": "1.50",
            "versions": "Isso 0.14.0",
            "seconds": 10,
            "read_connections": 16,
            "submit_connections": 8,
        },
        "notes": [],
        "reads": [
            _read("Isso", 200, 5.0),
            _read("Commentdesk SQLite, from cache", 200, 1500.0, "cache"),
            _read("Commentdesk SQLite, cold", 200, 40.0, "cold"),
            _read("Commentdesk SQLite, page, cold", 200, 90.0, "cold", shown=26),
            _read("Commentdesk SQLite, API, If-None-Match", 200, 3000.0, "revalidate", shown=0),
        ],
        "submits": [_submit("Isso", 300, 3000, 3000), _submit("Commentdesk", 350, 3500, 3499)],
        "memory": [{"server": "Commentdesk", "rss_kib": 150 * 1024, "hwm_kib": 210 * 1024}],
        "alternated": {
            "Isso": [300.0, 320.0, 310.0],
            "Commentdesk SQLite, form": [330.0, 290.0, 320.0],
            "Commentdesk SQLite, API": [305.0, 300.0, 290.0],
        },
    }
    text = report.render(results)
    assert (
        "| 200 | Commentdesk SQLite, from cache | 200 | 1 | 1,500 | 1.0 | 2.0 | 0.50 | 2.0 | 0 "
        "| 300.0× |"
    ) in text
    assert "from cache: 300× Isso's rate (target 200×): **met**; by worker CPU" in text
    assert "cold: 8× Isso's rate (target 10×): **not met**" in text
    assert "page, cold: not judged, it shows only 26 of the 200 comments" in text
    assert "If-None-Match | 304 | 1 | 3,000 | 1.0 | 2.0 | 0.50 | 2.0 | 0 | – |" in text
    assert "1 lost (target: at least Isso's rate, none lost): **not met**" in text
    assert "210 MiB (target at most 200 MiB): **not met**" in text
    assert "| Commentdesk SQLite, form | 330 | 290 | 320 | 320 | 1.03× |" in text
    assert "alternated rounds, Commentdesk SQLite, form: median 320/s vs Isso's 310/s" in text
    assert "API: median 300/s vs Isso's 310/s (target: at least Isso's rate): **not met**" in text


def test_a_process_cpu_time_is_read_from_proc_and_grows_with_work():
    before = server.cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.1
    while time.process_time() < deadline:
        pass
    assert server.cpu_seconds(os.getpid()) - before >= 0.05
