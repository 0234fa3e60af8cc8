"""What the widget weighs on the wire: gzipped sizes of the loader and the frame's JS + CSS."""

import gzip
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "src/commentdesk/public/static/public"
LOADER = ("embed.js",)
FRAME = ("widget.js", "comments.css")  # everything the comments page loads
LOADER_BUDGET = 2 * 1024
FRAME_BUDGET = 15 * 1024


def gzipped(*names: str) -> int:
    return sum(len(gzip.compress((STATIC / name).read_bytes(), 9)) for name in names)


def report() -> str:
    return (
        f"widget sizes (gzip -9): embed.js {gzipped(*LOADER)} B (budget {LOADER_BUDGET} B); "
        f"comments page JS+CSS {gzipped(*FRAME)} B "
        f"(widget.js {gzipped('widget.js')} B + comments.css {gzipped('comments.css')} B; "
        f"budget {FRAME_BUDGET} B)"
    )
