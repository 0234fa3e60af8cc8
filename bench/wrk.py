"""Run one wrk load and read the JSON line its Lua ``done`` hook prints (loads/common.lua)."""

import json
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LOADS = Path(__file__).resolve().parent / "loads"
MARKER = "BENCH-RESULT "


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p99_ms: float
    errors: dict[str, int]
    statuses: dict[int, int]
    cpu_ms: float = 0.0  # the server worker's CPU time per request, when measured

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def bytes_per_response(self) -> int:
        return self.bytes // self.requests if self.requests else 0

    def count(self, *statuses: int) -> int:
        return sum(self.statuses.get(status, 0) for status in statuses)


def parse_output(stdout: str) -> LoadResult:
    line = next((ln for ln in stdout.splitlines() if ln.startswith(MARKER)), None)
    if line is None:
        raise RuntimeError(f"wrk printed no result line:\n{stdout}")
    data = json.loads(line[len(MARKER) :])
    return LoadResult(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        bytes=data["bytes"],
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["errors"],
        statuses={int(k): v for k, v in data["statuses"].items()},
    )


def run(
    url: str,
    script: str,
    *args: str,
    connections: int,
    seconds: int,
    threads: int = 2,
    timeout: int = 60,
) -> LoadResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is missing: run bench/setup (apt-get install -y wrk)")
    command = [
        wrk,
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={timeout}s",
        f"--script={script}",
        url,
        "--",
        secrets.token_hex(4),  # the nonce that keeps each run's comments apart
        *args,
    ]
    done = subprocess.run(
        command, cwd=LOADS, capture_output=True, text=True, check=True, timeout=seconds + timeout
    )
    return parse_output(done.stdout)
