"""English toxicity is alt-profanity-check's model, scored from its exported arrays."""

import copy
import csv
from pathlib import Path

import pytest
from profanity_check import predict_prob, profanity_check

from commentdesk.screening import toxicity, toxicity_export
from tests.fuzz.corpus import naughty_strings

DATA = Path(__file__).parent / "data"
TEXTS = ["you are an idiot", "Nice article, thanks!", "", "12 34", "what the hell is this"]


def sample() -> list[str]:
    with (DATA / "test.csv").open(encoding="utf-8", newline="") as handle:
        comments = [row["text"] for row in csv.DictReader(handle)]
    return TEXTS + comments + list(naughty_strings())


def test_the_scorer_gives_the_packages_own_probabilities():
    texts = sample()
    expected = [float(p) for p in predict_prob(texts)]
    assert [toxicity.score(t) for t in texts] == pytest.approx(expected, rel=0, abs=1e-12)


def test_the_export_refuses_an_analyser_the_scorer_would_not_reproduce():
    accents_stripped = copy.copy(profanity_check.vectorizer).set_params(strip_accents="unicode")
    with pytest.raises(ValueError, match="strip_accents"):
        toxicity_export.arrays(accents_stripped, profanity_check.model)


def test_the_arrays_are_exported_once_per_package_version(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    path = toxicity.exported()
    assert path.parent == tmp_path / "models"
    assert path.name.startswith("toxicity-") and path.suffix == ".npz"
    written = path.stat().st_mtime_ns
    assert toxicity.exported() == path and path.stat().st_mtime_ns == written
