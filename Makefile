# dxplan: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DXPLAN_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-fast check install install-test lint format messages browser clean

# Each install runs again only when pyproject.toml or constraints.txt change. `make demo` installs
# what running needs; `make test` adds the test tools (which include everything demo needs).
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

install-test: $(TEST_STAMP)

demo: install
	$(BIN)/dxplan init
	$(BIN)/dxplan migrate --no-input -v0
	$(BIN)/dxplan load data/nagasaki
	# fictitious actuals, marked as sample data on every page (data/nagasaki-sample/README.md)
	$(BIN)/dxplan actuals import data/nagasaki-sample/actuals.csv --publish
	$(BIN)/dxplan ensureadmin
	@echo "Open http://$(HOST):$(PORT)/ (English: http://$(HOST):$(PORT)/en/, staff: /staff/, admin: /admin/)"
	$(BIN)/dxplan serve --host $(HOST) --port $(PORT)

# The whole suite, browser tests included: `browser` installs what they need or says what to run.
test: install-test browser check
	$(BIN)/pytest

# Everything but the browser tests, for a machine without chromium.
test-fast: install-test check
	$(BIN)/pytest -m "not browser"

check: install-test
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-logo

lint: install-test
	$(BIN)/ruff check src tests

format: install-test
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

messages: install-test
	cd src/dxplan && ../../$(BIN)/dxplan makemessages -l ja --no-obsolete --no-location
	$(BIN)/python scripts/ja_catalogue.py src/dxplan/locale/ja/LC_MESSAGES/django.po

# Debian's chromium and fonts-noto-cjk (apt-get, as root) and axe-core (npm ci), where missing.
browser:
	scripts/browser_deps.sh

clean:
	rm -rf $(VENV) var
