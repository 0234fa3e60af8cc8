# One entry point for people and CI. `make demo` runs the demo; `make test` runs every test;
# `make bench` measures Commentdesk against the peer Isso (bench/README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Languages of the readers' widget (see docs/integrators/embedding.md).
LOCALES := ko zh_Hans zh_Hant vi km lo my bo ug

.PHONY: demo test lint fmt install bench messages openapi-snapshot

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

# Re-extract the widget's strings and compile the catalogs (both are committed).
messages: $(STAMP)
	cd src/commentdesk && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=../..:.. \
	  ../../$(BIN)/django-admin makemessages $(addprefix -l ,$(LOCALES)) --no-location \
	  --no-obsolete --no-wrap -i "desk/*" -i "demo/*" -i "core/management/*" \
	  -i "core/migrations/*" -i "core/models/*"
	cd src/commentdesk && DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=../..:.. \
	  ../../$(BIN)/django-admin compilemessages

# Regenerate the committed OpenAPI snapshot after an intended API change.
openapi-snapshot: $(STAMP)
	DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=.:src $(BIN)/python -m tests.api.snapshot

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
