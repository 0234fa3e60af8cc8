#!/usr/bin/env bash
# The assistant and both baselines on every labelled set in ../shared/data/moderation-dev/
# (or the folders given), one `commentdesk assist evaluate` run per set, then the same with
# --online-only (no periodic full retrain). Prints "SET {json}" lines.
# Usage: bench/assistant.sh [SET_DIR ...]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/moderation-dev
sets=("$@")
[ ${#sets[@]} -eq 0 ] && sets=("$DATA"/*/)
for dir in "${sets[@]}"; do
  name=$(basename "$dir")
  .venv/bin/commentdesk assist evaluate --train "$dir/train.csv" --test "$dir/test.csv" \
    --baseline toxicity --baseline tfidf | sed "s/^/$name /"
  .venv/bin/commentdesk assist evaluate --train "$dir/train.csv" --test "$dir/test.csv" \
    --online-only | sed "s/^/$name /"
done
