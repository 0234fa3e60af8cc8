"""A gunicorn server with one sync worker on a free loopback port, for either side."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 120) -> tuple[int, bytes]:
    """GET a URL; any HTTP status is an answer, not an error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in {"VmRSS", "VmHWM"}:
            fields[name] = int(value.split()[0])
    return fields


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """``with Server(...) as server``: gunicorn running ``app`` until the block ends."""

    def __init__(
        self,
        gunicorn: Path,
        app: str,
        env: dict[str, str],
        log: Path,
        probe: str,
        options: tuple[str, ...] = (),
    ):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.command = [
            str(gunicorn),
            app,
            f"--bind={HOST}:{self.port}",
            "--workers=1",
            "--worker-class=sync",
            "--timeout=120",  # a 1000-comment read of the peer under load takes seconds
            *options,
        ]
        self.env = {**os.environ, **env}
        self.log = log
        self.probe = probe  # a path that answers when the app is ready
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[1]} exited at start; see {self.log}")
            try:
                if fetch(self.base + self.probe, timeout=5)[0] < 500:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.command[1]} did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pid(self) -> int:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = [int(pid) for pid in children.read_text().split()]
        if len(pids) != 1:
            raise RuntimeError(f"expected one gunicorn worker, found {pids}")
        return pids[0]

    def worker_cpu(self) -> float:
        return cpu_seconds(self.worker_pid())

    def worker_memory(self) -> dict[str, int]:
        return memory_kib(self.worker_pid())

    def drain(self) -> None:
        """Wait until the worker has worked off requests that a finished load left queued."""
        fetch(self.base + self.probe)
