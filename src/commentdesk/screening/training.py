"""The periodic full retrain: a batch logistic regression over every decision of a site,
on the same features as the online model (TF-IDF, with document frequencies counted afresh
over those decisions), which then keeps learning online from it. It also re-scores the
site's pending comments, whose stored estimates came from older models. It is also how a
stored model of an older layout is brought back: refit from the decisions.

It runs in the background worker (or the ``assist`` command), never in a web request: it is
the only part of the assistant that imports scikit-learn and SciPy."""

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from commentdesk.core.models import Comment, Site
from commentdesk.screening import assistant, store
from commentdesk.screening.model import N_FEATURES, OnlineModel, text_features
from commentdesk.screening.normalise import fold

C = 4.0  # inverse regularisation strength; the same as the batch baseline's


def retrain_site_model(site_id: int) -> int:
    """Refit the site's model on all its decisions; return how many were used."""
    site = Site.objects.get(pk=site_id)
    rows = assistant.training_set(site)
    labels = np.array([label for _, _, label in rows])
    if len(rows) < 2 or labels.min() == labels.max():
        return 0
    counts = text_matrix([fold(text, loose=True).text for text, _, _ in rows])
    df = np.bincount(counts.indices, minlength=N_FEATURES).astype(np.float32)
    texts = tfidf_matrix(counts, df)
    signals = sp.csr_matrix(np.vstack([assistant.signal_values(s) for _, s, _ in rows]))
    matrix = sp.hstack([texts, signals], format="csr")
    fitted = LogisticRegression(C=C, solver="liblinear", dual=True).fit(matrix, labels)

    def refit(model: OnlineModel) -> OnlineModel:
        coef = fitted.coef_.ravel()
        model.w = coef[:N_FEATURES].astype(np.float32)
        model.sw = coef[N_FEATURES:].astype(np.float64)
        model.bias = float(fitted.intercept_[0])
        model.df, model.docs = df, float(len(rows))
        return model

    store.replace(site_id, refit)
    rescore_pending(site_id)
    return len(rows)


def text_matrix(folded_texts: list[str]) -> sp.csr_matrix:
    """One sparse row per folded text: its ``text_features`` (log-scaled counts)."""
    rows = [text_features(text) for text in folded_texts]
    indptr = np.cumsum([0] + [len(row.indices) for row in rows])
    indices = np.concatenate([row.indices for row in rows])
    values = np.concatenate([row.values for row in rows])
    return sp.csr_matrix((values, indices, indptr), shape=(len(rows), N_FEATURES))


def tfidf_matrix(counts: sp.csr_matrix, df: np.ndarray) -> sp.csr_matrix:
    """The rows as the model weighs them (``OnlineModel.tfidf``), ``df`` its counts."""
    model = OnlineModel()
    model.df, model.docs = df, float(counts.shape[0])
    weighted = counts.astype(np.float64)
    for n in range(counts.shape[0]):
        row = slice(counts.indptr[n], counts.indptr[n + 1])
        weighted.data[row] = model.tfidf(counts.indices[row], counts.data[row])
    return weighted


def rescore_pending(site_id: int, batch: int = 500) -> None:
    pending = Comment.objects.filter(story__site_id=site_id, status=Comment.Status.PENDING)
    for comment in pending.only("pk", "body", "screening").iterator(chunk_size=batch):
        folded = fold(comment.body, loose=True).text
        found = assistant.estimate(site_id, folded, comment.screening)
        comment.reject_score = found.score
        comment.screening = {**comment.screening, "assistant": found.as_json()}
        comment.save(update_fields=["reject_score", "screening"])
