"""The threads both sides are seeded with: the same authors, texts and shape, every run.

Plain Python with no dependencies, because the Isso side imports nothing of Commentdesk's.
"""

import random
from dataclasses import dataclass

THREAD_SIZES = (10, 200, 1000)
AUTHORS = 60  # distinct commenters per thread
REPLY_EVERY = 4  # every 4th comment replies to the top-level comment just before it

_WORDS = (
    "the minister said council report budget election reporters village water school "
    "road hospital market price farmers rain flood police court witness letter NGO "
    "spokesperson border trade factory workers union strike teachers students exam "
    "province district health clinic doctors vaccine river bridge festival temple "
    "tradition language radio listeners journalist interview statement official"
).split()


@dataclass(frozen=True)
class SeedComment:
    index: int
    parent: int | None  # index of the comment replied to, always a top-level one
    author: str
    email: str  # empty for guests who gave none
    text: str


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + rng.choice(".?!")


def _text(rng: random.Random) -> str:
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(2)]
    return "\n\n".join(paragraphs)


def thread(size: int) -> list[SeedComment]:
    """A thread of ``size`` approved comments, the same list for the same size every time."""
    rng = random.Random(size)
    comments = []
    last_top = None
    for index in range(size):
        author = index % AUTHORS
        parent = last_top if index % REPLY_EVERY == REPLY_EVERY - 1 else None
        if parent is None:
            last_top = index
        comments.append(
            SeedComment(
                index=index,
                parent=parent,
                author=f"Reader {author}",
                email=f"reader{author}@example.org" if author % 3 == 0 else "",
                text=_text(rng),
            )
        )
    return comments


def shown(size: int, body: str) -> int:
    """How many comments of the thread of ``size`` a response shows (HTML or JSON alike)."""
    return sum(c.text[:40] in body for c in thread(size))
