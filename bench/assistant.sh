#!/usr/bin/env bash
# The assistant and both baselines on every labelled set in ../shared/data/moderation-dev/
# (or the set folders given), one `commentdesk assist evaluate` run per set, smallest first.
# With --online-only: the assistant without its periodic full retrain, and no baselines.
# Prints "SET {json}" lines.   Usage: bench/assistant.sh [--online-only] [SET_DIR ...]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=(--baseline toxicity --baseline tfidf)
if [ "${1:-}" = "--online-only" ]; then mode=(--online-only); shift; fi
sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then
  mapfile -t sets < <(du -s ../shared/data/moderation-dev/*/ | sort -n | cut -f2)
fi
for dir in "${sets[@]}"; do
  .venv/bin/commentdesk assist evaluate --train "$dir/train.csv" --test "$dir/test.csv" \
    "${mode[@]}" | sed "s|^|$(basename "$dir") |"
done
