# dxplan: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DXPLAN_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint format messages browser clean

$(BIN)/dxplan: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(BIN)/dxplan

demo: install
	$(BIN)/dxplan migrate --no-input -v0
	$(BIN)/dxplan load data/nagasaki
	$(BIN)/dxplan ensureadmin
	@echo "Open http://$(HOST):$(PORT)/ (English: http://$(HOST):$(PORT)/en/, staff: /admin/)"
	$(BIN)/dxplan serve --host $(HOST) --port $(PORT)

# Browser tests need Debian's chromium and axe-core from npm; `make browser` installs both.
test: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy
	$(BIN)/pytest

lint:
	$(BIN)/ruff check src tests

format:
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

messages:
	cd src/dxplan && ../../$(BIN)/dxplan makemessages -l ja --no-obsolete --no-location
	$(BIN)/python scripts/ja_catalogue.py src/dxplan/locale/ja/LC_MESSAGES/django.po

browser:
	apt-get install -y --no-install-recommends chromium fonts-noto-cjk
	npm install --no-audit --no-fund

clean:
	rm -rf $(VENV) var
