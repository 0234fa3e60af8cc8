"""The Markdown report: tables of what was measured, ratios against Isso, and the targets.

Works on plain data (the dict that results.json holds), so it can be checked without a run.
"""

from statistics import median

PEER = "Isso"
MIB = 1024

# Issue 6's reference figures for Isso 0.14.0 on a 2-core machine like ours, and its targets.
REFERENCE_READS = {10: 102, 200: 6.1, 1000: 1.2}
REFERENCE_SUBMIT = 366
TARGET_CACHED_200 = 200  # times Isso's rate, 200-comment thread, from cache
TARGET_COLD_200 = 10  # times Isso's rate, 200-comment thread, cold
TARGET_MEMORY_MIB = 200


def ratio(value: float, base: float | None) -> str:
    if not base:
        return "–"
    return f"{value / base:,.1f}×"


def _rate(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def _peer(rows: list[dict], size: int | None = None) -> dict | None:
    return next(
        (r for r in rows if r["server"] == PEER and (size is None or r["size"] == size)), None
    )


def reads_table(reads: list[dict]) -> list[str]:
    lines = [
        "| thread | server | comments shown | requests | thread reads/s | p50 ms | p99 ms "
        "| worker CPU ms/request | KiB/response | not 200 | × Isso |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in sorted(reads, key=lambda r: r["size"]):
        peer = _peer(reads, row["size"])
        revalidation = row.get("cache") == "revalidate"
        times = "–" if row is peer or revalidation else ratio(row["rate"], peer and peer["rate"])
        lines.append(
            f"| {row['size']} | {row['server']} | {'304' if revalidation else row['shown']} "
            f"| {row['pages']} | {_rate(row['rate'])} | {row['p50_ms']:,.1f} "
            f"| {row['p99_ms']:,.1f} | {row['cpu_ms']:,.2f} | {row['bytes'] / 1024:,.1f} "
            f"| {row['not_ok']} | {times} |"
        )
    return lines


def submits_table(submits: list[dict]) -> list[str]:
    lines = [
        "| server | req/s acknowledged | p50 ms | p99 ms | worker CPU ms/request | acknowledged "
        "| stored | lost | stored, not acknowledged | other answers | × Isso |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    peer = _peer(submits)
    for row in submits:
        other = ", ".join(f"{n}×{status}" for status, n in row["other"].items()) or "none"
        lines.append(
            f"| {row['server']} | {_rate(row['rate'])} | {row['p50_ms']:,.1f} "
            f"| {row['p99_ms']:,.1f} | {row['cpu_ms']:,.2f} | {row['acknowledged']} "
            f"| {row['stored']} | {row['lost']} | {row['unacknowledged']} | {other} "
            f"| {'–' if row is peer else ratio(row['rate'], peer and peer['rate'])} |"
        )
    return lines


def alternated_table(alternated: dict[str, list[float]]) -> list[str]:
    """Each side's submission rate in every round, its median, and the medians' ratio."""
    if not alternated:
        return ["Not measured in this run."]
    rounds = len(next(iter(alternated.values())))
    lines = [
        f"| server | {' | '.join(f'round {n + 1}, req/s' for n in range(rounds))} "
        "| median req/s | × Isso (medians) |",
        f"| --- | {' | '.join(['---:'] * rounds)} | ---: | ---: |",
    ]
    peer = median(alternated[PEER])
    for server, rates in alternated.items():
        mid = median(rates)
        lines.append(
            f"| {server} | {' | '.join(_rate(rate) for rate in rates)} | {_rate(mid)} "
            f"| {'–' if server == PEER else f'{mid / peer:.2f}×'} |"
        )
    return lines


def memory_table(memory: list[dict]) -> list[str]:
    lines = ["| worker | RSS after the loads, MiB | peak RSS, MiB |", "| --- | ---: | ---: |"]
    for row in memory:
        lines.append(
            f"| {row['server']} | {row['rss_kib'] / MIB:,.1f} | {row['hwm_kib'] / MIB:,.1f} |"
        )
    return lines


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def targets(results: dict) -> list[str]:
    """Issue 6's targets for Commentdesk on one worker, judged on this run's own Isso."""
    reads, lines = results["reads"], []
    peer = _peer(reads, 200)
    goals = {"cache": TARGET_CACHED_200, "cold": TARGET_COLD_200}
    for row in reads:
        if not peer or row["size"] != 200 or row.get("cache") not in goals:
            continue
        if row["shown"] < row["size"]:
            lines.append(
                f"- 200-comment thread, {row['server']}: not judged, it shows only "
                f"{row['shown']} of the 200 comments (a first page)"
            )
            continue
        got, times = row["rate"] / peer["rate"], goals[row["cache"]]
        by_cpu = peer["cpu_ms"] / (row["cpu_ms"] * row["pages"]) if row["cpu_ms"] else 0
        lines.append(
            f"- 200-comment thread, {row['server']}: {got:,.0f}× Isso's rate "
            f"(target {times}×): {_verdict(got >= times)}; by worker CPU time per thread "
            f"read {by_cpu:,.0f}×"
        )
    peer = _peer(results["submits"])
    for row in results["submits"]:
        if row is peer or not peer:
            continue
        ok = row["rate"] >= peer["rate"] and row["lost"] == 0
        lines.append(
            f"- submissions, {row['server']}: {_rate(row['rate'])}/s vs Isso's "
            f"{_rate(peer['rate'])}/s, {row['lost']} lost (target: at least Isso's rate, "
            f"none lost): {_verdict(ok)}; worker CPU per comment {row['cpu_ms']:,.1f} ms "
            f"vs Isso's {peer['cpu_ms']:,.1f} ms"
        )
    alternated = results.get("alternated") or {}
    for server, rates in alternated.items():
        if server != PEER:
            got, peer_rate = median(rates), median(alternated[PEER])
            lines.append(
                f"- submissions in alternated rounds, {server}: median {_rate(got)}/s vs "
                f"Isso's {_rate(peer_rate)}/s (target: at least Isso's rate): "
                f"{_verdict(got >= peer_rate)}"
            )
    for row in results["memory"]:
        if row["server"] != PEER:
            mib = row["hwm_kib"] / MIB
            lines.append(
                f"- peak memory, {row['server']}: {mib:,.0f} MiB "
                f"(target at most {TARGET_MEMORY_MIB} MiB): {_verdict(mib <= TARGET_MEMORY_MIB)}"
            )
    return lines


def reference(results: dict) -> list[str]:
    """This run's Isso against the issue's reference figures, to show how noisy the machine is."""
    cells = []
    for size, figure in REFERENCE_READS.items():
        row = _peer(results["reads"], size)
        if row:
            cells.append(f"{size} comments {_rate(row['rate'])} req/s (reference {figure})")
    peer = _peer(results["submits"])
    if peer:
        cells.append(f"submissions {_rate(peer['rate'])}/s (reference {REFERENCE_SUBMIT})")
    return [f"Isso in this run: {'; '.join(cells)}."] if cells else []


def render(results: dict) -> str:
    meta = results["meta"]
    lines = [
        "# Commentdesk against Isso",
        "",
        f"- measured: {meta['date']}, Commentdesk commit `{meta['commit']}`",
        f"- command: `{meta['command']}`",
        f"- machine: {meta['machine']}; load average before {meta['load_before']}, "
        f"after {meta['load_after']} (other work on the machine makes figures noisy)",
        f"- {meta['versions']}",
        f"- each load: wrk, {meta['seconds']} s after a short warm-up; reads at "
        f"{meta['read_connections']} connections, submissions at {meta['submit_connections']}; "
        "one gunicorn sync worker per server",
        *[f"- note: {note}" for note in results["notes"]],
        "",
        "## Reading a thread of approved comments",
        "",
        *reads_table(results["reads"]),
        "",
        "Comments shown: how many of the thread's comments one read returns (a paged reader "
        "view shows the first page). Requests: how many pages one thread read takes; "
        "latencies are per request. Worker CPU ms/request: what the one worker spent per "
        "answer, steadier than rates when other work shares the machine (1000 / it is the "
        "worker's ceiling in requests/s on a free core).",
        "",
        "## Submitting comments (all go to pre-moderation)",
        "",
        *submits_table(results["submits"]),
        "",
        "A comment is acknowledged by a 2xx or redirect answer; stored is counted in the "
        "database afterwards. Lost = acknowledged but not stored. Requests in flight when the "
        "load stops may be stored without their answer being read.",
        "",
        "## Submitting comments in alternated rounds",
        "",
        *alternated_table(results.get("alternated") or {}),
        "",
        "Isso and Commentdesk on SQLite, both running, each on a database seeded anew, take "
        "the same submission load in turns, round after round, so a change in the machine's "
        "speed weighs on both alike; the loads above measure each side once, minutes apart.",
        "",
        "## Memory per worker",
        "",
        *memory_table(results["memory"]),
        "",
        "## Targets (issue 6)",
        "",
        *targets(results),
        "",
        *reference(results),
        "",
    ]
    return "\n".join(lines)
