"""The hostile-input corpora: naughty strings and XSS payloads, kept in ``corpora/``.

They are copies of the team's shared test data (see ``corpora/SOURCES.md`` and
``corpora/licenses/``), kept in the repository so that ``make test`` runs anywhere.

Read as the folder's SOURCES.md says (UTF-8, newline='', strip line ends, skip blank lines
and, in blns.txt, '#' comments), merged and de-duplicated in a stable order.
"""

import json
from functools import cache
from pathlib import Path

CORPORA = Path(__file__).resolve().parent / "corpora"


def shared_data() -> Path:
    return CORPORA


def _lines(path: Path, *, comments: bool = False) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line.rstrip("\r\n") for line in handle]
    return [ln for ln in lines if ln.strip() and not (comments and ln.startswith("#"))]


@cache
def naughty_strings() -> tuple[str, ...]:
    blns = shared_data() / "blns"
    strings = _lines(blns / "blns.txt", comments=True)
    strings += json.loads((blns / "blns.json").read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(s for s in strings if s.strip()))


@cache
def xss_payloads() -> tuple[str, ...]:
    payloads = []
    for path in sorted((shared_data() / "xss").glob("*.txt")):
        payloads += _lines(path)
    return tuple(dict.fromkeys(payloads))


@cache
def everything() -> tuple[str, ...]:
    return tuple(dict.fromkeys(naughty_strings() + xss_payloads()))
