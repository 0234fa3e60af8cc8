"""The assistant's learner: logistic regression over hashed character n-grams, learned
online with AdaGrad, plus a few screening signals whose starting weights are the prior.

Character n-grams (1 to 5 characters, within words; a text without spaces is one long
"word") need no word segmentation, so the same model reads English, Chinese, Tibetan or
Khmer. Features are hashed into 2^18 buckets (MurmurHash3 through ``mmh3``: stable across
processes), log-scaled counts, L2-normalised. They are exactly those of scikit-learn's
``HashingVectorizer(analyzer="char_wb")`` that stored models were learned on (tests check it),
computed without importing scikit-learn, which would cost a web worker about 120 MiB.

Before a site has any decision the text weights are zero and the score comes from the
screening signals alone (banned and suspect terms, English toxicity, blocked or held links,
duplicates, velocity) with hand-set starting weights; every decision then moves both the
text weights and the signal weights.
"""

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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
FORMAT = b"cdassist1"  # leads the stored state; a change of layout changes it


def char_ngrams(folded: str) -> Iterator[str]:
    """The character n-grams of each word padded with a space on either side; a padded word
    no longer than n is one n-gram, counted once (scikit-learn's ``char_wb`` analyser)."""
    for word in folded.split():
        padded = f" {word} "
        for n in range(NGRAMS[0], NGRAMS[1] + 1):
            yield from (padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
            if len(padded) <= n:
                break


def buckets(grams: Iterable[str]) -> np.ndarray:
    """The bucket of each n-gram: MurmurHash3 (seed 0, signed), its absolute value modulo
    the number of buckets."""
    return np.abs(np.fromiter(map(mmh3.hash, grams), np.int64)) % N_FEATURES


def text_features(folded: str) -> tuple[np.ndarray, np.ndarray]:
    """Bucket indices (ascending) and weights of one folded text: log-scaled n-gram counts,
    L2-normalised."""
    indices, counts = np.unique(buckets(char_ngrams(folded)), return_counts=True)
    values = np.log1p(counts.astype(np.float32))
    # Squares in float32 summed in order into a double, then divided in double: the
    # arithmetic of scikit-learn's ``normalize``, so the features are bit for bit the same.
    squares = (values * values).astype(np.float64)
    if squares.size:
        values = (values.astype(np.float64) / math.sqrt(np.cumsum(squares)[-1])).astype(np.float32)
    return indices.astype(np.int32), values


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-35.0, min(35.0, z))))


@dataclass
class Example:
    indices: np.ndarray
    values: np.ndarray
    signals: np.ndarray  # one value per SIGNALS name


class OnlineModel:
    def __init__(self):
        self.w = np.zeros(N_FEATURES, np.float32)
        self.g = np.full(N_FEATURES, _G0, np.float32)
        self.sw = np.array([PRIOR[name] for name in SIGNALS], np.float64)
        self.sg = np.full(len(SIGNALS), _G0)
        self.bias = PRIOR_BIAS
        self.bias_g = _G0

    def logit(self, example: Example) -> float:
        return (
            float(self.w[example.indices] @ example.values)
            + float(self.sw @ example.signals)
            + self.bias
        )

    def score(self, example: Example) -> float:
        return sigmoid(self.logit(example))

    def learn(self, example: Example, label: int) -> None:
        """One AdaGrad step of logistic loss on one decision (1 = rejected)."""
        error = self.score(example) - label
        grad = error * example.values
        idx = example.indices
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

    def dumps(self) -> bytes:
        """The state as raw little-endian arrays: copying 2 MB costs far less than
        compressing it, and this runs on every decision."""
        small = np.concatenate([self.sw, self.sg, [self.bias, self.bias_g]]).astype("<f8")
        return (
            FORMAT
            + small.tobytes()
            + self.w.astype("<f4").tobytes()
            + self.g.astype("<f4").tobytes()
        )

    @classmethod
    def loads(cls, blob: bytes) -> "OnlineModel":
        if not blob.startswith(FORMAT):
            raise ValueError("Not an assistant model of this format.")
        model = cls.__new__(cls)
        k = len(SIGNALS)
        small = np.frombuffer(blob, "<f8", count=2 * k + 2, offset=len(FORMAT))
        model.sw, model.sg = small[:k].copy(), small[k : 2 * k].copy()
        model.bias, model.bias_g = float(small[2 * k]), float(small[2 * k + 1])
        offset = len(FORMAT) + small.nbytes
        model.w = np.frombuffer(blob, "<f4", count=N_FEATURES, offset=offset).copy()
        model.g = np.frombuffer(
            blob, "<f4", count=N_FEATURES, offset=offset + 4 * N_FEATURES
        ).copy()
        return model

    def drivers(self, folded: str, example: Example) -> dict[str, float]:
        """Each character n-gram of the text and its push towards rejection."""
        weight_of = dict(
            zip(
                example.indices.tolist(),
                (self.w[example.indices] * example.values).tolist(),
                strict=True,
            )
        )
        grams = list(dict.fromkeys(gram for gram in char_ngrams(folded) if gram.strip()))
        return {
            gram: weight_of.get(index, 0.0)
            for gram, index in zip(grams, buckets(grams).tolist(), strict=True)
        }
