"""Each site's assistant model in the database, and each process's copy of it.

The database holds a checkpoint (the whole model, about 3 MB) and one step per decision
learned since (the new values of the buckets that decision touched, a few kilobytes). A
decision is learned under a lock on the site's model row, by whichever process (app server
or worker) ran the decision: it brings its copy up to date, learns, and writes one step, or,
every ``CHECKPOINT_EVERY`` decisions, a new checkpoint in place of the steps. The lock makes
the decisions one sequence, so every process that applies the steps in order after the same
checkpoint holds the same model, bit for bit; a step sets values rather than adding to them.

A process keeps its copy until the row's ``version`` changes, then reads only the steps it
has not seen (or the checkpoint again, if a new one was written meanwhile). Nothing needs a
cache shared between servers, and a lost process loses nothing.
"""

import logging
import uuid
from dataclasses import dataclass
from functools import partial

from django.db import transaction

from commentdesk.screening.model import Example, OnlineModel
from commentdesk.screening.models import AssistantCheckpoint, AssistantModel, AssistantStep

CHECKPOINT_EVERY = 500  # decisions; then a 3 MB checkpoint replaces 500 steps of a few kB

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Copy:
    """A process's copy of a site's model, as of the row's version."""

    version: str
    checkpoint: str
    decisions: int
    model: OnlineModel


_copies: dict[int, Copy] = {}
_ROW = ("pk", "version", "checkpoint", "checkpoint_decisions", "decisions")


def current(site_id: int, version: str) -> OnlineModel:
    """The site's model at ``version`` or later (a site with a stored model only)."""
    copy = _copies.get(site_id)
    if copy and copy.version == version:
        return copy.model
    while True:
        row = AssistantModel.objects.only(*_ROW).get(site_id=site_id)
        copy = _up_to_date(site_id, row)
        if copy is not None:  # else a checkpoint was written between two reads: again
            return copy.model


def learn(site_id: int, example: Example, label: int) -> AssistantModel:
    """One incremental step on one decision, stored; the model row (without its state)."""
    with transaction.atomic():
        row = _locked_row(site_id)
        model = _up_to_date(site_id, row).model.copy()
        model.learn(example, label)
        row.decisions += 1
        row.rejections += label
        fields = ["version", "decisions", "rejections", "updated_at"]
        if row.decisions - row.checkpoint_decisions >= CHECKPOINT_EVERY:
            fields += _checkpoint(row, model)
        else:
            AssistantStep.objects.create(
                model=row, decision=row.decisions, change=model.step(example.indices)
            )
        row.version = uuid.uuid4().hex
        row.save(update_fields=fields)
    _copies[site_id] = Copy(row.version, row.checkpoint, row.decisions, model)
    return row


def replace(site_id: int, refit) -> None:
    """Store ``refit(model)`` (a full retrain's model, given the current one) as the new
    checkpoint."""
    with transaction.atomic():
        row = AssistantModel.objects.select_for_update().only(*_ROW).get(site_id=site_id)
        model = refit(_up_to_date(site_id, row, refitting=True).model.copy())
        row.version = uuid.uuid4().hex
        row.retrained_at_decisions = row.decisions
        fields = [*_checkpoint(row, model), "version", "retrained_at_decisions", "updated_at"]
        row.save(update_fields=fields)
    _copies[site_id] = Copy(row.version, row.checkpoint, row.decisions, model)


def _checkpoint(row: AssistantModel, model: OnlineModel) -> list[str]:
    """Make ``model`` the row's checkpoint (the caller saves the row's fields named) and drop
    the steps it includes."""
    AssistantStep.objects.filter(model=row).delete()
    AssistantCheckpoint.objects.update_or_create(model=row, defaults={"state": model.dumps()})
    row.checkpoint = uuid.uuid4().hex
    row.checkpoint_decisions = row.decisions
    return ["checkpoint", "checkpoint_decisions"]


def _locked_row(site_id: int) -> AssistantModel:
    """The site's model row, locked, without its (large) state; created on first use."""
    locked = AssistantModel.objects.select_for_update().only(
        *_ROW, "rejections", "retrained_at_decisions"
    )
    row = locked.filter(site_id=site_id).first()
    if row is None:
        created, new = AssistantModel.objects.get_or_create(site_id=site_id)
        if new:
            AssistantCheckpoint.objects.create(model=created, state=OnlineModel().dumps())
        row = locked.get(site_id=site_id)
    return row


def _up_to_date(site_id: int, row: AssistantModel, *, refitting: bool = False) -> Copy | None:
    """This process's copy brought to the row's version: the steps since its copy, or since
    the checkpoint. None if the checkpoint read is no longer the row's (only without the
    row's lock)."""
    copy = _copies.get(site_id)
    if copy and copy.checkpoint == row.checkpoint and copy.decisions >= row.decisions:
        return copy  # as new as the row, or newer (the row was read before this process learned)
    if copy and copy.checkpoint == row.checkpoint:
        model, since = copy.model.copy(), copy.decisions
    else:
        state = AssistantCheckpoint.objects.filter(model=row.pk, model__checkpoint=row.checkpoint)
        blob = state.values_list("state", flat=True).first()
        if blob is None:
            return None
        model, since = _loads(site_id, bytes(blob), refit=not refitting), row.checkpoint_decisions
    steps = AssistantStep.objects.filter(
        model_id=row.pk, decision__gt=since, decision__lte=row.decisions
    )
    changes = list(steps.order_by("decision").values_list("change", flat=True))
    if len(changes) != row.decisions - since:
        return None  # folded into a newer checkpoint meanwhile
    for change in changes:
        model.apply(bytes(change))
    copy = Copy(row.version, row.checkpoint, row.decisions, model)
    _copies[site_id] = copy
    return copy


def _loads(site_id: int, blob: bytes, *, refit: bool) -> OnlineModel:
    """A stored checkpoint. One of an older layout is replaced by the prior at once and,
    unless this is the refit, a full refit from the site's stored decisions is queued to
    restore what it had learned."""
    try:
        return OnlineModel.loads(blob)
    except ValueError:
        if refit:
            logger.warning("Assistant model of an older format: refitting it from decisions.")
            from commentdesk.screening.tasks import retrain_assistant

            transaction.on_commit(partial(retrain_assistant.enqueue, site_id))
        return OnlineModel()
