"""Write alt-profanity-check's fitted model as plain arrays (``toxicity.py`` scores with them).

``python -m commentdesk.screening.toxicity_export PATH`` writes an ``.npz`` file: the
vocabulary (words in column order), IDF weights, each calibrated fold's SVM coefficients and
intercept and its sigmoid calibration ``a`` and ``b``, and the word pattern. The package's
model is pickled scikit-learn objects, so reading it imports scikit-learn: this runs in a
subprocess of its own, once per package version, and web workers never import it.

The export refuses a vectoriser whose analyser ``toxicity.py`` would not reproduce exactly.
"""

import os
import sys
from pathlib import Path

import numpy as np

# The TfidfVectorizer settings ``toxicity.ToxicityModel`` reimplements: lower-cased words
# matching ``token_pattern``, single words, raw counts times IDF, L2-normalised.
REPRODUCED = {
    "analyzer": "word",
    "input": "content",
    "lowercase": True,
    "strip_accents": None,
    "preprocessor": None,
    "tokenizer": None,
    "ngram_range": (1, 1),
    "binary": False,
    "sublinear_tf": False,
    "use_idf": True,
    "norm": "l2",
}


def arrays(vectorizer, calibrated) -> dict[str, np.ndarray]:
    params = vectorizer.get_params()
    changed = {k: params[k] for k, v in REPRODUCED.items() if params[k] != v}
    if changed:
        raise ValueError(f"The toxicity vectoriser's analyser changed: {changed}.")
    words = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    # Stop words are dropped before counting; none is in the vocabulary, so counting only
    # vocabulary words drops them too.
    if set(words) & set(vectorizer.get_stop_words() or ()):
        raise ValueError("The toxicity vocabulary holds stop words.")
    if calibrated.method != "sigmoid" or list(calibrated.classes_) != [0, 1]:
        raise ValueError("The toxicity model is not a sigmoid-calibrated binary classifier.")
    folds = calibrated.calibrated_classifiers_
    return {
        "words": np.array(words),
        "token_pattern": np.array(params["token_pattern"]),
        "idf": vectorizer.idf_,
        "coef": np.vstack([f.estimator.coef_.ravel() for f in folds]).T,  # (words, folds)
        "intercept": np.array([f.estimator.intercept_[0] for f in folds]),
        "a": np.array([f.calibrators[0].a_ for f in folds]),
        "b": np.array([f.calibrators[0].b_ for f in folds]),
    }


def export(path: Path) -> None:
    """Write the arrays to ``path`` atomically (a partly written file is never seen)."""
    from profanity_check import profanity_check

    found = arrays(profanity_check.vectorizer, profanity_check.model)
    partial = path.with_name(f".{path.name}.{os.getpid()}.npz")
    np.savez(partial, **found)
    partial.replace(path)


if __name__ == "__main__":
    export(Path(sys.argv[1]))
