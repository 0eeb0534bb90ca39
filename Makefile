# Lanting: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANTING := $(BIN)/lanting
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint serve messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the dependencies change; an editable install picks up code edits by itself.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(LANTING) migrate --no-input
	$(LANTING) collectstatic --no-input --verbosity 0
	$(LANTING) load_demo
	@echo "Serving Lanting on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(LANTING) runserver $(HOST):$(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lanting
	$(LANTING) makemigrations --check --dry-run

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

# Rebuild the Chinese catalogue after changing user-facing strings.
APPS_WITH_TEXT := core accounts moderation portal forum search archiver demo
messages: $(VENV)/.installed-dev
	for app in $(APPS_WITH_TEXT); do \
	  mkdir -p lanting/$$app/locale && \
	  (cd lanting/$$app && ../../$(LANTING) makemessages --locale zh_Hans --ignore "tests/*" \
	    --no-obsolete --no-location --add-location=never) || exit 1; \
	done
	$(LANTING) compilemessages --locale zh_Hans --ignore ".venv"

clean:
	rm -rf $(VENV) var/static
