"""Plain-text normalisation for what readers type, and lengths as readers see them.

The documented normalisation (docs/integrators/comments.md) is, in order:
Unicode NFC, CRLF and lone CR to LF, control characters other than newline and tab
removed, surrounding whitespace trimmed. Nothing else is changed: the stored body is
what the reader typed.
"""

import unicodedata

import regex

_CONTROL = regex.compile(r"[\p{Cc}--[\n\t]]", flags=regex.V1)
_GRAPHEME = regex.compile(r"\X")


def normalise_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return value.strip()


def normalise_line(value: str) -> str:
    """A single-line field (a display name): newlines and tabs become spaces."""
    return " ".join(normalise_text(value).split())


# Below U+0300 (where combining marks start) every code point is a grapheme of its own,
# but for CR followed by LF: most comments (English ones) need no segmentation.
_ALONE_BELOW = "\u0300"


def grapheme_length(value: str) -> int:
    """How many characters a reader sees: Khmer or Tibetan stacks count once."""
    if max(value, default="") < _ALONE_BELOW and "\r\n" not in value:
        return len(value)
    return len(_GRAPHEME.findall(value))
