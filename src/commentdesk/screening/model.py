"""The assistant's learner: logistic regression over hashed character n-grams, learned
online with AdaGrad, plus a few screening signals whose starting weights are the prior.

Character n-grams (1 to 5 characters, within words; a text without spaces is one long
"word") need no word segmentation, so the same model reads English, Chinese, Tibetan or
Khmer. Features are hashed into 2^18 buckets (MurmurHash3 through ``mmh3``: stable across
processes), log-scaled counts: exactly those of scikit-learn's
``HashingVectorizer(analyzer="char_wb")`` (tests check it), computed without importing
scikit-learn, which would cost a web worker about 120 MiB. The model then weighs each bucket
by its inverse document frequency among the decisions it learned from (counted as it learns,
so the weighting is as incremental as the rest) and L2-normalises: TF-IDF, online.

A word's buckets depend on the word alone, and most words of a comment were in an earlier
one: each process keeps those of the ``WORDS_CACHED`` words it read most recently (of up to
``LONGEST_CACHED`` characters: at most 2.5 MiB, about 1.3 MiB for real comments), so that a
submission slices and hashes the n-grams of its new words only, and NumPy counts the
buckets. The n-grams themselves are not kept: ``pushes`` slices again the few it shows.

Before a site has any decision the text weights are zero and the score comes from the
screening signals alone (banned and suspect terms, English toxicity, blocked or held links,
duplicates, velocity) with hand-set starting weights; every decision then moves both the
text weights and the signal weights.
"""

import math
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import mmh3
import numpy as np

BITS = 18
N_FEATURES = 1 << BITS
NGRAMS = (1, 5)
LEARNING_RATE = 0.5
_G0 = 1e-2  # AdaGrad's starting accumulator: the first step of a feature is lr/0.1

# name -> starting weight. Signal values are in [0, 1] (see ``signal_values``).
PRIOR = {
    "banned_reject": 4.0,
    "banned_hold": 3.0,
    "suspect": 1.5,
    "toxicity": 4.0,
    "blocked_link": 3.0,
    "held_link": 1.0,
    "duplicates": 1.5,
    "velocity": 1.0,
}
SIGNALS = tuple(PRIOR)
PRIOR_BIAS = -2.0  # sigmoid(-2) = 0.12: a comment with no signal is probably fine
FORMAT = b"cdassist2"  # leads the stored state; a change of layout changes it
WORDS_CACHED = 4096
LONGEST_CACHED = 16  # longer words are rare and take the most memory


def char_ngrams(folded: str) -> list[str]:
    """The character n-grams of each word padded with a space on either side; a padded word
    no longer than n is one n-gram, counted once (scikit-learn's ``char_wb`` analyser)."""
    grams: list[str] = []
    for word in folded.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            if size <= n:
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(size - n + 1)])
    return grams


def _nth_ngram(word: str, k: int) -> str:
    """``char_ngrams(word)[k]``, without making the others."""
    padded = f" {word} "
    for n in range(NGRAMS[0], NGRAMS[1] + 1):
        count = max(1, len(padded) - n + 1)
        if k < count:
            return padded[k : k + n]
        k -= count
    raise IndexError(k)


def buckets(grams: list[str]) -> np.ndarray:
    """The bucket of each n-gram: MurmurHash3 (seed 0, signed), its absolute value modulo
    the number of buckets."""
    return np.abs(np.fromiter(map(mmh3.hash, grams), np.int64, len(grams))) % N_FEATURES


class Features(NamedTuple):
    """One folded text's hashed n-gram counts, and which bucket each of its n-grams went to:
    the n-grams (``char_ngrams``) of its first word, then of its second, and so on."""

    indices: np.ndarray  # the buckets, ascending
    values: np.ndarray  # their log-scaled n-gram counts
    columns: np.ndarray  # for each n-gram, the position of its bucket in ``indices``
    words: list[str]
    starts: list[int]  # for each word, the position of its first n-gram


def _word_buckets(word: str) -> bytes:
    """The buckets of one word's n-grams, as int32."""
    return buckets(char_ngrams(word)).astype(np.int32).tobytes()


_cached_word_buckets = lru_cache(maxsize=WORDS_CACHED)(_word_buckets)


def text_features(folded: str) -> Features:
    """The features of one folded text: a bucket's count is the number of n-grams in it."""
    words = folded.split()
    hashed = [
        (_cached_word_buckets if len(word) <= LONGEST_CACHED else _word_buckets)(word)
        for word in words
    ]
    flat = np.frombuffer(b"".join(hashed), np.int32)
    indices, columns, counts = np.unique(flat, return_inverse=True, return_counts=True)
    starts = list(accumulate([len(word_buckets) // 4 for word_buckets in hashed], initial=0))[:-1]
    return Features(indices, np.log1p(counts.astype(np.float32)), columns, words, starts)


def l2_normalised(values: np.ndarray) -> np.ndarray:
    norm = math.sqrt(float(values @ values))
    return values / norm if norm else values


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))


@dataclass
class Example:
    indices: np.ndarray
    values: np.ndarray  # log-scaled counts, before the model's IDF weighting
    signals: np.ndarray  # one value per SIGNALS name


_BUCKET_ARRAYS = ("w", "g", "df")  # one value per bucket: what a step changes sparsely


class OnlineModel:
    def __init__(self):
        self.w = np.zeros(N_FEATURES, np.float32)
        self.g = np.full(N_FEATURES, _G0, np.float32)
        self.df = np.zeros(N_FEATURES, np.float32)  # decisions whose text had the bucket
        self.sw = np.array([PRIOR[name] for name in SIGNALS], np.float64)
        self.sg = np.full(len(SIGNALS), _G0)
        self.bias = PRIOR_BIAS
        self.bias_g = _G0
        self.docs = 0.0  # decisions learned, the IDF's denominator

    def tfidf(self, indices: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Counts weighted by smoothed inverse document frequency, ln((1+n)/(1+df))+1 as
        scikit-learn's ``TfidfTransformer``, L2-normalised. Before any decision every
        weight is 1."""
        idf = np.log((1.0 + self.docs) / (1.0 + self.df[indices].astype(np.float64))) + 1.0
        return l2_normalised(values * idf)

    def logit(self, example: Example) -> float:
        x = self.tfidf(example.indices, example.values)
        return float(self.w[example.indices] @ x) + float(self.sw @ example.signals) + self.bias

    def score(self, example: Example) -> float:
        return sigmoid(self.logit(example))

    def learn(self, example: Example, label: int) -> None:
        """One AdaGrad step of logistic loss on one decision (1 = rejected), after counting
        the decision's buckets into the document frequencies."""
        idx = example.indices
        self.df[idx] += 1
        self.docs += 1
        error = self.score(example) - label
        grad = (error * self.tfidf(idx, example.values)).astype(np.float32)
        self.g[idx] += grad * grad
        self.w[idx] -= LEARNING_RATE * grad / np.sqrt(self.g[idx])
        sgrad = error * example.signals
        self.sg += sgrad * sgrad
        self.sw -= LEARNING_RATE * sgrad / np.sqrt(self.sg)
        self.bias_g += error * error
        self.bias -= LEARNING_RATE * error / math.sqrt(self.bias_g)

    def copy(self) -> "OnlineModel":
        clone = OnlineModel.__new__(OnlineModel)
        clone.__dict__ = {k: (v.copy() if hasattr(v, "copy") else v) for k, v in vars(self).items()}
        return clone

    def _small(self) -> np.ndarray:
        return np.concatenate([self.sw, self.sg, [self.bias, self.bias_g, self.docs]])

    def _set_small(self, small: np.ndarray) -> None:
        k = len(SIGNALS)
        self.sw, self.sg = small[:k].copy(), small[k : 2 * k].copy()
        self.bias, self.bias_g, self.docs = (float(v) for v in small[2 * k :])

    def dumps(self) -> bytes:
        """The whole state (about 3 MB) as raw little-endian arrays."""
        arrays = [getattr(self, name).astype("<f4").tobytes() for name in _BUCKET_ARRAYS]
        return FORMAT + self._small().astype("<f8").tobytes() + b"".join(arrays)

    @classmethod
    def loads(cls, blob: bytes) -> "OnlineModel":
        if not blob.startswith(FORMAT):
            raise ValueError("Not an assistant model of this format.")
        model = cls.__new__(cls)
        small = np.frombuffer(blob, "<f8", count=2 * len(SIGNALS) + 3, offset=len(FORMAT))
        model._set_small(small)
        offset = len(FORMAT) + small.nbytes
        for n, name in enumerate(_BUCKET_ARRAYS):
            at = offset + 4 * N_FEATURES * n
            setattr(model, name, np.frombuffer(blob, "<f4", count=N_FEATURES, offset=at).copy())
        return model

    def step(self, indices: np.ndarray) -> bytes:
        """What learning one decision changed, given its buckets: the small state and the
        buckets' new values (a few kilobytes, where ``dumps`` is 3 MB). ``apply`` sets them,
        so applying a step twice changes nothing."""
        bucket_values = [getattr(self, name)[indices].astype("<f4") for name in _BUCKET_ARRAYS]
        parts = [self._small().astype("<f8"), indices.astype("<i4"), *bucket_values]
        return b"".join(part.tobytes() for part in parts)

    def apply(self, step: bytes) -> None:
        small = np.frombuffer(step, "<f8", count=2 * len(SIGNALS) + 3)
        self._set_small(small)
        count = (len(step) - small.nbytes) // (4 * (1 + len(_BUCKET_ARRAYS)))
        indices = np.frombuffer(step, "<i4", count=count, offset=small.nbytes)
        for n, name in enumerate(_BUCKET_ARRAYS):
            at = small.nbytes + 4 * count * (n + 1)
            getattr(self, name)[indices] = np.frombuffer(step, "<f4", count=count, offset=at)

    def pushes(self, features: Features) -> Iterator[tuple[str, float]]:
        """The text's n-grams (other than blanks) that push its score towards rejection,
        each with its push, strongest first; among equals, the first to occur first. Lazy:
        the caller takes as many as it shows."""
        x = self.tfidf(features.indices, features.values)
        push = (self.w[features.indices] * x)[features.columns]
        pads = zip(features.starts, features.words)  # each word's first and last 1-gram: " "
        push[[at for start, word in pads for at in (start, start + len(word) + 1)]] = 0
        pushing = np.flatnonzero(push > 0)
        ranked = pushing[np.argsort(-push[pushing], kind="stable")]
        seen: set[str] = set()  # each occurrence of an n-gram is ranked: yield the first
        for n in ranked.tolist():
            word = bisect_right(features.starts, n) - 1
            gram = _nth_ngram(features.words[word], n - features.starts[word])
            if gram not in seen:
                seen.add(gram)
                yield gram, float(push[n])
