"""A word-level diff of two texts, for showing a moderator's edit against the original."""

import difflib
from dataclasses import dataclass

import regex

_TOKEN = regex.compile(r"\s+|[\w\p{M}]+|[^\w\s]", flags=regex.V1)


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """Segments that read as the original with deletions and insertions marked."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(old[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(new[j1:j2])))
    return segments
