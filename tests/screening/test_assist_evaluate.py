"""``commentdesk assist evaluate``: good files give one JSON line, bad files one error line."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-m", "commentdesk.cli", "assist", "evaluate", *args],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip


def test_it_learns_from_the_train_file_and_scores_the_test_file():
    done = run_cli("--train", str(DATA / "train.csv"), "--test", str(DATA / "test.csv"),
                   "--baseline", "toxicity", "--baseline", "tfidf")  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    baselines, result = lines[:-1], lines[-1]
    assert [b["model"] for b in baselines] == ["baseline-toxicity", "baseline-tfidf"]
    assert {"rows_train", "rows_test", "roc_auc", "average_precision", "recall_at_precision_0.9",
            "train_seconds", "score_ms_p50", "score_ms_p99"} <= set(result)  # fmt: skip
    assert (result["rows_train"], result["rows_test"]) == (80, 40)
    assert result["decisions_learned"] == 80
    assert result["roc_auc"] > 0.9  # the made-up rejects share words the desk rejected


def write(tmp_path, name: str, content, encoding="utf-8") -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return str(path)


@pytest.mark.parametrize(
    "content, message",
    [
        ("body,label\nhello,0\n", "train.csv needs a header row with columns text,label; "
         "missing text."),
        ("text,label\nhello,0\nbye,2\n", "train.csv line 3: label must be 0 or 1, got '2'."),
        ("text,label\nhello,yes\n", "train.csv line 2: label must be 0 or 1, got 'yes'."),
        ("text,label\n", "train.csv has no rows with text."),
        ("text,label\nhéllo,0\n".encode("latin-1"),
         "train.csv is not UTF-8: byte 0xe9 at offset 12."),
    ],
)  # fmt: skip
def test_a_bad_file_ends_with_one_line_and_status_2(tmp_path, capsys, content, message):
    train = write(tmp_path, "train.csv", content)
    with pytest.raises(SystemExit) as exit_:
        call_command("assist", "evaluate", "--train", train, "--test", str(DATA / "test.csv"))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"assist evaluate: {message}"]


def test_a_missing_file_is_a_bad_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("assist", "evaluate", "--train", str(tmp_path / "nope.csv"),
                     "--test", str(DATA / "test.csv"))  # fmt: skip
    assert exit_.value.code == 2
    assert "cannot read the file" in capsys.readouterr().err


def test_a_test_file_with_one_label_cannot_be_measured(tmp_path, capsys):
    test = write(tmp_path, "test.csv", "text,label\nhello,0\nbye,0\n")
    with pytest.raises(SystemExit):
        call_command("assist", "evaluate", "--train", str(DATA / "train.csv"), "--test", test)
    assert "needs rows of both labels" in capsys.readouterr().err


def test_the_cli_exits_2_with_one_line_on_a_bad_file(tmp_path):
    done = run_cli("--train", write(tmp_path, "t.csv", "text,label\nhi,3\n"),
                   "--test", str(DATA / "test.csv"))  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "assist evaluate: t.csv line 2: label must be 0 or 1, got '3'."
    ]
    assert done.stdout == ""
