"""``commentdesk assist evaluate --train TRAIN.csv --test TEST.csv``: judge the assistant.

The files are checked first (a bad file ends with one line on stderr and exit status 2).
The assistant then runs in a child process on a scratch SQLite database in a temporary
folder, so the operator's own database never sees the archive, and submission rate limits
are off there (thousands of comments arrive in minutes). The last line on stdout is one
JSON object; ``--baseline`` adds a line per baseline before it, measured in the same run.
"""

import json
import os
import subprocess
import sys
import tempfile

from django.core.management.base import BaseCommand, CommandError, CommandParser

from commentdesk.screening import evaluation

SCRATCH_FLAG = "--in-scratch-database"
SHM = "/dev/shm"  # noqa: S108


class Command(BaseCommand):
    help = "Judge the moderation assistant on labelled comments."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        evaluate = sub.add_parser("evaluate", help="Train on TRAIN as decisions, score TEST.")
        evaluate.add_argument("--train", required=True, help="CSV with columns text,label")
        evaluate.add_argument("--test", required=True, help="CSV with columns text,label")
        evaluate.add_argument(
            "--baseline", action="append", choices=sorted(evaluation.BASELINES), default=[],
            help="Also measure a baseline on the same split (repeatable).",
        )  # fmt: skip
        evaluate.add_argument(
            "--online-only", action="store_true",
            help="No periodic full retrain: the assistant learns one decision at a time only.",
        )  # fmt: skip
        evaluate.add_argument(SCRATCH_FLAG, action="store_true", help="(internal)")

    def handle(self, *args, **options) -> None:
        try:
            train = evaluation.read_labelled(options["train"])
            test = evaluation.read_labelled(options["test"])
            evaluation.require_both_labels(test, options["test"])
        except evaluation.BadFile as error:
            self.stderr.write(f"assist evaluate: {error}")
            sys.exit(2)
        if options[SCRATCH_FLAG.lstrip("-").replace("-", "_")]:
            self._run_here(train, test, options["online_only"])
            return
        for name in options["baseline"]:
            self.stdout.write(json.dumps(evaluation.BASELINES[name](train, test)))
        self.stdout.flush()
        self._run_in_scratch_database(options)

    def _run_here(self, train, test, online_only: bool) -> None:
        from django.core.management import call_command
        from django.test.utils import override_settings

        call_command("migrate", verbosity=0)
        immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        with override_settings(TASKS=immediate):
            result = evaluation.assistant_through_the_desk(train, test, online_only=online_only)
        self.stdout.write(json.dumps(result))

    def _run_in_scratch_database(self, options) -> None:
        # In memory where the system has a tmpfs: the scratch database needs no durability.
        # TemporaryDirectory makes a private (0700) folder with an unpredictable name.
        shm = SHM if os.path.isdir(SHM) and os.access(SHM, os.W_OK) else None
        with tempfile.TemporaryDirectory(
            prefix="commentdesk-evaluate-", dir=shm, ignore_cleanup_errors=True
        ) as folder:
            env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
            env |= {
                "COMMENTDESK_DATA_DIR": folder,
                "DJANGO_SETTINGS_MODULE": "commentdesk.settings",
                "COMMENTDESK_TASKS": "db",
                "COMMENTDESK_RATE_LIMIT_ADDRESS": "off",
                "COMMENTDESK_RATE_LIMIT_COMMENTER": "off",
                "COMMENTDESK_RATE_LIMIT_STORY": "off",
            }
            command = [sys.executable, "-m", "commentdesk.cli", "assist", "evaluate",
                       "--train", options["train"], "--test", options["test"],
                       SCRATCH_FLAG]  # fmt: skip
            if options["online_only"]:
                command.append("--online-only")
            # Our own interpreter and command; the file names are passed as arguments, not
            # through a shell.
            done = subprocess.run(  # noqa: S603
                command, env=env, capture_output=True, text=True, check=False
            )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise CommandError(f"assist evaluate: the scratch run failed: {last}", returncode=2)
        self.stdout.write(done.stdout.strip().splitlines()[-1])
