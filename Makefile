# One entry point for people and CI. `make demo` runs the demo; `make test` runs every test;
# `make bench` measures Commentdesk against the peer Isso (bench/README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint fmt install bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Development-only JavaScript tools (axe-core for the accessibility scans), pinned by the lock.
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

demo: $(STAMP)
	$(BIN)/commentdesk demo

test: $(STAMP) $(NODE_STAMP)
	scripts/test

lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check

fmt: $(STAMP)
	$(BIN)/ruff format
	$(BIN)/ruff check --fix

bench: $(STAMP)
	bench/setup
	$(BIN)/python -m bench $(BENCH_ARGS)
