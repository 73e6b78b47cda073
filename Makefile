# The two commands a newcomer needs: `make demo` and `make test`.
# Each one installs what it needs into .venv first, so both work on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= datasets/generated
SEED   ?= 2026

PROXY  := node_modules/.bin/configurable-http-proxy
CHROMIUM ?= /usr/bin/chromium
# The progress store's PostgreSQL test starts a throwaway server from Debian's postgresql.
PG_CTL := $(lastword $(wildcard /usr/lib/postgresql/*/bin/pg_ctl))
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test unit lint install bench clean postgresql

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

# JupyterHub's proxy, from npm, into this project (not -g).
$(PROXY): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $(PROXY)

# The browser tests drive Debian's chromium; Playwright never downloads one.
$(CHROMIUM):
	$(SUDO) apt-get install -y -q chromium || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium)

postgresql:
	@[ -n "$(PG_CTL)" ] || $(SUDO) apt-get install -y -q postgresql || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q postgresql)

install: $(STAMP) $(PROXY)

## demo: install, generate the data catalogue, release the course and start the hub on http://127.0.0.1:8000
demo: $(STAMP) $(PROXY)
	$(BIN)/academy data make-all --out $(DATA) --seed $(SEED)
	$(BIN)/academy hub start

## test: install, check the habits (ruff, mypy), then run the whole test suite (two files at a time; a file's tests stay together)
test: $(STAMP) $(PROXY) $(CHROMIUM) postgresql lint
	$(BIN)/python -m pytest -n 2 --dist loadfile

## unit: the fast tests for everyday work (no hub, browser, grader or database server; under a minute)
unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit -m "not slow" -n 2 -q

## lint: the code's habits, as CONTRIBUTING.md describes them
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## bench: print generation speed against the per-row Faker baseline
bench: $(STAMP)
	$(BIN)/python benchmarks/datasets.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache node_modules hub-config/state
