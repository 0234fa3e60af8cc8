"""The assistant's text features are scikit-learn's, computed without scikit-learn.

Stored models were learned on ``HashingVectorizer(analyzer="char_wb")`` features, log-scaled
and L2-normalised by scikit-learn; web workers now compute them without importing it, and
must get the same numbers, bit for bit, or every stored model would score differently.
"""

import csv
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from commentdesk.screening.model import N_FEATURES, NGRAMS, text_features
from commentdesk.screening.normalise import fold
from commentdesk.screening.training import text_matrix
from tests.fuzz.corpus import naughty_strings

DATA = Path(__file__).parent / "data"


def folded_sample() -> list[str]:
    """Comments in several languages and scripts, the naughty strings, and edge cases."""
    texts = []
    for name in ("train.csv", "test.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    texts += [*naughty_strings(), "", " ", "a", "ab  cd\t\ne", "x" * 300]
    return [fold(text, loose=True).text for text in texts]


def scikit_learns(folded_texts: list[str]):
    vectorizer = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=NGRAMS,
        n_features=N_FEATURES,
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )
    matrix = vectorizer.transform(folded_texts)
    matrix.data = np.log1p(matrix.data)
    return normalize(matrix, norm="l2", copy=False)


def test_each_comments_features_are_scikit_learns_bit_for_bit():
    texts = folded_sample()
    expected = scikit_learns(texts)
    for n, text in enumerate(texts):
        indices, values = text_features(text)
        row = expected[n]
        assert indices.tolist() == row.indices.tolist(), text
        assert values.tobytes() == row.data.tobytes(), text


def test_the_retrain_reads_the_same_matrix_as_before():
    texts = folded_sample()
    ours, theirs = text_matrix(texts), scikit_learns(texts)
    assert ours.shape == theirs.shape
    assert ours.indptr.tolist() == theirs.indptr.tolist()
    assert ours.indices.tolist() == theirs.indices.tolist()
    assert ours.data.tobytes() == theirs.data.tobytes()
