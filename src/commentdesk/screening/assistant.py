"""The moderation assistant: each site's estimate that its desk would reject a comment,
learned from the desk's own decisions, one decision at a time.

``estimate`` scores a screened comment and says which character sequences drove the
score. ``learn_from_decision`` is the only way decisions reach the model: the moderation
services call it (through ``decision_made``) after their transaction commits, and the
``assist evaluate`` command feeds its training rows through those same services. Every
``RETRAIN_SHARE`` of new decisions a full retrain is queued as a background task
(``screening.tasks.retrain_assistant``); the model is useful without it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

import numpy as np
from django.db import transaction

from commentdesk.core.models import Comment, Revision, Site
from commentdesk.screening import store
from commentdesk.screening.model import SIGNALS, Example, Features, OnlineModel, text_features
from commentdesk.screening.models import AssistantModel
from commentdesk.screening.normalise import fold

REJECTED = (Comment.Status.REJECTED, Comment.Status.SPAM)
LABELS = {Comment.Status.APPROVED: 0, Comment.Status.REJECTED: 1, Comment.Status.SPAM: 1}
RETRAIN_MIN_DECISIONS = 200
RETRAIN_SHARE = 0.1  # retrain once decisions grew by a tenth since the last retrain
DRIVERS_SHOWN = 6
# The spam counts at which the duplicates and velocity signals are full: counting further
# changes no estimate (``stages.screen_spam`` counts at least this far).
DUPLICATES_FULL = 5
VELOCITY_FULL = 10


def signal_values(screening: dict) -> np.ndarray:
    """The screening signals the prior weighs, each in [0, 1], from stored stage results."""
    stages = screening.get("stages", {})
    matches = stages.get("terms", {}).get("data", {}).get("matches", [])
    actions = {m["action"] for m in matches}
    link_verdicts = {
        link["verdict"] for link in stages.get("links", {}).get("data", {}).get("links", [])
    }
    spam = stages.get("spam", {}).get("data", {})
    tox = stages.get("toxicity", {}).get("data", {}).get("score")
    values = {
        "banned_reject": "reject" in actions,
        "banned_hold": "hold" in actions,
        "suspect": "flag" in actions,
        "toxicity": tox or 0.0,
        "blocked_link": "reject" in link_verdicts,
        "held_link": "hold" in link_verdicts,
        "duplicates": min(
            1.0, (spam.get("same_text", 0) + spam.get("similar_text", 0)) / DUPLICATES_FULL
        ),
        "velocity": min(
            1.0, max(spam.get("same_commenter", 0), spam.get("same_network", 0)) / VELOCITY_FULL
        ),
    }
    return np.array([float(values[name]) for name in SIGNALS])


def example_for(body: str, screening: dict) -> Example:
    """What the model learns from a decision on ``body``: its text folded loosely (as
    ``normalise.fold``) and the screening signals."""
    return _example(text_features(fold(body, loose=True).text), screening)


def _example(features: Features, screening: dict) -> Example:
    return Example(features.indices, features.values, signal_values(screening))


@lru_cache(maxsize=1)
def _prior_model() -> OnlineModel:
    """The untrained model (prior only), shared read-only by sites without decisions."""
    return OnlineModel()


def model_for(site_id: int, stored: tuple[str | None, int] | None = None):
    """The site's current model and its decisions, cached per process until its version
    changes. ``stored`` is the stored model's (version, decisions) when the caller read them
    (``pipeline.with_screening``), version None when the site has no model; else they are read.
    """
    if stored is None:
        row = AssistantModel.objects.filter(site_id=site_id).values_list("version", "decisions")
        stored = row.first() or (None, 0)
    version, decisions = stored
    if version is None:
        return _prior_model(), 0
    return store.current(site_id, version), decisions


@dataclass(frozen=True)
class Estimate:
    score: float
    drivers: list[tuple[str, float]]  # the character sequences pushing hardest to reject
    decisions: int

    def as_json(self) -> dict:
        return {"score": round(self.score, 4), "drivers": self.drivers, "decisions": self.decisions}


def estimate(
    site_id: int, folded: str, screening: dict, *, stored: tuple[str | None, int] | None = None
) -> Estimate:
    """``folded``: the comment's text folded loosely (``normalise.fold``), as the screening
    stages read it. ``stored``: as for ``model_for``."""
    model, decisions = model_for(site_id, stored)
    features = text_features(folded)
    score = model.score(_example(features, screening))
    drivers = _without_overlaps(model.pushes(features), DRIVERS_SHOWN)
    return Estimate(score, [(g, round(p, 3)) for g, p in drivers], decisions)


def _without_overlaps(ranked: Iterable[tuple[str, float]], limit: int) -> list[tuple[str, float]]:
    """The ``limit`` strongest n-grams, skipping those inside or around a stronger one
    ("idiot" over "idio")."""
    kept: list[tuple[str, float]] = []
    for gram, push in ranked:
        core = gram.strip()
        if not any(core in other or other in core for other, _ in kept):
            kept.append((core, push))
            if len(kept) == limit:
                break
    return kept


def decision_made(comment: Comment, *, status: str = "", body_before: str | None = None):
    """Called by the moderation services inside their transaction: learn after it commits.

    An approval teaches 0, a rejection (or spam) 1; an edit teaches that the text before
    the edit would have been rejected.
    """
    if body_before is not None:
        label, text = 1, body_before
    elif status in LABELS:
        label, text = LABELS[status], comment.body
    else:
        return
    site_id = comment.story.site_id
    learn = partial(learn_from_decision, site_id, label, text, comment.screening)
    transaction.on_commit(learn)


def learn_from_decision(site_id: int, label: int, text: str, screening: dict) -> None:
    """One incremental step on one decision; queue a full retrain when one is due."""
    row = store.learn(site_id, example_for(text, screening), label)
    if retrain_due(row):
        from commentdesk.screening.tasks import retrain_assistant

        transaction.on_commit(partial(retrain_assistant.enqueue, site_id))


RETRAIN_ENABLED = True  # the evaluate command's --online-only turns it off to measure


def retrain_due(row: AssistantModel) -> bool:
    new = row.decisions - row.retrained_at_decisions
    return (
        RETRAIN_ENABLED
        and row.decisions >= RETRAIN_MIN_DECISIONS
        and new >= RETRAIN_SHARE * row.decisions
    )


def training_set(site: Site) -> list[tuple[str, dict, int]]:
    """Every decision the site's desk made, as (text, screening, label)."""
    decided = Comment.objects.filter(story__site=site, status__in=list(LABELS)).values_list(
        "body", "screening", "status"
    )
    rows = [(body, screening, LABELS[status]) for body, screening, status in decided]
    edits = Revision.objects.filter(comment__story__site=site).select_related("comment")
    rows += [(r.body_before, r.comment.screening, 1) for r in edits]
    return rows
