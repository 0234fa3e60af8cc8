"""Judge the assistant on labelled comments (``commentdesk assist evaluate``).

Reading and checking the files, the metrics, and the two baselines live here; the command
runs the assistant itself in a scratch database (see the command's module).
"""

import csv
import io
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score

from commentdesk.screening.normalise import fold

PRECISION_TARGET = 0.9


class BadFile(Exception):
    """A training or test file the command cannot use; the message is one line."""


@dataclass(frozen=True)
class Labelled:
    texts: list[str]
    labels: list[int]
    skipped_empty: int


def read_labelled(path: str) -> Labelled:
    """Rows of a UTF-8 CSV with a header that has ``text`` and ``label`` (0 or 1)."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise BadFile(f"{path}: cannot read the file ({error.strerror}).") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadFile(
            f"{name} is not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}."
        ) from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    columns = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in ("text", "label") if c not in columns]
    if missing:
        raise BadFile(
            f"{name} needs a header row with columns text,label; missing {', '.join(missing)}."
        )
    reader.fieldnames = columns
    texts, labels, empty = [], [], 0
    try:
        for row in reader:
            label = (row["label"] or "").strip()
            if label not in ("0", "1"):
                raise BadFile(
                    f"{name} line {reader.line_num}: label must be 0 or 1, got {label!r}."
                )
            text = (row["text"] or "").strip()
            if not text:
                empty += 1
                continue
            texts.append(text)
            labels.append(int(label))
    except csv.Error as error:
        raise BadFile(f"{name} line {reader.line_num}: not valid CSV ({error}).") from None
    if not texts:
        raise BadFile(f"{name} has no rows with text.")
    return Labelled(texts, labels, empty)


def require_both_labels(data: Labelled, path: str) -> None:
    if len(set(data.labels)) < 2:
        raise BadFile(f"{Path(path).name} needs rows of both labels, 0 and 1, to be measured.")


def recall_at_precision(labels, scores, target: float = PRECISION_TARGET) -> float:
    precision, recall, _ = precision_recall_curve(labels, scores)
    reachable = recall[precision >= target]
    return float(reachable.max()) if reachable.size else 0.0


def metrics(labels: list[int], scores: list[float], times_ms: list[float]) -> dict:
    return {
        "roc_auc": round(float(roc_auc_score(labels, scores)), 4),
        "average_precision": round(float(average_precision_score(labels, scores)), 4),
        f"recall_at_precision_{PRECISION_TARGET}": round(recall_at_precision(labels, scores), 4),
        "score_ms_p50": round(float(np.percentile(times_ms, 50)), 3),
        "score_ms_p99": round(float(np.percentile(times_ms, 99)), 3),
    }


def _timed_scores(score, texts: list[str]) -> tuple[list[float], list[float]]:
    scores, times = [], []
    for text in texts:
        start = time.perf_counter()
        scores.append(score(text))
        times.append((time.perf_counter() - start) * 1000)
    return scores, times


def baseline_toxicity(train: Labelled, test: Labelled) -> dict:
    """The English model of alt-profanity-check alone, zero-shot (nothing learned)."""
    from commentdesk.screening import toxicity

    scores, times = _timed_scores(toxicity.score, test.texts)
    return {"model": "baseline-toxicity", "rows_train": len(train.texts),
            "rows_test": len(test.texts), "train_seconds": 0.0,
            **metrics(test.labels, scores, times)}  # fmt: skip


def baseline_tfidf(train: Labelled, test: Labelled) -> dict:
    """Batch TF-IDF of character 1-5-grams (within words) and logistic regression, on the
    same folded text the assistant reads."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    start = time.perf_counter()
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, min_df=2, lowercase=False
    )
    matrix = vectorizer.fit_transform([fold(t, loose=True).text for t in train.texts])
    model = LogisticRegression(C=4.0, max_iter=2000).fit(matrix, train.labels)
    seconds = time.perf_counter() - start

    def score(text: str) -> float:
        return float(model.predict_proba(vectorizer.transform([fold(text, loose=True).text]))[0, 1])

    scores, times = _timed_scores(score, test.texts)
    return {"model": "baseline-tfidf", "rows_train": len(train.texts),
            "rows_test": len(test.texts), "train_seconds": round(seconds, 2),
            **metrics(test.labels, scores, times)}  # fmt: skip


BASELINES = {"toxicity": baseline_toxicity, "tfidf": baseline_tfidf}


def assistant_through_the_desk(train: Labelled, test: Labelled, *, online_only: bool) -> dict:
    """Feed TRAIN as readers' comments and moderators' decisions through the live services
    (submission screens each one; approve/reject teach the assistant after each commit;
    retrains run as tasks), then score TEST as a submission would be scored.

    Call it only in a scratch database: it creates a site, a story and thousands of comments.
    """
    from django.contrib.auth import get_user_model

    from commentdesk.core.models import Commenter, Site, Story, TermsRule
    from commentdesk.core.services import moderation
    from commentdesk.core.services.errors import SubmissionRefused
    from commentdesk.core.services.submission import submit_comment
    from commentdesk.screening import assistant, pipeline

    site = Site.objects.create(
        name="Evaluation", slug="assist-evaluate", domains=["evaluate.invalid"],
        max_comment_length=1_000_000,
    )  # fmt: skip
    story = Story.objects.create(site=site, url="https://evaluate.invalid/1", title="Evaluation")
    rule = TermsRule.objects.create(site=site, code="R1", title="Rejected in the archive")
    moderator = get_user_model().objects.create_superuser("assist-evaluate", password=None)
    assistant.RETRAIN_ENABLED = not online_only
    start = time.perf_counter()
    refused = 0
    for n, (text, label) in enumerate(zip(train.texts, train.labels, strict=True)):
        try:
            comment = submit_comment(story, display_name=f"Reader {n}", body=text,
                                     consent=True, network_hash=f"row-{n}").comment  # fmt: skip
        except SubmissionRefused:
            refused += 1
            continue
        if label:
            moderation.reject_comment(comment.pk, moderator=moderator, rule=rule)
        else:
            moderation.approve_comment(comment.pk, moderator=moderator)
    seconds = time.perf_counter() - start
    reader = Commenter.objects.create(site=site, identity_key="evaluate", display_name="Reader")

    def score(text: str) -> float:
        return pipeline.screen(story, reader, text, "evaluate").score

    scores, times = _timed_scores(score, test.texts)
    learned = site.assistant_model
    name = "assistant-online-only" if online_only else "assistant"
    return {"model": name, "rows_train": len(train.texts) - refused,
            "rows_test": len(test.texts), "train_seconds": round(seconds, 2),
            **metrics(test.labels, scores, times),
            "decisions_learned": learned.decisions,
            "last_full_retrain_at": learned.retrained_at_decisions}  # fmt: skip
