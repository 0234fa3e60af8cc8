"""English toxicity: the model shipped in ``alt-profanity-check``, scored with NumPy alone.

The package's model is a TF-IDF vectoriser and a sigmoid-calibrated linear SVM (five
calibrated folds, averaged), pickled scikit-learn objects: loading them would import
scikit-learn into every web worker (about 120 MiB) and calling ``predict_prob`` costs about
2 ms per comment, most of it input checks. Both parts are linear, so a subprocess
(``toxicity_export``) writes the fitted vocabulary, IDF weights, SVM coefficients and
calibration constants once per package version as plain arrays in the data directory
(``models/toxicity-<version>.npz``); a worker loads those and scores a text with a dictionary
look-up per word and a small dot product (tens of microseconds), giving the package's own
probabilities (``tests/screening/test_toxicity.py`` checks it).
"""

import fcntl
import math
import re
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import numpy as np
from django.conf import settings

EXPORT_TIMEOUT = 300  # seconds; importing scikit-learn and unpickling takes a few


class ToxicityModel:
    def __init__(self, arrays):
        self.words = re.compile(str(arrays["token_pattern"])).findall
        self.vocabulary = {word: column for column, word in enumerate(arrays["words"].tolist())}
        self.idf = arrays["idf"]
        self.coef = arrays["coef"]  # (words, folds)
        self.intercept = arrays["intercept"]
        self.a = arrays["a"]
        self.b = arrays["b"]

    def score(self, text: str) -> float:
        words = self.words(text.lower())
        counts = Counter(self.vocabulary[w] for w in words if w in self.vocabulary)
        if counts:
            columns = np.fromiter(counts.keys(), dtype=np.int64)
            weights = np.fromiter(counts.values(), dtype=np.float64) * self.idf[columns]
            weights /= math.sqrt(float(weights @ weights))
            decision = weights @ self.coef[columns] + self.intercept
        else:
            decision = self.intercept
        return float(np.mean(1.0 / (1.0 + np.exp(self.a * decision + self.b))))


def exported() -> Path:
    """The package's model as arrays, written by a subprocess the first time it is needed
    (``commentdesk serve`` does it before starting workers); one writer at a time."""
    path = Path(settings.DATA_DIR) / "models" / f"toxicity-{version('alt-profanity-check')}.npz"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            subprocess.run(  # noqa: S603 (this interpreter, our own module)
                [sys.executable, "-m", "commentdesk.screening.toxicity_export", str(path)],
                check=True,
                timeout=EXPORT_TIMEOUT,
            )
    return path


@lru_cache(maxsize=1)
def model() -> ToxicityModel:
    with np.load(exported()) as arrays:
        return ToxicityModel(arrays)


def score(text: str) -> float:
    """Probability (0..1) that an English text is offensive."""
    return model().score(text)
