"""English toxicity: the model shipped in ``alt-profanity-check``, scored without its overhead.

The package's model is a TF-IDF vectoriser and a sigmoid-calibrated linear SVM (five
calibrated folds, averaged). Calling ``predict_prob`` costs about 2 ms per comment, most of
it scikit-learn's input checks; both parts are linear, so this module reads the fitted
vocabulary, IDF weights, SVM coefficients and calibration constants once and scores a text
with a dictionary look-up per word and a small dot product (tens of microseconds), giving
the same probabilities (``tests/screening/test_toxicity.py`` checks it).
"""

import math
from collections import Counter
from functools import lru_cache

import numpy as np


class ToxicityModel:
    def __init__(self, vectorizer, calibrated):
        self.analyse = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_
        folds = calibrated.calibrated_classifiers_
        self.coef = np.vstack([f.estimator.coef_.ravel() for f in folds]).T  # (words, folds)
        self.intercept = np.array([f.estimator.intercept_[0] for f in folds])
        self.a = np.array([f.calibrators[0].a_ for f in folds])
        self.b = np.array([f.calibrators[0].b_ for f in folds])

    def score(self, text: str) -> float:
        counts = Counter(self.vocabulary[w] for w in self.analyse(text) if w in self.vocabulary)
        if counts:
            columns = np.fromiter(counts.keys(), dtype=np.int64)
            weights = np.fromiter(counts.values(), dtype=np.float64) * self.idf[columns]
            weights /= math.sqrt(float(weights @ weights))
            decision = weights @ self.coef[columns] + self.intercept
        else:
            decision = self.intercept
        return float(np.mean(1.0 / (1.0 + np.exp(self.a * decision + self.b))))


@lru_cache(maxsize=1)
def model() -> ToxicityModel:
    from profanity_check import profanity_check

    return ToxicityModel(profanity_check.vectorizer, profanity_check.model)


def score(text: str) -> float:
    """Probability (0..1) that an English text is offensive."""
    return model().score(text)
