# Every target bootstraps .venv from pyproject.toml on a fresh machine that has only python3
# and make. The venv's bin folder goes first on PATH so tools (ruff for the generator's hooks)
# are the pinned ones.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help
.PHONY: help venv demo mock bench-facade soak bench generate check-generated lint typecheck unit test contract bench-mock clean

help:
	@echo "make demo             run examples/quickstart.py against the bundled mock"
	@echo "make test             check-generated, lint, mypy --strict, pytest (what CI runs)"
	@echo "make mock API=devin   serve a mock API until Ctrl-C [PORT=8123] [KEY=KEY[:ORG]]"
	@echo "make bench-facade     facade benchmarks: overhead, import time, upload RSS, async"
	@echo "make contract         schemathesis CLI vs a real devin-mock process (started and stopped)"
	@echo "make bench-mock       mock req/s + p50/p99 (create, get; 1 and 32 conn.), RSS of a 1 GiB upload"
	@echo "make soak             1,000 ops sync + async through 30 % faults of a devin-mock process"
	@echo "make bench            all benchmarks + soak -> bench/results/report.json, benchmarks.png"
	@echo "make generate         regenerate every API's package under generated/ (API=name: one)"
	@echo "make check-generated  check provenance, then fail if generated/ differs from a fresh generation"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "devin-client needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python scripts/demo.py --mock

# One of the project's mock APIs in the foreground until Ctrl-C: make mock API=devin PORT=8123
# KEY=apk_user_me:org-me (KEY as devin-mock's --key takes it; without KEY, the demo key). The
# trap keeps the shell alive through Ctrl-C so that it can turn the mock's 130 into a quiet stop
# (no "make: *** Error 130"); make itself then ends as interrupted programs do.
MOCK_API  = $(or $(API),devin)
MOCK_PORT = $(or $(PORT),8123)
mock: $(STAMP)
	@trap : INT; $(BIN)/python -m devin_client.testing --api '$(MOCK_API)' --port '$(MOCK_PORT)' \
	  $(if $(KEY),--key '$(KEY)'); status=$$?; [ $$status -eq 130 ] && exit 0; exit $$status

bench-facade: $(STAMP)
	$(BIN)/python bench/bench_facade.py

soak: $(STAMP)
	$(BIN)/python scripts/soak.py

# The `bench` extra (matplotlib, for the chart) is installed only here, never by CI's bootstrap.
BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	@touch $@

bench: $(BENCH_STAMP)
	$(MAKE) --no-print-directory bench-facade
	@if $(MAKE) -n bench-mock >/dev/null 2>&1; then $(MAKE) --no-print-directory bench-mock; \
	else echo "bench: no bench-mock target, the mock figures are not measured"; fi
	$(MAKE) --no-print-directory soak
	$(BIN)/python bench/report.py

# The schemathesis CLI against a devin-mock process on a free loopback port; the script always
# stops the mock. Extra CLI arguments: make contract CONTRACT_ARGS="--max-examples 200 --seed 1"
contract: $(STAMP)
	$(BIN)/python scripts/contract.py $(CONTRACT_ARGS)

# The load comes from wrk when it is installed (apt-get install wrk), else from a Python client;
# BENCH_MOCK_ARGS="--generator both" measures with both, "--quick" shortens every run.
bench-mock: $(STAMP)
	$(BIN)/python bench/bench_mock.py $(BENCH_MOCK_ARGS)

# Every API listed in openapi/apis.yaml, or only API=<name>.
generate: $(STAMP)
	$(BIN)/python scripts/generate.py $(API)

check-generated: $(STAMP)
	$(BIN)/python scripts/generate.py --check $(API)

lint: $(STAMP)
	$(BIN)/ruff check facade scripts tests examples
	$(BIN)/ruff format --check facade scripts tests examples

typecheck: $(STAMP)
	$(BIN)/mypy generated facade/devin_client examples scripts/demo.py scripts/contract.py scripts/soak.py

unit: $(STAMP)
	$(BIN)/python -m pytest

# check-generated first: a stale provenance checksum or overlay stops the run before the long tests.
test: check-generated lint typecheck unit

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
