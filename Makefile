# The two commands a newcomer needs: `make demo` and `make test`.
# Each one installs what it needs into .venv first, so both work on a fresh clone.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= datasets/generated
SEED   ?= 2026

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

## demo: install, then generate the whole synthetic dataset catalogue
demo: $(STAMP)
	$(BIN)/academy data make-all --out $(DATA) --seed $(SEED)

## test: install, then run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: print generation speed against the per-row Faker baseline
bench: $(STAMP)
	$(BIN)/python benchmarks/datasets.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache
