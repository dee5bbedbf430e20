# Two commands: `make run` serves Kuza with demo data, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Test processes run in parallel; `make test TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= auto

.PHONY: run test test-browser test-scaleout fuzz-api lint messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	KUZA_LOAD_DEMO=$${KUZA_LOAD_DEMO:-true} $(BIN)/kuza run

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not browser" -n $(TEST_WORKERS)

test-browser: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m browser

# Two app servers, two workers and two schedulers from the Procfile on PostgreSQL
# (DATABASE_URL) and a redis-server the tests start on a free port; see .ci/run.
test-scaleout: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m scaleout -n 0 -p no:cacheprovider kuza/core/tests/test_scale_out.py

# Fuzzes the API (schemathesis) against a real server with the demo data, on SQLite; set
# DATABASE_URL to an empty PostgreSQL database to fuzz on PostgreSQL. Any 5xx fails.
fuzz-api: $(VENV)/.installed-test
	PYTHON=$(BIN)/python .ci/fuzz-api

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

messages: $(VENV)/.installed-test
	$(BIN)/kuza catalogs update

clean:
	rm -rf $(VENV) var
