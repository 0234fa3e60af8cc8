"""The peer, Isso 0.14.0: installed in its own virtual environment, configured, seeded.

Isso runs as its docs say for production (gunicorn, ``isso.run:application``), with
moderation on and its ``[guard]`` rate limit off, like the reference figures in issue 6.
Seeding writes approved rows straight into Isso's SQLite database, in one transaction,
after Isso has created its schema at start-up.
"""

import importlib.metadata
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import SeedComment

VERSION = "0.14.0"
VENV = Path(__file__).resolve().parent / ".isso-venv"
SUBMIT_URI = "/bench/submit"
_MODE_APPROVED, _MODE_PENDING = 1, 2

CONFIG = """\
[general]
dbpath = {dbpath}
host = http://news.example/
notify = stdout
gravatar = false

[moderation]
enabled = true

[guard]
enabled = false

[admin]
enabled = false
"""


def install() -> Path:
    """Isso and the same gunicorn release as Commentdesk's, once; the path of its gunicorn."""
    gunicorn = VENV / "bin" / "gunicorn"
    pins = [f"isso=={VERSION}", f"gunicorn=={importlib.metadata.version('gunicorn')}"]
    stamp = VENV / ".installed"
    if stamp.exists() and stamp.read_text() == " ".join(pins):
        return gunicorn
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-qq"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *pins], check=True)
    stamp.write_text(" ".join(pins))
    return gunicorn


def configure(workdir: Path) -> tuple[Path, dict[str, str]]:
    """A fresh database and config file; the database path and the server's environment."""
    workdir.mkdir(parents=True, exist_ok=True)
    dbpath = workdir / "comments.db"
    for stale in workdir.glob("comments.db*"):
        stale.unlink()
    config = workdir / "isso.cfg"
    config.write_text(CONFIG.format(dbpath=dbpath))
    return dbpath, {"ISSO_SETTINGS": str(config)}


def thread_uri(size: int) -> str:
    return f"/bench/{size}"


def seed(dbpath: Path, threads: dict[int, list[SeedComment]]) -> None:
    """Approved comments for each thread, plus an empty thread that submissions go to."""
    start = time.time() - 86400
    with sqlite3.connect(dbpath) as db:
        db.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", (SUBMIT_URI, "Submissions"))
        for size, comments in threads.items():
            tid = db.execute(
                "INSERT INTO threads (uri, title) VALUES (?, ?)",
                (thread_uri(size), f"A story with {size} comments"),
            ).lastrowid
            ids: dict[int, int] = {}
            for c in comments:
                author = int(c.author.split()[-1])
                ids[c.index] = db.execute(
                    "INSERT INTO comments (tid, parent, created, modified, mode, remote_addr,"
                    " text, author, email, website, voters, notification)"
                    " VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, ?, 0)",
                    (
                        tid,
                        None if c.parent is None else ids[c.parent],
                        start + c.index,
                        _MODE_APPROVED,
                        f"198.51.{author}.0",  # Isso keeps addresses truncated like this
                        c.text,
                        c.author,
                        c.email or None,
                        bytes(256),  # Isso's empty Bloom filter of voters
                    ),
                ).lastrowid


def submitted(dbpath: Path) -> int:
    """Pending comments stored in the submissions thread."""
    with sqlite3.connect(dbpath) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM comments JOIN threads ON threads.id = comments.tid"
            " WHERE threads.uri = ? AND comments.mode = ?",
            (SUBMIT_URI, _MODE_PENDING),
        ).fetchone()
    return count
