"""What a moderator sees of a comment's screening: the stored stage results turned into
plain values and highlight segments for ``screening/_evidence.html``.

Highlights are lists of (text, is_match) segments that the template prints with
auto-escaping; no user text is ever marked safe."""

from collections import Counter, defaultdict

from commentdesk.core.models import Comment
from commentdesk.screening.normalise import fold
from commentdesk.screening.stages import SEVERITY


def segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, highlighted) around the merged ``spans``."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def driver_spans(text: str, grams: list[str]) -> list[tuple[int, int]]:
    """Where the assistant's driving character sequences occur in the original text."""
    folded = fold(text, loose=True)
    spans = []
    for gram in grams:
        start = folded.text.find(gram)
        while gram and start != -1:
            spans.append(folded.span(start, start + len(gram)))
            start = folded.text.find(gram, start + 1)
    return spans


def records(commenter_ids) -> dict[int, dict[str, int]]:
    """Each commenter's comments by status, in one query for a page of the queue."""
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = Comment.objects.filter(commenter_id__in=set(commenter_ids)).values_list(
        "commenter_id", "status"
    )
    for commenter_id, status in rows:
        counts[commenter_id][status] += 1
    return {cid: dict(c) for cid, c in counts.items()}


def evidence_for(comment: Comment, record: dict[str, int] | None = None) -> dict | None:
    """The evidence of one screened comment, or None when it was never screened."""
    screening = comment.screening or {}
    stages = screening.get("stages")
    if not stages:
        return None
    data = {name: stage.get("data", {}) for name, stage in stages.items()}
    matches = data["terms"].get("matches", [])
    found = screening.get("assistant", {})
    drivers = [gram for gram, _ in found.get("drivers", [])]
    flagged = [
        {"stage": name, "verdict": s["verdict"], "reason": s["reason"]}
        for name, s in stages.items()
        if s["verdict"] != "pass"
    ]
    return {
        "verdict": screening.get("verdict", "pass"),
        "flagged": sorted(flagged, key=lambda f: -SEVERITY[f["verdict"]]),
        "terms": segments(comment.body, [(m["start"], m["end"]) for m in matches]),
        "matched_terms": sorted({m["term"] for m in matches}),
        "links": data["links"].get("links", []),
        "language": data["language"].get("language", ""),
        "script": data["language"].get("script", ""),
        "toxicity": data["toxicity"].get("score"),
        "spam_reason": stages["spam"]["reason"],
        "record": record
        if record is not None
        else records([comment.commenter_id]).get(comment.commenter_id, {}),
        "score": found.get("score"),
        "decisions": found.get("decisions", 0),
        "drivers": drivers,
        "driver_text": segments(comment.body, driver_spans(comment.body, drivers)),
    }
