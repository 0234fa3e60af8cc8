"""The assistant starts from a prior and learns from each decision the desk makes."""

import pytest

from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from commentdesk.screening import store
from commentdesk.screening.model import FORMAT
from commentdesk.screening.models import AssistantCheckpoint, AssistantModel
from tests.conftest import post_comment
from tests.screening.test_submission import add_terms

PATTERN = "buy cheap pills at pillz now"


def decide(comment, moderator, rule, reject: bool, capture):
    with capture(execute=True):
        if reject:
            moderation.reject_comment(comment.pk, moderator=moderator, rule=rule)
        else:
            moderation.approve_comment(comment.pk, moderator=moderator)


def test_before_any_decision_the_prior_uses_the_screening_signals(story_a):
    add_terms(story_a.site, "hold", "pillz")
    banned = post_comment(story_a, body=PATTERN)
    plain = post_comment(story_a, body="I enjoyed this report on the harbour.")
    assert banned.reject_score > 0.5 > plain.reject_score
    assert not AssistantModel.objects.exists()


def test_the_score_of_a_rejected_pattern_rises_with_each_decision(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    def score(body):
        return post_comment(story_a, body=body).reject_score

    scores = [score(PATTERN + " today")]
    for n in range(4):
        decide(post_comment(story_a, body=f"{PATTERN} {n}"), alice, rule_a, True,
               django_capture_on_commit_callbacks)  # fmt: skip
        scores.append(score(PATTERN + " today"))
    assert scores == sorted(set(scores))  # strictly rising
    assert scores[0] < 0.5 < scores[-1]
    for n in range(4):
        decide(post_comment(story_a, body=f"Thanks for the reporting {n}"), alice, rule_a, False,
               django_capture_on_commit_callbacks)  # fmt: skip
    assert score("Thanks for the reporting, again") < 0.5 < score(PATTERN + " tomorrow")
    model = AssistantModel.objects.get(site=story_a.site)
    assert (model.decisions, model.rejections) == (8, 4)


def test_the_estimate_says_which_character_sequences_drove_it(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    for n in range(5):
        decide(post_comment(story_a, body=f"pillz {n}"), alice, rule_a, True,
               django_capture_on_commit_callbacks)  # fmt: skip
    drivers = post_comment(story_a, body="Where are the pillz").screening["assistant"]["drivers"]
    assert any("pillz" in gram or gram in "pillz" for gram, _ in drivers[:2])


def test_an_edit_teaches_that_the_text_before_it_would_be_rejected(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    comment = post_comment(story_a, body="Good point, you pillz fan")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.edit_comment(comment.pk, moderator=alice, rule=rule_a, body="Good point")
    model = AssistantModel.objects.get(site=story_a.site)
    assert (model.decisions, model.rejections) == (1, 1)


@pytest.mark.parametrize("status", [Comment.Status.APPROVED, Comment.Status.REJECTED])
def test_nothing_is_learned_from_a_decision_that_was_rolled_back(story_a, alice, rule_a, status):
    comment = post_comment(story_a)
    decide_fn = moderation.approve_comment if status == "approved" else moderation.reject_comment
    kwargs = {"rule": rule_a} if status == "rejected" else {}
    decide_fn(comment.pk, moderator=alice, **kwargs)  # the test's transaction never commits
    assert not AssistantModel.objects.exists()


def test_a_full_retrain_runs_as_a_task_once_enough_decisions_came_in(
    story_a, alice, rule_a, django_capture_on_commit_callbacks, monkeypatch
):
    from commentdesk.screening import assistant

    monkeypatch.setattr(assistant, "RETRAIN_MIN_DECISIONS", 6)
    waiting = post_comment(story_a, body="pillz pillz for sale")
    for n in range(3):
        decide(post_comment(story_a, body=f"pillz for sale {n}"), alice, rule_a, True,
               django_capture_on_commit_callbacks)  # fmt: skip
        decide(post_comment(story_a, body=f"A fair point {n}"), alice, rule_a, False,
               django_capture_on_commit_callbacks)  # fmt: skip
    model = AssistantModel.objects.get(site=story_a.site)
    assert model.retrained_at_decisions == 6
    waiting.refresh_from_db()
    assert waiting.reject_score > 0.5  # re-scored by the retrained model


def test_a_stored_model_of_an_older_format_is_refitted_from_the_decisions(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    for n in range(3):
        decide(post_comment(story_a, body=f"pillz for sale {n}"), alice, rule_a, True,
               django_capture_on_commit_callbacks)  # fmt: skip
        decide(post_comment(story_a, body=f"A fair point {n}"), alice, rule_a, False,
               django_capture_on_commit_callbacks)  # fmt: skip
    AssistantCheckpoint.objects.filter(model__site=story_a.site).update(
        state=b"cdassist1" + bytes(100)
    )
    AssistantModel.objects.filter(site=story_a.site).update(checkpoint="older", version="older")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(story_a, body="I enjoyed this report on the harbour.")
    model = AssistantModel.objects.get(site=story_a.site)
    assert model.retrained_at_decisions == 6
    assert bytes(model.stored.state).startswith(FORMAT)
    assert post_comment(story_a, body="pillz for sale today").reject_score > 0.5


def test_the_model_learns_a_term_in_an_unspaced_script(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    """Khmer is written without spaces between words; the term is learned inside text."""
    term = "ឆ្កួត"
    before = post_comment(story_a, body=f"អ្នកគឺ{term}ណាស់").reject_score
    for n, (good, bad) in enumerate(zip(KHMER_FINE, KHMER_REJECTED, strict=True)):
        decide(post_comment(story_a, body=bad.format(term=term)), alice, rule_a, True,
               django_capture_on_commit_callbacks)  # fmt: skip
        decide(post_comment(story_a, body=f"{good} {n}"), alice, rule_a, False,
               django_capture_on_commit_callbacks)  # fmt: skip
    after = post_comment(story_a, body=f"អ្នកគឺ{term}ណាស់").reject_score
    fine = post_comment(story_a, body="អរគុណសម្រាប់របាយការណ៍នេះ").reject_score
    assert before < 0.5 < after
    assert fine < 0.5


KHMER_FINE = ["អត្ថបទល្អណាស់", "ខ្ញុំយល់ស្របជាមួយអ្នកនិពន្ធ", "អរគុណសម្រាប់ព័ត៌មាន"]
KHMER_REJECTED = ["គាត់{term}ហើយ", "{term}ដូចគ្នា", "អ្នកនយោបាយ{term}"]


def test_each_decision_stores_a_step_and_every_few_hundred_a_checkpoint(
    story_a, alice, rule_a, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(store, "CHECKPOINT_EVERY", 3)
    for n in range(4):
        decide(post_comment(story_a, body=f"pillz for sale {n}"), alice, rule_a, n % 2 == 0,
               django_capture_on_commit_callbacks)  # fmt: skip
    model = AssistantModel.objects.get(site=story_a.site)
    assert (model.decisions, model.checkpoint_decisions) == (4, 3)
    assert list(model.steps.values_list("decision", flat=True)) == [4]


def test_another_process_catches_up_with_steps_and_checkpoints_learned_elsewhere(
    story_a, alice, rule_a, django_capture_on_commit_callbacks, monkeypatch
):
    """A process that cached the model reads what other processes learned since: the same
    model, bit for bit, as the one that learned it."""
    monkeypatch.setattr(store, "CHECKPOINT_EVERY", 4)
    site_id = story_a.site_id
    learned_here = []
    for n in range(6):
        decide(post_comment(story_a, body=f"pillz for sale {n}"), alice, rule_a, n % 2 == 0,
               django_capture_on_commit_callbacks)  # fmt: skip
        learned_here.append(store._copies[site_id].model.dumps())
        if n == 1:
            kept = store._copies[site_id]  # another process's copy, 2 decisions in
        if n in (2, 5):  # one step since, then a checkpoint and a step since
            store._copies[site_id] = kept
            version = AssistantModel.objects.get(site_id=site_id).version
            assert store.current(site_id, version).dumps() == learned_here[-1]


def test_a_model_learned_by_another_process_scores_the_next_comment(
    client, story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    """Each process keeps a site's model while its version, read with the story, holds."""
    from commentdesk.screening.assistant import example_for
    from commentdesk.screening.model import OnlineModel
    from tests.screening.test_submission import form_post

    decide(post_comment(story_a, body=PATTERN), alice, rule_a, False,
           django_capture_on_commit_callbacks)  # fmt: skip
    before = form_post(client, story_a, PATTERN + " once").reject_score
    learned = OnlineModel()
    for _ in range(20):
        learned.learn(example_for(PATTERN, {}), 1)
    # Another app server's decisions write the model and a new version; nothing here hears.
    AssistantCheckpoint.objects.filter(model__site=story_a.site).update(state=learned.dumps())
    AssistantModel.objects.filter(site=story_a.site).update(
        version="learned-elsewhere", checkpoint="elsewhere", checkpoint_decisions=21, decisions=21
    )
    after = form_post(client, story_a, PATTERN + " twice")
    assert before < 0.5 < after.reject_score
    assert after.screening["assistant"]["decisions"] == 21
