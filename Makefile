# Guwah's two set-up commands are `make demo` and `make test`; the rest are their steps.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/guwah
SHARED_DATA ?= ../shared/data
# The demo loads the gazetteer shipped in the package; PLACES=$(SHARED_DATA)/xinjiang_places.csv
# (or any other file) loads that one instead.
PLACES ?=
PYTEST_ARGS ?=

.PHONY: install assets messages system-deps demo test test-sqlite test-postgres lint typecheck bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,spark]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

guwah/static/vendor/.installed: node_modules/.installed scripts/vendor_assets.py
	$(BIN)/python scripts/vendor_assets.py
	touch $@

assets: $(VENV)/.installed guwah/static/vendor/.installed

# The interface's translations are compiled from the .po files in the repository; fuzzy entries are
# compiled too, so a wording awaiting a native speaker's check is still shown (docs/translations.md).
# Compiling reads no secret, so it runs under the development settings.
messages: $(VENV)/.installed
	cd guwah && GUWAH_DEBUG=true ../$(BIN)/python ../manage.py compilemessages --use-fuzzy -v 0

install: $(VENV)/.installed assets messages

# Chromium for browser tests and CJK fonts for screenshots and PDFs, from Debian's packages.
system-deps:
	bash scripts/install-system-deps.sh

# A local demonstration signs its sessions with the published development key.
# The demo signs its sessions with a key of its own, made once and readable by its owner only,
# never with the development key published in the source.
DEMO_KEY := $${GUWAH_DATA_DIR:-data}/secret-key
# The master key that encrypts witnesses' names and testimony must not sit in the data directory
# it protects (docs/security.md), so the demo keeps its own beside it, also readable by its owner only.
DEMO_MASTER_KEY ?= demo-keys/master-key

demo: install
	mkdir -p "$${GUWAH_DATA_DIR:-data}"
	test -s "$(DEMO_KEY)" || (umask 077; $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > "$(DEMO_KEY)")
	test -s "$(DEMO_MASTER_KEY)" || (umask 077; mkdir -p "$$(dirname "$(DEMO_MASTER_KEY)")" && GUWAH_DEBUG=true $(BIN)/guwah keys new-master > "$(DEMO_MASTER_KEY)")
	GUWAH_SECRET_KEY_FILE="$(DEMO_KEY)" GUWAH_MASTER_KEY_FILE="$(DEMO_MASTER_KEY)" $(BIN)/guwah demo --persons 1000 $(if $(PLACES),--places $(PLACES))

lint: $(VENV)/.installed
	$(BIN)/ruff check guwah bench scripts tests conftest.py
	$(BIN)/ruff format --check guwah bench scripts tests conftest.py

typecheck: $(VENV)/.installed
	$(BIN)/mypy guwah

test-sqlite: install
	$(BIN)/pytest -q $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q $(PYTEST_ARGS)

test: system-deps install lint typecheck
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
