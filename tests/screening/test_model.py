"""The assistant's text features are scikit-learn's TF-IDF, computed without scikit-learn.

Web workers count hashed character n-grams as ``HashingVectorizer(analyzer="char_wb")`` does
without importing scikit-learn, and weigh them by the document frequencies the model counted
online; the full retrain, which may import it, must read the very same features.
"""

import csv
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from commentdesk.screening import model as model_module
from commentdesk.screening.model import (
    N_FEATURES,
    NGRAMS,
    Example,
    OnlineModel,
    buckets,
    char_ngrams,
    text_features,
)
from commentdesk.screening.normalise import fold
from commentdesk.screening.training import text_matrix, tfidf_matrix
from tests.fuzz.corpus import naughty_strings

DATA = Path(__file__).parent / "data"


def folded_sample() -> list[str]:
    """Comments in several languages and scripts, the naughty strings, and edge cases."""
    texts = []
    for name in ("train.csv", "test.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    texts += [*naughty_strings(), "", " ", "\u3000 \n", "a", "ab  cd\t\ne", "x" * 300]
    texts += ["བོད་ཡིག་ནི་བོད་ཀྱི་ཡི་གེ་ཡིན།", "ភាសាខ្មែរជាភាសាផ្លូវការ", "မြန်မာဘာသာစကား", "👨‍👩‍👧 🔥🔥 ok"]
    texts += [" ".join(["word" * 4, "word" * 4 + "s", "y" * 17, "z" * 16, "word" * 4])]
    return [fold(text, loose=True).text for text in texts]


def scikit_learns(folded_texts: list[str]):
    """Hashed n-gram counts, log-scaled."""
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
    return matrix


def test_each_comments_counts_are_scikit_learns_bit_for_bit():
    """Also when the process has read the words before (it keeps their buckets)."""
    texts = folded_sample()
    expected = scikit_learns(texts)
    model_module._cached_word_buckets.cache_clear()
    for _ in ("words not read before", "words read before"):
        for n, text in enumerate(texts):
            indices, values, *_ = text_features(text)
            row = expected[n]
            assert indices.tolist() == row.indices.tolist(), text
            assert values.tobytes() == row.data.tobytes(), text
    assert text_matrix(texts).data.tobytes() == expected.data.tobytes()


def test_the_online_model_weighs_counts_as_scikit_learns_tfidf():
    texts = folded_sample()
    expected = TfidfTransformer().fit_transform(scikit_learns(texts))
    model = OnlineModel()
    for text in texts:
        model.learn(Example(*text_features(text)[:2], np.zeros(len(model.sw))), 0)
    for n, text in enumerate(texts):
        indices, values, *_ = text_features(text)
        assert np.allclose(model.tfidf(indices, values), expected[n].data), text
    counts = text_matrix(texts)
    df = np.bincount(counts.indices, minlength=N_FEATURES)
    assert np.array_equal(df, model.df)
    assert np.allclose(tfidf_matrix(counts, df).toarray(), expected.toarray())


def test_a_step_carries_one_decision_to_a_copy_of_the_model():
    learner, reader = OnlineModel(), OnlineModel()
    for n, text in enumerate(folded_sample()[:50]):
        example = Example(*text_features(text)[:2], np.full(len(learner.sw), 0.5))
        learner.learn(example, n % 2)
        reader.apply(learner.step(example.indices))
    assert reader.dumps() == learner.dumps()


def pushes_by_the_definition(model: OnlineModel, text: str) -> list[tuple[str, float]]:
    """Every distinct n-gram of the text (blanks aside) whose bucket pushes the score towards
    rejection, by how hard it pushes; among equals (as n-grams sharing a bucket), the first
    to occur first."""
    features = text_features(text)
    share = dict(
        zip(
            features.indices.tolist(),
            (model.w[features.indices] * model.tfidf(features.indices, features.values)).tolist(),
        )
    )
    grams = [gram for gram in dict.fromkeys(char_ngrams(text)) if gram.strip()]
    pushing = [(gram, share[int(bucket)]) for gram, bucket in zip(grams, buckets(grams))]
    return sorted([(g, p) for g, p in pushing if p > 0], key=lambda gp: -gp[1])


def test_the_pushes_are_each_ngrams_share_of_the_score_strongest_first():
    """What the desk shows as the assistant's drivers."""
    model = OnlineModel()
    for _ in range(10):
        for text, label in (("pillz for sale", 1), ("a fair point", 0), ("sale of the year", 0)):
            model.learn(Example(*text_features(text)[:2], np.zeros(len(model.sw))), label)
    text = fold("Cheap PILLZ, a fair sale of pillz", loose=True).text
    expected = pushes_by_the_definition(model, text)
    assert list(model.pushes(text_features(text))) == expected
    assert expected[0][0].strip() in "pillz" and len(expected) < len(set(char_ngrams(text)))


def test_the_pushes_of_every_comment_are_as_defined():
    model = OnlineModel()
    texts = folded_sample()
    for n, text in enumerate(texts):
        model.learn(Example(*text_features(text)[:2], np.zeros(len(model.sw))), n % 2)
    for text in texts:
        assert list(model.pushes(text_features(text))) == pushes_by_the_definition(model, text)


def test_an_ngram_is_sliced_alone_as_char_ngrams_slices_it():
    """``pushes`` slices only the n-grams it shows."""
    for word in ["a", "ab", "abc", "abcd", "abcde", "x" * 40, "བོད་ཡིག", "👨‍👩‍👧"]:
        grams = char_ngrams(word)
        assert [model_module._nth_ngram(word, k) for k in range(len(grams))] == grams
