"""Fold text for matching, keeping a map from each folded character back to the original.

Folding, in order, one original character at a time: zero-width and other format
characters dropped; NFKC (full-width and mathematical letters become plain ones); case
folding; confusable letters from other alphabets (Cyrillic ``а``, Greek ``ο``) and leetspeak
digits and signs (``1d10t``) folded to Latin letters; combining marks dropped when they sit
on a Latin, Greek, Cyrillic, Arabic, Han or Hangul letter (accents used to dodge a filter,
"zalgo" text) but kept on Tibetan, Burmese, Khmer, Lao and other scripts whose vowel signs
are combining marks. Then Traditional Chinese is folded to Simplified (OpenCC), character
for character. Accents on precomposed Latin letters are kept in the *strict* form (so the
Vietnamese "các" stays apart from "cặc") and removed in the *loose* form.
"""

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import opencc

# Scripts whose combining marks are letters' vowel signs and must stay.
_KEEP_MARKS_SCRIPTS = ("TIBETAN", "MYANMAR", "KHMER", "LAO", "THAI", "DEVANAGARI", "BENGALI")

CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ς": "s", "σ": "o",
    # Latin look-alikes
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss",
}  # fmt: skip
LEET_DIGITS = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g"}
# Signs stand for letters only inside a word ("sh!t"), not at its end ("idiot!").
LEET_SIGNS = {"@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "+": "t"}

_t2s = opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the index of the original character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) that folded[start:end] came from."""
        return self.origin[start], self.origin[end - 1] + 1


def _script_keeps_marks(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(_KEEP_MARKS_SCRIPTS)


@lru_cache(maxsize=65536)
def _fold_char(char: str, loose: bool) -> str:
    """Fold one base character (not a combining mark) to zero or more characters."""
    if unicodedata.category(char) == "Cf":  # zero-width space/joiner, bidi controls, BOM
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", char).casefold():
        c = CONFUSABLES.get(c, LEET_DIGITS.get(c, c))
        if loose and c.isalpha() and c.isascii() is False:
            base = unicodedata.normalize("NFD", c)
            if not _script_keeps_marks(base[0]):
                c = "".join(b for b in base if not unicodedata.combining(b))
                c = CONFUSABLES.get(c, c)
        out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def _mark_kept_after(base: str) -> bool:
    return _script_keeps_marks(base)


@lru_cache(maxsize=65536)
def _fold_alone(char: str, loose: bool) -> str | None:
    """The one character ``char`` folds to wherever it stands, or None when its fold depends
    on its neighbours (a combining mark, a sign in a word) or is not one character."""
    if unicodedata.combining(char) or unicodedata.category(char) == "Me" or char in LEET_SIGNS:
        return None
    folded = _fold_char(char, loose)
    return folded if len(folded) == 1 else None


def fold(text: str, *, loose: bool = False) -> Folded:
    # NFC first so that accents which belong to a letter (Vietnamese) join it and are not
    # mistaken for stray combining marks.
    # Positions refer to the NFC text: the same as the stored body, which
    # lib.text.normalise_text keeps in NFC.
    text = unicodedata.normalize("NFC", text)
    # Most texts fold character for character: each distinct character is then folded once.
    table = {ord(char): _fold_alone(char, loose) for char in set(text)}
    if None in table.values():
        result, origin = _fold_each(text, loose)
    else:
        result, origin = text.translate(table), tuple(range(len(text)))
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in result):
        simplified = _t2s.convert(result)
        if len(simplified) == len(result):
            result = simplified
        else:  # a phrase rule changed the length: convert character by character
            result = "".join(_t2s.convert(c) if len(_t2s.convert(c)) == 1 else c for c in result)
    return Folded(result, origin)


def _fold_each(text: str, loose: bool) -> tuple[str, tuple[int, ...]]:
    """Fold one character at a time, looking at its neighbours."""
    chars: list[str] = []
    origin: list[int] = []
    base = ""
    last = len(text) - 1
    for index, char in enumerate(text):
        if unicodedata.combining(char) or unicodedata.category(char) == "Me":
            if base and _mark_kept_after(base):
                chars.append(char)
                origin.append(index)
            continue
        if char in LEET_SIGNS and index < last and text[index + 1].isalnum():
            folded = LEET_SIGNS[char]
        else:
            folded = _fold_char(char, loose)
        if folded:
            base = char
        for c in folded:
            chars.append(c)
            origin.append(index)
    return "".join(chars), tuple(origin)


class Folds:
    """A text's loose and strict folds, each made the first time it is asked for and then
    kept, so that the screening stages and the assistant fold a comment once."""

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def loose(self) -> Folded:
        return fold(self.text, loose=True)

    @cached_property
    def strict(self) -> Folded:
        return fold(self.text)
