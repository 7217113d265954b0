# Every target bootstraps .venv from pyproject.toml on a fresh machine that has only python3
# and make. The venv's bin folder goes first on PATH so tools (ruff for the generator's hooks)
# are the pinned ones.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help venv generate check-generated lint typecheck unit test clean

help:
	@echo "make test             lint, mypy --strict, check-generated, pytest (what CI runs)"
	@echo "make generate         wipe and regenerate generated/devin_api from openapi/"
	@echo "make check-generated  fail if generated/devin_api differs from a fresh generation"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "devin-client needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

venv: $(STAMP)

generate: $(STAMP)
	$(BIN)/python scripts/generate.py

check-generated: $(STAMP)
	$(BIN)/python scripts/generate.py --check

lint: $(STAMP)
	$(BIN)/ruff check facade scripts tests
	$(BIN)/ruff format --check facade scripts tests

typecheck: $(STAMP)
	$(BIN)/mypy generated/devin_api facade/devin_client

unit: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck check-generated unit

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
