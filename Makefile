# Grogrund: `make demo` to try it, `make test` to run the whole suite.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
DEV_STAMP := $(VENV)/.installed-dev
BASE_STAMP := $(VENV)/.installed-base

.PHONY: demo test test-sqlite test-postgres lint bench messages lock clean install

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(BASE_STAMP): requirements/base.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/base.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements/dev.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@ $(BASE_STAMP)

install: $(BASE_STAMP)

## The demo: local environment from the lock file, SQLite database, demo data, server and
## a worker for background jobs beside it (stopped when the server stops).
demo: $(BASE_STAMP)
	mkdir -p var
	DEBUG=1 $(BIN)/grogrund migrate --no-input -v0
	DEBUG=1 $(BIN)/grogrund demo
	DEBUG=1 $(BIN)/grogrund worker --recover-after 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/grogrund runserver 127.0.0.1:8000

## The whole suite: lint, types, then the tests on SQLite and on a PostgreSQL 15 server.
test: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: $(DEV_STAMP)
	$(PY) -m pytest -n 2 --dist loadfile -q $(PYTEST_ARGS)

test-postgres: $(DEV_STAMP)
	scripts/with-postgres $(PY) -m pytest -n 2 --dist loadfile -q -m "not browser and not libreoffice" $(PYTEST_ARGS)

bench: $(DEV_STAMP)
	$(PY) benchmarks/run.py

## Re-extract and compile the translation catalogs (needs GNU gettext).
messages: $(DEV_STAMP)
	cd src/grogrund && DEBUG=1 ../../$(BIN)/grogrund makemessages -l sv -l en --no-obsolete --no-location --ignore "*/tests/*"
	cd src/grogrund && DEBUG=1 ../../$(BIN)/grogrund compilemessages

## Regenerate the lock files from pyproject.toml (needs network to the package index).
lock: | $(PY)
	$(PY) -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml -o requirements/base.txt --python-version 3.11
	$(BIN)/uv pip compile pyproject.toml --extra dev -o requirements/dev.txt --python-version 3.11

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
