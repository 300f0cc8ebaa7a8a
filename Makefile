# One entry point for set-up, reports, tests and benchmarks.
# Every target bootstraps the local virtual environment from the committed lock file when it is missing
# or older than the lock file, so a fresh clone needs only Python 3.11 and the package registry.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CORPUS ?= seeds
OUT ?= reports
JOBS ?=
SCRIPT ?=

export PYTHONPATH := $(CURDIR)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: all venv reports tables test lint typecheck bench lab lock clean clean-cache

all: reports

venv: $(STAMP)

$(STAMP): requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	@touch $@

reports: $(STAMP)
	$(PY) -m analysis reports --corpus "$(CORPUS)" --out "$(OUT)" $(if $(JOBS),--jobs $(JOBS),) $(if $(SCRIPT),--script $(SCRIPT),)

tables: $(STAMP)
	$(PY) -m analysis tables --corpus "$(CORPUS)" --out "$(OUT)/tables" $(if $(JOBS),--jobs $(JOBS),) $(if $(SCRIPT),--script $(SCRIPT),)

lint: $(STAMP)
	$(VENV)/bin/ruff check analysis tests notebooks bench tools
	$(VENV)/bin/ruff format --check analysis tests bench tools

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(PY) -m pytest
	$(PY) -m pytest -q -o addopts= --doctest-modules analysis  # the docstrings' examples

bench: $(STAMP)
	$(PY) -m bench

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks

# Re-resolve the lock files after editing pyproject.toml (needs `uv`, e.g. `pip install uv`).
lock:
	uv lock --python 3.11
	uv export --frozen --no-emit-project --all-extras --group dev --format requirements.txt -o requirements-dev.lock -q
	uv export --frozen --no-emit-project --no-dev --format requirements.txt -o requirements.lock -q

# Delete the per-document result cache (.cache/analysis); it is rebuilt on the next run.
clean-cache: $(STAMP)
	$(PY) -m analysis cache-clear

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
