"""Banned and suspect terms: one Aho-Corasick automaton per site, matched on folded text.

Terms and text are folded the same way (``normalise.fold``). A term in a script written
with spaces between words must match whole words (``ass`` does not match ``class``); in
scripts written without spaces (Chinese, Japanese, Tibetan, Burmese, Khmer, Lao, Thai) it
matches anywhere. Korean attaches particles to words, so a Hangul term must start a word
but may be followed by more syllables. A term whose folded form keeps accents (Vietnamese)
is matched on the strict fold, every other term on the loose fold, so accents cannot be
used to dodge a term without the Vietnamese ``các`` matching ``cặc``.
"""

import unicodedata
from dataclasses import dataclass

import ahocorasick

from commentdesk.screening.normalise import Folded, Folds, fold

_UNSPACED = ("CJK", "HIRAGANA", "KATAKANA", "TIBETAN", "MYANMAR", "KHMER", "LAO", "THAI")


@dataclass(frozen=True)
class Term:
    text: str  # as the desk editor wrote it
    action: str  # flag / hold / reject
    language: str  # "" = every language
    boundary: str  # "both", "start" or "none"
    length: int  # of the folded term


@dataclass(frozen=True)
class Match:
    term: Term
    start: int  # in the original text
    end: int


def _boundary_for(folded_term: str) -> str:
    names = [unicodedata.name(c, "") for c in folded_term if c.isalpha()]
    if any(name.startswith(_UNSPACED) for name in names):
        return "none"
    if any(name.startswith("HANGUL") for name in names):
        return "start"
    return "both"


class TermMatcher:
    """Built once per site and term-list revision; matching costs one pass per fold."""

    def __init__(self, entries: list[tuple[str, str, str]]):
        """``entries``: (term, action, language) triples."""
        self.strict = ahocorasick.Automaton()
        self.loose = ahocorasick.Automaton()
        for raw, action, language in entries:
            strict, loose = fold(raw).text.strip(), fold(raw, loose=True).text.strip()
            if not loose:
                continue
            automaton, key = (self.loose, loose) if strict == loose else (self.strict, strict)
            term = Term(raw, action, language, _boundary_for(key), len(key))
            terms = automaton.get(key) if key in automaton else []
            automaton.add_word(key, [*terms, term])
        for automaton in (self.strict, self.loose):
            if len(automaton):
                automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.strict) + len(self.loose)

    def match(self, folds: Folds, language: str = "") -> list[Match]:
        """The terms found in the text whose ``folds`` are given (the strict fold is made
        only when a term needs it)."""
        matches: list[Match] = []
        if len(self.loose):
            matches.extend(_matches(self.loose, folds.loose, language))
        if len(self.strict):
            matches.extend(_matches(self.strict, folds.strict, language))
        return sorted(matches, key=lambda m: (m.start, -m.end))


def _is_word_char(folded: str, index: int) -> bool:
    return 0 <= index < len(folded) and (folded[index].isalnum() or folded[index] == "_")


def _matches(automaton, folded: Folded, language: str):
    text = folded.text
    for end, terms in automaton.iter(text):
        for term in terms:
            if term.language and language and not _same_language(term.language, language):
                continue
            start = end - term.length + 1
            if term.boundary in ("both", "start") and _is_word_char(text, start - 1):
                continue
            if term.boundary == "both" and _is_word_char(text, end + 1):
                continue
            original_start, original_end = folded.span(start, end + 1)
            yield Match(term, original_start, original_end)


def _root(language: str) -> str:
    root = language.split("-")[0].lower()
    return "zh" if root == "yue" else root


def _same_language(a: str, b: str) -> bool:
    """Chinese terms (zh, zh-Hans, zh-Hant, yue) apply to every Chinese text: both are
    folded to Simplified before matching."""
    return _root(a) == _root(b)
